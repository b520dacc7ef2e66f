import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSentenceId, asSourceId } from '../core/ids.ts';
import type { SentenceHit } from '../core/model.ts';
import { claimAnchors, rerank } from './evidence.ts';

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

test('claim anchors: names include a subject that opens the sentence, not openers or number words', () => {
  assert.deepEqual(sorted(claimAnchors('India remains committed to the India-Africa Forum.').names), [
    'africa',
    'forum',
    'india',
  ]);
  assert.deepEqual(sorted(claimAnchors('Russia’s interest in Tibet is growing.').names), ['russia', 'tibet']);
  assert.deepEqual(sorted(claimAnchors('However, trade with China grew.').names), ['china']);
  assert.deepEqual(sorted(claimAnchors('Economically, Brazil gained.').names), ['brazil']);
  assert.deepEqual(sorted(claimAnchors('Two years ago Mongolia voted.').names), ['mongolia']);
});

test('claim anchors: only numbers written in digits, in canonical form', () => {
  assert.deepEqual(sorted(claimAnchors('The two countries traded 1,200 tonnes in 1992.').numbers), ['1200', '1992']);
});

const hit = (id: number, text: string, score: number): SentenceHit => ({
  sentenceId: asSentenceId(id),
  sourceId: asSourceId(`s${id}`),
  title: 't',
  text,
  kind: 'sentence',
  score,
  start: 0,
  end: text.length,
});

test('rerank: a hit naming all the claim’s names and numbers outranks a higher BM25 hit', () => {
  const anchors = claimAnchors('Kazakhstan joined the World Trade Organization in 2015.');
  const ranked = rerank(
    [
      // best BM25 and 3 of the 4 names (World, Trade, Organization) but not Kazakhstan or 2015: second
      hit(1, 'Russia joined the World Trade Organization in 2012.', 10),
      // every name and the year: first, despite a lower BM25 score
      hit(2, 'In 2015 Kazakhstan became a member of the World Trade Organization.', 7),
      // Kazakhstan and organization (2 of 4 names), lowest BM25: last
      hit(3, 'Kazakhstan joined the organization after long talks.', 6),
    ],
    anchors,
  );
  assert.deepEqual(
    ranked.map((h) => h.sentenceId),
    [2, 1, 3],
  );
});
