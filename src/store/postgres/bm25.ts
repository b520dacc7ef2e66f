/**
 * BM25 in SQL, written to give the same float64 results as SQLite FTS5's `bm25()` (ext/fts5/fts5_aux.c):
 *   score = Σ_i idf_i · f_i·(k1 + 1) / (f_i + k1·(1 − b + b·D/avgdl))
 *   idf_i = ln((N − n_i + 0.5) / (n_i + 0.5)), or 1e-6 when that is not positive
 * where N is the number of indexed rows, n_i the rows holding phrase i, f_i its (column-weighted) frequency
 * in the row, D the row's length in tokens and avgdl the mean length. The sum runs over the query's phrases in
 * query order and each operation is spelt as FTS5 spells it, so both databases round identically (PostgreSQL's
 * ln() is the C library's log(), like SQLite's) and equal scores tie in both.
 */

import { BM25_B, BM25_K1, MIN_IDF } from '../bm25.ts';

const float = (x: number): string => `${x}::float8`;

/** SQL for the IDF of a phrase found in `hits` of `rows` rows (both float8 expressions). */
export function idfSql(rows: string, hits: string): string {
  const ratio = `((${rows} - ${hits}) + 0.5::float8) / (${hits} + 0.5::float8)`;
  // ln(x) <= 0 exactly when x <= 1; testing the ratio also keeps ln() away from non-positive arguments.
  return `CASE WHEN ${ratio} <= 1::float8 THEN ${float(MIN_IDF)} ELSE ln(${ratio}) END`;
}

/**
 * SQL for the score of one row: `idf(i)` and `freq(i)` give float8 expressions for phrase i (1-based),
 * `length` the row's token count and `avgdl` the mean row length.
 */
export function scoreSql(
  phrases: number,
  idf: (i: number) => string,
  freq: (i: number) => string,
  length: string,
  avgdl: string,
): string {
  const k1 = float(BM25_K1);
  const b = float(BM25_B);
  const norm = `(${k1} * ((1::float8 - ${b}) + ((${b} * ${length}) / ${avgdl})))`;
  const parts: string[] = [];
  for (let i = 1; i <= phrases; i++) {
    const f = freq(i);
    parts.push(`(${idf(i)} * ((${f} * (${k1} + 1.0::float8)) / (${f} + ${norm})))`);
  }
  return parts.length ? parts.join(' + ') : '0::float8';
}
