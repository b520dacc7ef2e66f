import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backgroundCue, outlookCue, sentenceQuality } from './hygiene.ts';

test('rejects what cannot stand in a brief: questions, calls to action, furniture, headings, fragments', () => {
  for (const text of [
    'What are the prospects for Russia as an Indo-Pacific power in the coming decade?',
    'Join our mailing list to become part of our network of more than 150 scholars.',
    'This podcast episode focuses on the shift in power in Central Asia and the roles of China and Russia.',
    'Click here to read the full report on trade between the two countries.',
    'Too short to say much.',
  ]) {
    assert.equal(sentenceQuality(text, 'sentence'), 0, text);
  }
  assert.equal(sentenceQuality('Economic engagement between Russia and China in the north', 'heading'), 0);
});

test('ranks self-contained sentences above those leaning on missing context', () => {
  const clean = sentenceQuality(
    'Russian foreign policy remains focused primarily on Europe and its neighbours.',
    'sentence',
  );
  const dangling = sentenceQuality(
    'This is not based on emotions, but on national interests of both states.',
    'sentence',
  );
  const pointing = sentenceQuality(
    'In that context, the BRICS countries have considerable positive potential for growth.',
    'sentence',
  );
  const formality = sentenceQuality(
    'I congratulate you, Sir, on your election as President of the General Assembly.',
    'sentence',
  );
  const headline = sentenceQuality(
    'US and EU sanctions against the Chinese telecoms group have bolstered Sino-Russian co-operation',
    'sentence',
  );
  assert.equal(clean, 1);
  for (const weaker of [dangling, pointing, formality, headline]) assert.ok(weaker > 0 && weaker < clean);
  assert.ok(formality < dangling, 'speech formalities are the last resort');
});

test('cues: background looks back, outlook looks forward', () => {
  assert.equal(backgroundCue('Diplomatic relations were established in 1949 and have deepened since.'), 1);
  assert.equal(outlookCue('Relations are likely to be closer in the foreseeable future.'), 1);
  assert.equal(outlookCue('Relations were close in the 1950s.'), 0);
});
