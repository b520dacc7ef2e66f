/**
 * Evaluation metrics for the analysis stages: keyphrase F1 under the YAKE protocol, and NMI / ARI for
 * clusterings. Pure functions over plain arrays, so eval/ scripts and tests share one definition.
 */
import { wordKey } from './pos.ts';

/** Precision, recall and F1 of one document's predicted phrases against its gold phrases. */
export interface PhraseScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * Keyphrase match under the YAKE protocol: lower-case, Porter-stem every word, exact phrase match.
 * Precision is over the phrases returned, recall over all distinct gold phrases (present in the text or not).
 * @example phraseF1(['neural networks'], ['neural network', 'learning']) // {precision: 1, recall: 0.5, f1: 0.667}
 */
export function phraseF1(predicted: readonly string[], gold: readonly string[]): PhraseScore {
  const goldKeys = new Set(gold.map(wordKey).filter(Boolean));
  const predictedKeys = [...new Set(predicted.map(wordKey).filter(Boolean))];
  const hits = predictedKeys.filter((key) => goldKeys.has(key)).length;
  const precision = predicted.length ? hits / predicted.length : 0;
  const recall = goldKeys.size ? hits / goldKeys.size : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** Contingency table of two labelings of the same items: counts[i][j] = items in class i and cluster j. */
function contingency(a: readonly (string | number)[], b: readonly (string | number)[]): number[][] {
  if (a.length !== b.length) throw new RangeError(`labelings differ in length: ${a.length} vs ${b.length}`);
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  for (const x of a) if (!rows.has(x)) rows.set(x, rows.size);
  for (const y of b) if (!cols.has(y)) cols.set(y, cols.size);
  const table = Array.from({ length: rows.size }, () => new Array<number>(cols.size).fill(0));
  for (let i = 0; i < a.length; i++) table[rows.get(a[i]!)!]![cols.get(b[i]!)!]! += 1;
  return table;
}

const entropy = (counts: readonly number[], n: number): number =>
  counts.reduce((h, c) => (c > 0 ? h - (c / n) * Math.log(c / n) : h), 0);

/**
 * Normalised mutual information with arithmetic-mean normalisation (scikit-learn's default):
 * NMI = I(A;B) / ((H(A) + H(B)) / 2); 1 when both labelings are one cluster.
 * @example nmi([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function nmi(truth: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  const table = contingency(truth, predicted);
  const n = truth.length;
  const rowSums = table.map((r) => r.reduce((s, x) => s + x, 0));
  const colSums = table[0] ? table[0].map((_, j) => table.reduce((s, r) => s + r[j]!, 0)) : [];
  let mutual = 0;
  table.forEach((row, i) => {
    row.forEach((c, j) => {
      if (c > 0) mutual += (c / n) * Math.log((n * c) / (rowSums[i]! * colSums[j]!));
    });
  });
  const hA = entropy(rowSums, n);
  const hB = entropy(colSums, n);
  if (hA === 0 && hB === 0) return 1;
  return mutual / ((hA + hB) / 2);
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert & Arabie 1985): pair agreement corrected for chance; 1 identical, ~0 random.
 * @example ari([0, 0, 1, 1], [0, 0, 1, 2]) // 0.571…
 */
export function ari(truth: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  const table = contingency(truth, predicted);
  const n = truth.length;
  const rowSums = table.map((r) => r.reduce((s, x) => s + x, 0));
  const colSums = table[0] ? table[0].map((_, j) => table.reduce((s, r) => s + r[j]!, 0)) : [];
  const index = table.reduce((s, row) => s + row.reduce((t, c) => t + pairs(c), 0), 0);
  const sumA = rowSums.reduce((s, x) => s + pairs(x), 0);
  const sumB = colSums.reduce((s, x) => s + pairs(x), 0);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
