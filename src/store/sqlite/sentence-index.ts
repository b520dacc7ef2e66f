/**
 * Kora's own inverted index of searchable sentences, kept in the SQLite file beside them.
 *
 * Why not FTS5: a query had to let FTS5 score every matching sentence through its auxiliary-function API, and
 * Porter stems match 2.6× the sentences a bare word does, so Kora's search could not come near a bare FTS5 table
 * (bench/RESULTS.md § search). Here a query reads one compact row or a few per token and scores them in
 * typed arrays. The tokens and the scores are FTS5's own (index-tokens.ts, ../bm25.ts; the IDF's logarithm is
 * taken by SQLite's `ln()`, since V8's Math.log rounds differently from the C library's), so rankings and
 * float64 scores equal the PostgreSQL store's, as they did with FTS5.
 *
 * Writes are buffered per transaction and flushed as one row per token (postings.ts) before the commit. Rows of a
 * token are merged eight at a time when they reach the same size class, so a token keeps a few rows, not one per
 * write. Collection statistics only ever grow, as FTS5's did with contentless_delete (see postgres/write.ts).
 */
import type { Database, Statement } from 'better-sqlite3';
import { terms } from '../../core/text.ts';
import { MIN_IDF } from '../bm25.ts';
import { indexEntry, tokenStream } from '../index-tokens.ts';
import { decodeRow, encodeRow, encodeTriples, mergeRows, type PostingList } from './postings.ts';
import { type CollectionTotals, IndexReadCache } from './read-cache.ts';
import { addScores, liveCount, ScoreBuffer, scoreList, scoreRows } from './scoring.ts';

/**
 * Rows of one token merged at once, when they are within one size class (×4) of each other: each posting is
 * rewritten about log8(writes) times, and a token keeps at most seven rows per size class.
 */
const MERGE_FANOUT = 8;

interface Totals {
  rows: number;
  tokens: number;
  nextId: number;
  nextSegment: number;
}

/** Postings buffered for one token: (sentence id, term frequency, sentence length) triples, ids increasing. */
type PendingPostings = number[];

/** A stored row's place and cost, as the merge policy sees it. */
interface RowSize {
  readonly segment: number;
  readonly size: number;
}

/** Scored candidates of a query, unordered. */
export interface Scored {
  readonly ids: Float64Array;
  readonly scores: Float64Array;
}

const sizeClass = (size: number): number => Math.floor(Math.log2(Math.max(size, 1)) / 2);

export class SentenceIndex {
  private readonly statements = new Map<string, Statement>();
  private totals: Totals | undefined;
  private readonly adds = new Map<string, PendingPostings>();
  private readonly removals = new Map<string, number[]>();
  private added = { rows: 0, tokens: 0 };
  /** Row sizes per token, for the merge policy; valid while no other connection writes (data_version). */
  private readonly sizes = new Map<string, RowSize[]>();
  private dataVersion = -1;
  /** What searches read, while neither this connection nor another has written since (read-cache.ts). */
  readonly cache = new IndexReadCache();
  private readonly buffers: [ScoreBuffer, ScoreBuffer, ScoreBuffer] = [
    new ScoreBuffer(),
    new ScoreBuffer(),
    new ScoreBuffer(),
  ];

  constructor(private readonly db: Database) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private state(): Totals {
    this.totals ??= this.sql(
      'SELECT rows, tokens, next_id AS nextId, next_segment AS nextSegment FROM sentence_index',
    ).get() as Totals;
    return this.totals;
  }

  /** A new sentence id (inside a write transaction): ids are never reused, so tombstones stay unambiguous. */
  allocateId(): number {
    return this.state().nextId++;
  }

  /** Indexes sentence `id` with its analysed terms (space-joined, as core/text.ts `terms` gives them). */
  add(id: number, termList: readonly string[]): void {
    this.state();
    const stream = tokenStream(termList);
    const length = stream.length;
    for (const token of stream) {
      let pending = this.adds.get(token);
      if (!pending) {
        pending = [];
        this.adds.set(token, pending);
      }
      // A token met again in the same sentence counts once more on the posting just added.
      const last = pending.length - 3;
      if (pending[last] === id) pending[last + 1] = (pending[last + 1] as number) + 1;
      else pending.push(id, 1, length);
    }
    this.added.rows++;
    this.added.tokens += length;
  }

