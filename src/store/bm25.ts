/**
 * The constants of SQLite FTS5's `bm25()` (ext/fts5/fts5_aux.c), which both stores reproduce exactly:
 *   score = Σ_i idf_i · f_i·(k1 + 1) / (f_i + k1·(1 − b + b·D/avgdl))
 *   idf_i = ln((N − n_i + 0.5) / (n_i + 0.5)), or 1e-6 when that is not positive
 */

/** Term-frequency saturation, as hard-coded in FTS5's bm25 (1.2). */
export const BM25_K1 = 1.2;
/** Length normalisation, as hard-coded in FTS5's bm25 (0.75). */
export const BM25_B = 0.75;
/** FTS5's floor for a non-positive IDF (terms in over half of the rows). */
export const MIN_IDF = 1e-6;
