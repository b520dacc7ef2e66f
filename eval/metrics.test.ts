import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averagePrecision, ndcgAt, precisionAt, reciprocalRank } from './metrics.ts';

const judged = new Map([
  ['a', 3],
  ['b', 1],
  ['c', 0],
]);

test('nDCG is 1 for the ideal order and lower when the best document comes second', () => {
  assert.equal(ndcgAt(['a', 'b', 'c'], judged, 10), 1);
  const swapped = ndcgAt(['b', 'a'], judged, 10);
  // DCG = 1/log2(2) + 7/log2(3) = 1 + 4.4165; ideal = 7 + 1/log2(3) = 7.6309
  assert.ok(Math.abs(swapped - (1 + 7 / Math.log2(3)) / (7 + 1 / Math.log2(3))) < 1e-12);
});

test('AP, RR and P@k on a small ranking', () => {
  assert.equal(averagePrecision(['c', 'a', 'b'], judged), (1 / 2 + 2 / 3) / 2);
  assert.equal(reciprocalRank(['c', 'b'], judged), 1 / 2);
  assert.equal(precisionAt(['a', 'c'], judged, 2), 1 / 2);
});