  /** Takes indexed sentence `id`, whose stored text is `text`, out of the index. */
  remove(id: number, text: string): void {
    this.state();
    for (const token of indexEntry(terms(text)).counts.keys()) {
      let list = this.removals.get(token);
      if (!list) {
        list = [];
        this.removals.set(token, list);
      }
      list.push(id);
    }
  }

  /** Writes what this transaction added and removed; call just before COMMIT. */
  flush(): void {
    this.cache.clear();
    const totals = this.totals;
    if (!totals) return;
    this.totals = undefined;
    const version = this.sql('PRAGMA data_version').pluck().get() as number;
    if (version !== this.dataVersion) this.sizes.clear();
    this.dataVersion = version;
    const segment = totals.nextSegment++;
    const write = (token: string, triples: readonly number[], tombstones: readonly number[]): void => {
      const postings = triples.length / 3;
      const size = postings + tombstones.length;
      if (size === 0) return;
      this.putRow(token, segment, postings, tombstones.length, encodeTriples(triples, tombstones));
      const sizes = this.rowSizes(token, segment);
      sizes.push({ segment, size });
      this.mergeTail(token, sizes);
    };
    for (const [token, triples] of this.adds) {
      const removed = this.removals.get(token);
      if (removed) this.removals.delete(token);
      write(token, ...cancelled(triples, removed));
    }
    for (const [token, removed] of this.removals)
      write(
        token,
        [],
        [...removed].sort((a, b) => a - b),
      );
    this.sql('UPDATE sentence_index SET rows = rows + ?, tokens = tokens + ?, next_id = ?, next_segment = ?').run(
      this.added.rows,
      this.added.tokens,
      totals.nextId,
      totals.nextSegment,
    );
    this.clearPending();
  }

  /** Forgets what this transaction buffered; call on ROLLBACK. */
  discard(): void {
    this.cache.clear();
    this.totals = undefined;
    this.sizes.clear();
    this.clearPending();
  }

  private clearPending(): void {
    this.adds.clear();
    this.removals.clear();
    this.added = { rows: 0, tokens: 0 };
  }

  /** Stores one row of a token: `live` and `size` are what its postings less and plus its tombstones count. */
  private putRow(token: string, segment: number, postings: number, tombstones: number, data: Uint8Array): void {
    this.sql('INSERT INTO sentence_postings (token, segment, live, size, data) VALUES (?, ?, ?, ?, ?)').run(
      token,
      segment,
      postings - tombstones,
      postings + tombstones,
      data,
    );
  }

  /** The stored rows of `token` before `segment`, oldest first (cached). */
  private rowSizes(token: string, segment: number): RowSize[] {
    let sizes = this.sizes.get(token);
    if (!sizes) {
      sizes = this.sql(
        'SELECT segment, size FROM sentence_postings WHERE token = ? AND segment < ? ORDER BY segment',
      ).all(token, segment) as RowSize[];
      this.sizes.set(token, sizes);
    }
    return sizes;
  }

  /** Merges the newest MERGE_FANOUT rows of a token while they fall in one size class (or grow). */
  private mergeTail(token: string, sizes: RowSize[]): void {
    while (sizes.length >= MERGE_FANOUT) {
      const tail = sizes.slice(-MERGE_FANOUT);
      const first = tail[0] as RowSize;
      if (sizeClass(first.size) > sizeClass((tail[MERGE_FANOUT - 1] as RowSize).size)) return;
      const stored = this.sql('SELECT data FROM sentence_postings WHERE token = ? AND segment >= ? ORDER BY segment')
        .pluck()
        .all(token, first.segment) as Uint8Array[];
      if (stored.length !== MERGE_FANOUT) {
        this.sizes.delete(token); // written by another connection meanwhile: decide again next time
        return;
      }
      // Leftover tombstones may be dropped only when no older row could hold their postings: asked of the file
      // itself, not of the cached sizes.
      const older = this.sql('SELECT 1 FROM sentence_postings WHERE token = ? AND segment < ? LIMIT 1').get(
        token,
        first.segment,
      );
      const merged = mergeRows(stored.map(decodeRow), older === undefined);
      this.sql('DELETE FROM sentence_postings WHERE token = ? AND segment >= ?').run(token, first.segment);
      const size = merged.ids.length + merged.tombstones.length;
      sizes.splice(-MERGE_FANOUT, MERGE_FANOUT);
      if (size === 0) continue;
      this.putRow(
        token,
        first.segment,
        merged.ids.length,
        merged.tombstones.length,
        encodeRow(merged.ids, merged.tfs, merged.lengths, merged.tombstones),
      );
      sizes.push({ segment: first.segment, size });
    }
  }

