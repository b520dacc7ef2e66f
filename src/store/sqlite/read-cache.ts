/**
 * What sentence searches read from the file, kept in memory while the library is unchanged: each token's (and
 * multi-token phrase's) live postings decoded, the collection totals, the IDF logarithms and the rows of
 * sentences returned as hits. A server, a brief (dozens of searches, many on the same terms) or a verify run
 * asks for the same tokens again and again; reading and decoding their rows, and joining the hits to their text,
 * was most of a query's cost on a small library (bench/RESULTS.md § search).
 *
 * Staleness is decided by the caller: everything is dropped when this connection writes (`clear`, from every
 * flush and rollback) or when SQLite's `PRAGMA data_version` says another connection committed (`sync`).
 */
import type { PostingList } from './postings.ts';

/** Postings held in all: 16 bytes each (id, frequency, length), so about 16 MB at most. */
export const POSTINGS_BUDGET = 1_000_000;
/** IDF logarithms remembered, one per distinct (collection size, document frequency) ratio met. */
const LOG_LIMIT = 100_000;
/** Tokens remembered as asked once (`firstAsk`). */
const ASKED_LIMIT = 100_000;
/** Hit rows remembered (a sentence's text, offsets, title and date: a few hundred bytes each). */
const ROW_LIMIT = 10_000;

export interface CollectionTotals {
  readonly rows: number;
  readonly tokens: number;
}

export class IndexReadCache {
  totals: CollectionTotals | undefined;
  private dataVersion: number | undefined;
  private readonly lists = new Map<string, PostingList>();
  private held = 0;
  private readonly logs = new Map<number, number>();
  private readonly rows = new Map<number, readonly unknown[]>();
  private readonly asked = new Set<string>();

  constructor(private readonly budget = POSTINGS_BUDGET) {}

  /** Drops everything unless `dataVersion` is the one the contents were read at. */
  sync(dataVersion: number): void {
    if (dataVersion !== this.dataVersion) this.clear();
    this.dataVersion = dataVersion;
  }

  clear(): void {
    this.dataVersion = undefined;
    this.totals = undefined;
    this.lists.clear();
    this.held = 0;
    this.logs.clear();
    this.rows.clear();
    this.asked.clear();
  }

  /**
   * Whether `key` is asked for the first time since the last clear (and remembers it). A token's postings are
   * decoded and kept only when asked again: decoding into new arrays made a one-off query 20–40 % slower than
   * scoring its rows in place, and a token asked once would only push out others.
   */
  firstAsk(key: string): boolean {
    if (this.asked.has(key)) return false;
    if (this.asked.size >= ASKED_LIMIT) this.asked.clear();
    this.asked.add(key);
    return true;
  }

  /** The live postings of `key` (a token, or a phrase's tokens joined by spaces), most recent use kept last. */
  postings(key: string): PostingList | undefined {
    const list = this.lists.get(key);
    if (list) {
      this.lists.delete(key);
      this.lists.set(key, list);
    }
    return list;
  }

  /** Keeps `list` for `key`, evicting the least recently used lists beyond the budget. */
  keep(key: string, list: PostingList): void {
    // A list of more than a quarter of the budget (a stopword-like token of a huge library) would push out
    // everything else for one query's sake.
    if (list.ids.length > this.budget / 4) return;
    this.lists.set(key, list);
    this.held += list.ids.length;
    for (const [oldest, evicted] of this.lists) {
      if (this.held <= this.budget) break;
      this.lists.delete(oldest);
      this.held -= evicted.ids.length;
    }
  }

  log(ratio: number): number | undefined {
    return this.logs.get(ratio);
  }

  keepLog(ratio: number, value: number): void {
    if (this.logs.size >= LOG_LIMIT) this.logs.clear();
    this.logs.set(ratio, value);
  }

  /** The stored row of hit sentence `id`: sentence ids are never reused, so it holds until the next clear. */
  row(id: number): readonly unknown[] | undefined {
    return this.rows.get(id);
  }

  keepRow(id: number, row: readonly unknown[]): void {
    if (this.rows.size >= ROW_LIMIT) this.rows.clear();
    this.rows.set(id, row);
  }
}
