import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clusterTexts } from './cluster.ts';
import { graphFromEdges, pageRank } from './graph.ts';
import { ari } from './metrics.ts';
import { seededRandom } from './random.ts';

// Three topics with their own vocabulary, interleaved so that input order gives no hint.
const TOPICS: Record<string, string[]> = {
  energy: [
    'Gas prices in Europe rose as pipeline deliveries fell.',
    'The pipeline carries natural gas from the fields to European buyers.',
    'Gas storage levels and pipeline flows set winter prices.',
    'Liquefied natural gas cargoes replaced pipeline gas.',
    'European gas demand fell while storage filled.',
  ],
  elections: [
    'Voters chose a new parliament in the election.',
    'The election campaign focused on parliament seats and voters.',
    'Turnout among voters was low in the parliamentary election.',
    'Opposition parties won seats in parliament after the vote.',
    'The campaign ended before the election day vote.',
  ],
  harvest: [
    'The wheat harvest failed after the drought.',
    'Farmers exported less wheat and barley this harvest.',
    'Drought cut the grain harvest on the steppe.',
    'Wheat and grain exports fell as the harvest shrank.',
    'Barley and wheat yields dropped during the drought.',
  ],
};
const names = Object.keys(TOPICS);
const texts: string[] = [];
const truth: string[] = [];
for (let i = 0; i < 5; i++) {
  for (const name of names) {
    texts.push(TOPICS[name]![i]!);
    truth.push(name);
  }
}

describe('clusterTexts', () => {
  test('recovers three clearly separated topics exactly', () => {
    const clusters = clusterTexts(texts, { k: 3 });
    assert.equal(ari(truth, clusters), 1);
  });

  test('is deterministic, numbers clusters by first appearance; another seed finds the same topics', () => {
    const a = clusterTexts(texts, { k: 3 });
    assert.deepEqual(clusterTexts(texts, { k: 3 }), a);
    assert.deepEqual(a.slice(0, 3), [0, 1, 2]);
    assert.equal(ari(truth, clusterTexts(texts, { k: 3, seed: 7 })), 1);
  });

  test('handles edge cases: no texts, k = 1, k above the number of texts, empty texts', () => {
    assert.deepEqual(clusterTexts([], { k: 3 }), []);
    assert.deepEqual(clusterTexts(texts.slice(0, 4), { k: 1 }), [0, 0, 0, 0]);
    const two = clusterTexts(['wheat harvest', 'gas pipeline'], { k: 5 });
    assert.deepEqual(two, [0, 1]);
    const withEmpty = clusterTexts(['', '...', ...texts], { k: 3 });
    assert.equal(withEmpty.length, texts.length + 2);
    assert.ok(withEmpty.every((c) => c >= 0 && c < 3));
  });

  test('uses every one of the k clusters', () => {
    const clusters = clusterTexts(texts, { k: 5 });
    assert.equal(new Set(clusters).size, 5);
  });
});

describe('pageRank', () => {
  test('a star graph’s centre outranks its leaves; scores sum to 1', () => {
    // Node 0 is linked to 1, 2 and 3; the leaves only to 0.
    const graph = graphFromEdges(
      4,
      new Map([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    );
    const scores = pageRank(graph);
    assert.ok(scores[0]! > scores[1]!);
    assert.ok(Math.abs(scores.reduce((s, x) => s + x, 0) - 1) < 1e-6);
    assert.equal(scores[1], scores[2]);
  });
});

describe('seededRandom', () => {
  test('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    for (let i = 0; i < 100; i++) {
      const x = a();
      assert.equal(x, b());
      assert.ok(x >= 0 && x < 1);
    }
  });
});