  /** The live postings of one token, by increasing id. */
  private postings(token: string): PostingList {
    const rows = this.rowsOf(token);
    if (rows.length === 1) {
      const row = decodeRow(rows[0] as Uint8Array);
      if (row.tombstones.length === 0) return row;
    }
    return mergeRows(rows.map(decodeRow), true);
  }

  /** Number of searchable sentences holding `token` (FTS5's fts5vocab `doc`). */
  frequency(token: string): number {
    return this.sql('SELECT coalesce(sum(live), 0) FROM sentence_postings WHERE token = ?')
      .pluck()
      .get(token) as number;
  }

  /**
   * BM25 of every sentence matching any phrase (each an array of FTS5 tokens), exactly as FTS5's bm25() scores
   * an OR of the phrases: the sum runs in phrase order, a sentence missing a phrase adds nothing. The arrays
   * returned are views of buffers the next call reuses. Call `refresh` first.
   */
  score(phrases: readonly (readonly string[])[]): Scored {
    this.cache.totals ??= this.sql('SELECT rows, tokens FROM sentence_index').get() as CollectionTotals;
    const inputs = phrases.map((phrase) => this.postingsOrRows(phrase));
    const ratios = idfRatios(inputs, this.cache.totals);
    return this.sum(inputs, ratios, this.logarithms(ratios), this.cache.totals);
  }

  /**
   * `score` from the read cache alone, with no statement run, or undefined when the cache lacks a phrase's
   * postings, the totals or a logarithm. Call `refresh` first.
   */
  scoreCached(phrases: readonly (readonly string[])[]): Scored | undefined {
    const totals = this.cache.totals;
    if (!totals) return undefined;
    const inputs: PostingList[] = [];
    for (const phrase of phrases) {
      const list = this.cache.postings(phrase.join(' '));
      if (!list) return undefined;
      inputs.push(list);
    }
    const ratios = idfRatios(inputs, totals);
    const logs: number[] = [];
    for (const ratio of ratios) {
      const log = this.cache.log(ratio);
      if (log === undefined) return undefined;
      logs.push(log);
    }
    return this.sum(inputs, ratios, logs, totals);
  }

  /**
   * Drops the read cache if another connection committed since it was filled (SQLite's `data_version`; reading
   * the WAL-index header from the -shm file instead saved under 1 µs of 5). Call it before a search's read
   * transaction begins: a commit between this look and the snapshot then only costs a needless clear later.
   */
  refresh(): void {
    this.cache.sync(this.sql('PRAGMA data_version').pluck().get() as number);
  }

  private sum(
    inputs: readonly (PostingList | Uint8Array[])[],
    ratios: readonly number[],
    logs: readonly number[],
    totals: CollectionTotals,
  ): Scored {
    const avgdl = totals.tokens / totals.rows;
    let [sum, part, spare] = this.buffers;
    inputs.forEach((input, i) => {
      const ratio = ratios[i] as number;
      const idf = ratio <= 1 ? MIN_IDF : (logs[i] as number);
      const target = i === 0 ? sum : part;
      if (Array.isArray(input)) scoreRows(input, idf, avgdl, target);
      else scoreList(input, idf, avgdl, target);
      if (i > 0) {
        addScores(sum, part, spare);
        [sum, spare] = [spare, sum];
      }
    });
    return { ids: sum.ids.subarray(0, sum.length), scores: sum.scores.subarray(0, sum.length) };
  }

