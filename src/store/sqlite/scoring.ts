/**
 * BM25 over the sentence index's rows, spelt operation for operation as FTS5's bm25() (see ../bm25.ts), so
 * that scores are bit-identical to FTS5's and to the PostgreSQL store's. Rows are decoded straight into
 * reusable buffers, and so are cached postings: a query allocates next to nothing.
 */
import { BM25_B, BM25_K1 } from '../bm25.ts';
import { type PostingList, RowReader } from './postings.ts';

/** Sentence ids (increasing) with a score each; grows on demand and is reused from query to query. */
export class ScoreBuffer {
  ids = new Float64Array(1024);
  scores = new Float64Array(1024);
  length = 0;

  reserve(size: number): void {
    if (size <= this.ids.length) return;
    const capacity = Math.max(size, this.ids.length * 2);
    const ids = new Float64Array(capacity);
    const scores = new Float64Array(capacity);
    ids.set(this.ids.subarray(0, this.length));
    scores.set(this.scores.subarray(0, this.length));
    this.ids = ids;
    this.scores = scores;
  }

  push(id: number, score: number): void {
    this.ids[this.length] = id;
    this.scores[this.length] = score;
    this.length++;
  }
}

/** One phrase's share of a sentence's score: FTS5's `aIDF[i] * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * D / avgdl)))`. */
export function bm25Term(idf: number, f: number, length: number, avgdl: number): number {
  return idf * ((f * (BM25_K1 + 1.0)) / (f + BM25_K1 * (1 - BM25_B + (BM25_B * length) / avgdl)));
}

/** Sentences a token's rows hold once tombstones are taken off: read from the rows' headers only. */
export function liveCount(rows: readonly Uint8Array[]): number {
  let live = 0;
  for (const row of rows) {
    const reader = new RowReader(row);
    live += reader.next();
    live -= reader.next();
  }
  return live;
}

/** The tombstones of a token's rows, or undefined when there are none (the usual case). */
function tombstonesOf(rows: readonly Uint8Array[]): Set<number> | undefined {
  let removed: Set<number> | undefined;
  for (const row of rows) {
    const reader = new RowReader(row);
    const count = reader.next();
    const deleted = reader.next();
    if (deleted === 0) continue;
    for (let i = 0; i < count * 3; i++) reader.next();
    removed ??= new Set();
    let id = 0;
    for (let i = 0; i < deleted; i++) {
      id += reader.next();
      removed.add(id);
    }
  }
  return removed;
}

/** Writes the scores of a token's live postings (its rows, oldest first) into `out`, by increasing id. */
export function scoreRows(rows: readonly Uint8Array[], idf: number, avgdl: number, out: ScoreBuffer): void {
  out.length = 0;
  const removed = tombstonesOf(rows);
  for (const row of rows) {
    const reader = new RowReader(row);
    const count = reader.next();
    reader.next();
    out.reserve(out.length + count);
    let id = 0;
    for (let i = 0; i < count; i++) {
      id += reader.next();
      const f = reader.next();
      const length = reader.next();
      if (removed?.has(id)) continue;
      out.push(id, bm25Term(idf, f, length, avgdl));
    }
  }
}

/** Writes the scores of decoded live postings (a cached token's, or a phrase's) into `out`, by increasing id. */
export function scoreList(list: PostingList, idf: number, avgdl: number, out: ScoreBuffer): void {
  out.length = 0;
  out.reserve(list.ids.length);
  for (let i = 0; i < list.ids.length; i++) {
    out.push(list.ids[i] as number, bm25Term(idf, list.tfs[i] as number, list.lengths[i] as number, avgdl));
  }
}

/**
 * `out` = `sum` + `part`, both by increasing id: a sentence in both adds `part`'s score to its running sum,
 * which keeps FTS5's order of addition (phrase by phrase, from zero).
 */
export function addScores(sum: ScoreBuffer, part: ScoreBuffer, out: ScoreBuffer): void {
  out.length = 0;
  out.reserve(sum.length + part.length);
  let i = 0;
  let j = 0;
  while (i < sum.length && j < part.length) {
    const a = sum.ids[i] as number;
    const b = part.ids[j] as number;
    if (a === b) {
      out.push(a, (sum.scores[i++] as number) + (part.scores[j++] as number));
    } else if (a < b) {
      out.push(a, sum.scores[i++] as number);
    } else {
      out.push(b, 0 + (part.scores[j++] as number));
    }
  }
  for (; i < sum.length; i++) out.push(sum.ids[i] as number, sum.scores[i] as number);
  for (; j < part.length; j++) out.push(part.ids[j] as number, part.scores[j] as number);
}

/** The k-th largest of `values` (the smallest when there are fewer): a size-k min-heap, O(n log k). */
export function kthLargest(values: Float64Array, k: number): number {
  if (values.length <= k) return values.reduce((min, v) => Math.min(min, v), Number.POSITIVE_INFINITY);
  const heap = Float64Array.from(values.subarray(0, k)).sort();
  for (let i = k; i < values.length; i++) {
    const v = values[i] as number;
    if (v <= (heap[0] as number)) continue;
    // Replace the minimum and sift down.
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= k) break;
      const right = left + 1;
      const child = right < k && (heap[right] as number) < (heap[left] as number) ? right : left;
      if ((heap[child] as number) >= v) break;
      heap[at] = heap[child] as number;
      at = child;
    }
    heap[at] = v;
  }
  return heap[0] as number;
}
