/**
 * TF-IDF document vectors over core/text.ts terms (stemmed, stopwords removed): sublinear tf, smoothed idf,
 * l2-normalised, stored sparse (sorted term ids), as in scikit-learn's TfidfVectorizer(sublinear_tf=True).
 */
import { terms } from '../core/text.ts';

/** A sparse vector: parallel arrays of term ids (ascending) and weights. */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
}

export interface TfidfOptions {
  /** Drop terms in fewer texts than this, 1+; 2 removes typos and one-off names on collections. */
  readonly minDf: number;
  /** Drop terms in more than this share of texts, 0–1; 0.5 removes words every text shares. */
  readonly maxDfRatio: number;
  /** Collections smaller than this keep every term (minDf 1): on a few sentences most words are rare. */
  readonly minDfFromTexts: number;
}

/** Defaults for {@link tfidfVectors}. */
export const TFIDF_DEFAULTS: TfidfOptions = { minDf: 2, maxDfRatio: 0.5, minDfFromTexts: 50 };

/** Vectors of the texts and the vocabulary size (ids are `0..vocabulary-1`, in first-seen order). */
export function tfidfVectors(
  texts: readonly string[],
  options: Readonly<TfidfOptions> = TFIDF_DEFAULTS,
): { vectors: SparseVector[]; vocabulary: number } {
  const counts = texts.map((text) => {
    const c = new Map<string, number>();
    for (const term of terms(text)) c.set(term, (c.get(term) ?? 0) + 1);
    return c;
  });
  const df = new Map<string, number>();
  for (const c of counts) for (const term of c.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = texts.length;
  const minDf = n < options.minDfFromTexts ? 1 : options.minDf;
  // A share cap that would remove everything on tiny inputs (2 texts sharing a word) is relaxed to n.
  const maxDf = n < options.minDfFromTexts ? n : Math.max(1, Math.floor(options.maxDfRatio * n));
  const ids = new Map<string, number>();
  const idf: number[] = [];
  for (const c of counts) {
    for (const term of c.keys()) {
      const d = df.get(term) ?? 0;
      if (ids.has(term) || d < minDf || d > maxDf) continue;
      ids.set(term, ids.size);
      idf.push(Math.log((1 + n) / (1 + d)) + 1);
    }
  }
  const vectors = counts.map((c) => {
    const entries: [number, number][] = [];
    for (const [term, tf] of c) {
      const id = ids.get(term);
      if (id !== undefined) entries.push([id, (1 + Math.log(tf)) * idf[id]!]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return {
      ids: Int32Array.from(entries, ([id]) => id),
      weights: Float64Array.from(entries, ([, w]) => w / norm),
    };
  });
  return { vectors, vocabulary: ids.size };
}

/** Cosine similarity of two unit sparse vectors (a merge over their sorted term ids). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) s += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
