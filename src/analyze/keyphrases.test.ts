import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DISTINCTIVE_DEFAULTS, distinctiveKeyphrases, extractKeyphrases, KEYPHRASE_DEFAULTS } from './keyphrases.ts';
import { phraseF1 } from './metrics.ts';

const ABSTRACT = `Keyphrase extraction with word graphs

Keyphrase extraction finds the phrases that best describe a document. A word graph links the words that occur near each other, and a random walk over the word graph ranks them. This paper presents a new approach. The results show that keyphrase extraction benefits from the word graph, while centrality alone is weak.`;

const phrases = (text: string, k = 10) => extractKeyphrases(text, { ...KEYPHRASE_DEFAULTS, k }).map((p) => p.phrase);

describe('extractKeyphrases', () => {
  test('ranks repeated, early, multi-word phrases first and one-off single words last', () => {
    const ranked = phrases(ABSTRACT);
    // "keyphrase extraction": in the title and used three times, its words are the hubs of the word graph.
    assert.equal(ranked[0], 'keyphrase extraction');
    // "word graph(s)": also in the title and repeated, so second (plural and singular are one stemmed phrase).
    assert.equal(ranked[1], 'word graphs');
    // "random walk" is a two-word phrase used once: below the repeated phrases, above one-word ones.
    assert.ok(ranked.indexOf('random walk') > 1);
    assert.ok(ranked.indexOf('random walk') < ranked.indexOf('centrality'));
    // "centrality": one word, used once, near the end — the weakest candidate.
    assert.equal(ranked[ranked.length - 1], 'centrality');
  });

  test('never returns academic filler or phrases running across a heading break', () => {
    const ranked = phrases(ABSTRACT, 50);
    for (const filler of ['paper', 'new approach', 'approach', 'results']) assert.ok(!ranked.includes(filler), filler);
    // The title ends with "word graphs" and the next paragraph starts with "Keyphrase extraction".
    assert.ok(!ranked.some((p) => p.includes('graphs keyphrase')));
    // "links" is a verb here ("a word graph links the words"), though the tagger calls it a noun.
    assert.ok(!ranked.some((p) => p.includes('links')));
  });

  test('keeps hyphenated compounds as written and scores are best first', () => {
    const result = extractKeyphrases(
      'New entrants are shaking up the separate-account industry by supplying Web-based platforms to advisers.',
    );
    const ranked = result.map((p) => p.phrase);
    assert.ok(ranked.includes('separate-account industry'), ranked.join(' | '));
    assert.ok(ranked.includes('web-based platforms'), ranked.join(' | '));
    for (let i = 1; i < result.length; i++) assert.ok(result[i - 1]!.score >= result[i]!.score);
  });

  test('is deterministic, honours k, and returns nothing for text without nouns', () => {
    assert.deepEqual(extractKeyphrases(ABSTRACT), extractKeyphrases(ABSTRACT));
    assert.equal(phrases(ABSTRACT, 3).length, 3);
    assert.deepEqual(phrases(ABSTRACT, 3), phrases(ABSTRACT, 10).slice(0, 3));
    assert.deepEqual(extractKeyphrases(''), []);
    assert.deepEqual(extractKeyphrases('It is what it is, and so it goes.'), []);
  });

  const inspec = new URL('../../../shared/data/keyphrases/inspec.jsonl', import.meta.url);
  test('reaches F1@10 ≥ 0.30 on the first 200 Inspec abstracts', {
    skip: !existsSync(inspec) && 'needs ../shared/data/keyphrases/inspec.jsonl',
  }, () => {
    const rows = readFileSync(inspec, 'utf8')
      .trim()
      .split('\n')
      .slice(0, 200)
      .map((line) => JSON.parse(line) as { text: string; keyphrases: string[] });
    const f1 = rows.reduce((sum, row) => sum + phraseF1(phrases(row.text), row.keyphrases).f1, 0) / rows.length;
    assert.ok(f1 >= 0.3, `F1@10 ${f1.toFixed(3)}`);
  });
});

const GROUPS = [
  [
    'Natural gas prices rose sharply in Europe.',
    'Gas pipelines from Russia carry natural gas to Germany.',
    'Gas storage in Europe is nearly full.',
  ],
  [
    'The election campaign ended on Sunday.',
    'Voters in the election chose a new parliament.',
    'The parliament met after the election campaign.',
  ],
  [
    'Wheat exports fell as the harvest failed.',
    'The harvest of wheat in Kazakhstan was poor.',
    'Grain prices rose in Europe.',
  ],
];

describe('distinctiveKeyphrases', () => {
  test('labels each group with what sets it apart', () => {
    const labels = distinctiveKeyphrases(GROUPS);
    // Each label is the group's most widespread phrase that the other groups lack.
    assert.equal(labels[0]![0], 'gas');
    assert.equal(labels[1]![0], 'election');
    assert.equal(labels[2]![0], 'wheat');
  });

  test('phrases occur verbatim in their group, are short, and are not repeated across groups', () => {
    const labels = distinctiveKeyphrases(GROUPS);
    const seen = new Set<string>();
    labels.forEach((list, g) => {
      const text = GROUPS[g]!.join(' ').toLowerCase();
      for (const phrase of list) {
        assert.ok(text.includes(phrase), `"${phrase}" not in group ${g}`);
        assert.ok(phrase.split(' ').length <= DISTINCTIVE_DEFAULTS.maxLabelWords);
        assert.ok(!seen.has(phrase), `"${phrase}" given to two groups`);
        seen.add(phrase);
      }
    });
  });

  test('"europe", in two groups, goes to the group where it is more frequent', () => {
    const labels = distinctiveKeyphrases(GROUPS);
    assert.ok(labels[0]!.includes('europe'));
    assert.ok(!labels[2]!.includes('europe'));
  });

  test('is deterministic and copes with empty and one-sentence groups', () => {
    assert.deepEqual(distinctiveKeyphrases(GROUPS), distinctiveKeyphrases(GROUPS));
    const labels = distinctiveKeyphrases([[], ['Uranium mining in Kazakhstan grew.'], GROUPS[0]!]);
    assert.deepEqual(labels[0], []);
    assert.ok(labels[1]!.length > 0);
  });
});