  /**
   * What `score` reads for a phrase: the live postings from the read cache, else a token asked for the first
   * time as its stored rows (scored in place), else the postings decoded and kept in the cache.
   */
  private postingsOrRows(phrase: readonly string[]): PostingList | Uint8Array[] {
    const key = phrase.join(' ');
    const cached = this.cache.postings(key);
    if (cached) return cached;
    if (phrase.length === 1 && this.cache.firstAsk(key)) return this.rowsOf(key);
    return this.livePostings(phrase);
  }

  /** The live postings of a phrase (one token or several), from the read cache when it has them. */
  private livePostings(phrase: readonly string[]): PostingList {
    const key = phrase.join(' ');
    let list = this.cache.postings(key);
    if (!list) {
      list = phrase.length === 1 ? this.postings(phrase[0] as string) : this.phrasePostings(phrase);
      this.cache.keep(key, list);
    }
    return list;
  }

  /** Natural logarithms of `ratios`, taken by SQLite's `ln()` (the C library's rounding) and remembered. */
  private logarithms(ratios: readonly number[]): number[] {
    const logs = ratios.map((ratio) => this.cache.log(ratio));
    const missing = ratios.filter((_, i) => logs[i] === undefined);
    if (missing.length === 0) return logs as number[];
    const values = this.sql(`SELECT ${missing.map(() => 'ln(?)').join(', ')}`)
      .raw()
      .get(...missing) as number[];
    let next = 0;
    return logs.map((log, i) => {
      if (log !== undefined) return log;
      const value = values[next++] as number;
      this.cache.keepLog(ratios[i] as number, value);
      return value;
    });
  }

  /** The stored rows of one token, oldest first. */
  private rowsOf(token: string): Uint8Array[] {
    return this.sql('SELECT data FROM sentence_postings WHERE token = ? ORDER BY segment')
      .pluck()
      .all(token) as Uint8Array[];
  }

  /** Sentences holding a phrase of several tokens, with its frequency in each. */
  private phrasePostings(phrase: readonly string[]): PostingList {
    // A multi-token phrase ("3.5" → "3 5") is counted in the token streams of the sentences holding all its
    // tokens, as FTS5 matches it: consecutive tokens, possibly across two terms, overlapping occurrences counted.
    let candidates: Float64Array | undefined;
    for (const token of new Set(phrase)) {
      const ids = this.livePostings([token]).ids;
      candidates = candidates ? intersect(candidates, ids) : ids;
    }
    const texts = this.sql('SELECT id, text FROM sentences WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
      .raw()
      .all(JSON.stringify([...(candidates ?? [])])) as [number, string][];
    const ids: number[] = [];
    const tfs: number[] = [];
    const lengths: number[] = [];
    for (const [id, text] of texts) {
      const stream = indexEntry(terms(text)).stream;
      let count = 0;
      for (let at = 0; at + phrase.length <= stream.length; at++) {
        if (phrase.every((token, k) => stream[at + k] === token)) count++;
      }
      if (count === 0) continue;
      ids.push(id);
      tfs.push(count);
      lengths.push(stream.length);
    }
    return { ids: Float64Array.from(ids), tfs: Uint32Array.from(tfs), lengths: Uint32Array.from(lengths) };
  }
}

/** FTS5's IDF ratio `(N - n + 0.5) / (n + 0.5)` of each phrase, whose logarithm is its IDF. */
function idfRatios(inputs: readonly (PostingList | Uint8Array[])[], totals: CollectionTotals): number[] {
  return inputs.map((input) => {
    const hits = Array.isArray(input) ? liveCount(input) : input.ids.length;
    return (totals.rows - hits + 0.5) / (hits + 0.5);
  });
}

/**
 * A transaction's postings and tombstones for one token: a sentence added and removed within the transaction
 * appears in neither.
 */
function cancelled(triples: number[], removed: readonly number[] | undefined): [number[], number[]] {
  if (!removed) return [triples, []];
  const left = new Set(removed);
  const kept: number[] = [];
  for (let i = 0; i < triples.length; i += 3) {
    if (left.delete(triples[i] as number)) continue;
    kept.push(triples[i] as number, triples[i + 1] as number, triples[i + 2] as number);
  }
  return [kept, [...left].sort((a, b) => a - b)];
}

function intersect(a: Float64Array, b: Float64Array): Float64Array {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return Float64Array.from(out);
}
