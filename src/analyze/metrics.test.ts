import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ari, nmi, phraseF1 } from './metrics.ts';

const close = (actual: number, expected: number, tolerance = 1e-4) =>
  assert.ok(Math.abs(actual - expected) < tolerance, `expected ${expected}, got ${actual}`);

describe('phraseF1 (YAKE protocol)', () => {
  test('matches after lower-casing and Porter-stemming every word', () => {
    // "Neural Networks" → "neural network" = gold; "graphs" → "graph" = gold; "deep learning" misses.
    // P = 2/3, R = 2/4, F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = 4/7.
    const score = phraseF1(
      ['Neural Networks', 'deep learning', 'graphs'],
      ['neural network', 'graph', 'training data', 'x'],
    );
    close(score.precision, 2 / 3);
    close(score.recall, 0.5);
    close(score.f1, 4 / 7);
  });

  test('is an exact phrase match: a sub-phrase of a gold phrase does not count', () => {
    assert.equal(phraseF1(['network'], ['neural network']).f1, 0);
  });

  test('hyphens and line breaks inside gold phrases do not matter', () => {
    // Inspec gold holds "classical symbol \tsystems"; words are compared, not spacing.
    assert.equal(
      phraseF1(
        ['classical symbol systems', 'web-based platforms'],
        ['classical symbol \tsystems', 'Web-based platforms'],
      ).f1,
      1,
    );
  });

  test('duplicate gold phrases count once; nothing predicted scores 0', () => {
    close(phraseF1(['investment'], ['investment', 'investment', 'advisers']).recall, 0.5);
    assert.equal(phraseF1([], ['a b']).f1, 0);
  });
});

describe('nmi', () => {
  test('is 1 for the same partition under other names, 0 for independent ones', () => {
    assert.equal(nmi([0, 0, 1, 1], [1, 1, 0, 0]), 1);
    assert.equal(nmi(['a', 'a', 'b', 'b'], [0, 1, 0, 1]), 0);
  });

  test('matches a hand-computed value', () => {
    // I = ½ln(4/3) + ¼ln(2/3) + ¼ln2 = 0.215762; H(truth) = ln2, H(pred) = 0.562335;
    // NMI = I / mean(H) = 0.215762 / 0.627741 = 0.34372 (scikit-learn's arithmetic normalisation).
    close(nmi([0, 0, 1, 1], [0, 0, 0, 1]), 0.34372);
  });
});

describe('ari', () => {
  test('is 1 for identical partitions and 0 at chance level', () => {
    assert.equal(ari([0, 0, 1, 1, 2], [5, 5, 7, 7, 9]), 1);
    // index 1 = expected 2·3/6 = 1, so ARI = 0.
    close(ari([0, 0, 1, 1], [0, 0, 0, 1]), 0);
  });

  test('matches a hand-computed value', () => {
    // index = C(2,2) = 1; Σa = 2, Σb = 1, expected = 2·1/C(4,2) = 1/3, max = 1.5 → (1 − 1/3)/(1.5 − 1/3) = 4/7.
    close(ari([0, 0, 1, 1], [0, 0, 1, 2]), 4 / 7);
  });

  test('refuses labelings of different lengths', () => {
    assert.throws(() => ari([0, 1], [0]), RangeError);
  });
});
