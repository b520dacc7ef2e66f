import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeText } from './normalize.ts';
import { segment } from './segment.ts';

/** The sentences of a raw text, as strings, after normalisation; every span is checked against the text. */
function sentencesOf(raw: string): string[] {
  const text = normalizeText(raw);
  return segment(text).sentences.map((s) => text.slice(s.start, s.end));
}

test('abbreviations, initials and decimals do not end sentences', () => {
  assert.deepEqual(
    sentencesOf(
      'Dr. Smith met J. R. Jones in the U.S. capital on Jan. 5 to discuss item No. 5 of the plan. Growth was 3.5 per cent, e.g. in exports. It ended.',
    ),
    [
      'Dr. Smith met J. R. Jones in the U.S. capital on Jan. 5 to discuss item No. 5 of the plan.',
      'Growth was 3.5 per cent, e.g. in exports.',
      'It ended.',
    ],
  );
});

test('quotes and brackets stay with their sentence', () => {
  assert.deepEqual(sentencesOf('"Is this the end?" she asked. He said, "It is over." Then he left (for good.) Done.'), [
    '"Is this the end?" she asked.',
    'He said, "It is over."',
    'Then he left (for good.)',
    'Done.',
  ]);
});

test('an abbreviation with dots ends a sentence before a sentence starter', () => {
  assert.deepEqual(sentencesOf('They moved to the U.S. The move was hard.'), [
    'They moved to the U.S.',
    'The move was hard.',
  ]);
});

test('bullets, numbered items and headings become their own sentences, without markers', () => {
  const text = normalizeText(
    'Top 5 Subtopics\n\n1. Economic Engagement\n\n  • Russia trades with many. It invests too.\n  • Tourism grows.\n',
  );
  const { sentences } = segment(text);
  assert.deepEqual(
    sentences.map((s) => [s.kind, text.slice(s.start, s.end)]),
    [
      ['heading', 'Top 5 Subtopics'],
      ['item', 'Economic Engagement'],
      ['item', 'Russia trades with many.'],
      ['item', 'It invests too.'],
      ['item', 'Tourism grows.'],
    ],
  );
});

test('hard-wrapped lines are reflowed into paragraphs, hyphenated breaks rejoined', () => {
  const raw = [
    'The General Assembly is meeting at a time of great change in',
    'the world. China remains committed to seeking a peaceful',
    'solution through the Six-',
    'Party Talks on the Korean peninsula and throughout the',
    'region.',
    '   We will continue to play a constructive role in the talks',
    'and in the wider region of North-East Asia and beyond it.',
  ].join('\n');
  assert.deepEqual(sentencesOf(raw), [
    'The General Assembly is meeting at a time of great change in the world.',
    'China remains committed to seeking a peaceful solution through the Six-Party Talks on the Korean peninsula and throughout the region.',
    'We will continue to play a constructive role in the talks and in the wider region of North-East Asia and beyond it.',
  ]);
});

test('one paragraph per long line keeps unpunctuated lines apart (feed abstracts)', () => {
  const raw =
    'US and EU sanctions against the Chinese telecoms group have bolstered Sino-Russian co-operation across many domains of policy\nTo avoid becoming part of a Sino-centric power bloc, Moscow must reduce its dependence on China by fostering other relations.\nDespite border closures, Russia and others may be pushed even closer to Beijing.';
  assert.deepEqual(sentencesOf(raw), raw.split('\n'));
});

test('offsets are exact even with astral characters and odd whitespace', () => {
  const text = normalizeText('Emoji 😀 first.\u00a0 Second\tsentence here.\r\n\r\nThird one.');
  const { sentences } = segment(text);
  assert.deepEqual(
    sentences.map((s) => text.slice(s.start, s.end)),
    ['Emoji 😀 first.', 'Second sentence here.', 'Third one.'],
  );
});

test('in unwrapped text an unfinished line joins a lower-case or short closing continuation', () => {
  const raw =
    'We adhere to the formula: “Successful Central Asia – Successful\nKazakhstan”.\nAlong with our partners we are building a more connected and resilient Central Asia through dialogue platforms that reach many more countries than before.\nThe reforms continue across the\nwhole region, with results that everyone can see in the economy and in public life.';
  assert.deepEqual(sentencesOf(raw), [
    'We adhere to the formula: “Successful Central Asia – Successful Kazakhstan”.',
    'Along with our partners we are building a more connected and resilient Central Asia through dialogue platforms that reach many more countries than before.',
    'The reforms continue across the whole region, with results that everyone can see in the economy and in public life.',
  ]);
});
