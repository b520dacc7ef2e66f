/** Sparse TF-IDF vectors over Kora's index terms, and cosine similarity between them. */
import { terms } from '../core/text.ts';

/** A unit-length sparse vector: term → weight. */
export type SparseVector = ReadonlyMap<string, number>;

/** L2-normalised TF-IDF vectors (sublinear tf, smoothed idf over the given texts). */
export function tfidfVectors(texts: readonly string[]): SparseVector[] {
  const counts = texts.map((text) => {
    const map = new Map<string, number>();
    for (const term of terms(text)) map.set(term, (map.get(term) ?? 0) + 1);
    return map;
  });
  const df = new Map<string, number>();
  for (const map of counts) for (const term of map.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = texts.length;
  return counts.map((map) => {
    const vector = new Map<string, number>();
    let norm = 0;
    for (const [term, tf] of map) {
      const weight = (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

/** Jaccard overlap of two texts' term sets: near-identical sentences score close to 1. */
export function termOverlap(a: string, b: string): number {
  const setA = new Set(terms(a));
  const setB = new Set(terms(b));
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const term of setA) if (setB.has(term)) shared++;
  return shared / (setA.size + setB.size - shared);
}
