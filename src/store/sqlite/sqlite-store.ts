/**
 * The embedded default: one SQLite file (better-sqlite3, WAL) with FTS5 BM25 indexes.
 * better-sqlite3 is synchronous and fast; methods are async only to satisfy the Store interface.
 */
import Database from 'better-sqlite3';
import { asSentenceId, asSourceId, type SourceId } from '../../core/ids.ts';
import type {
  PassageSpan,
  SegmentedSource,
  SentenceHit,
  SentenceKind,
  SentenceSpan,
  SourceHit,
  SourceSummary,
  StoredSource,
} from '../../core/model.ts';
import { terms } from '../../core/text.ts';
import { ftsMatch } from '../fts.ts';
import { queryTokenPhrases } from '../index-tokens.ts';
import { type SourceRow, SUMMARY_COLUMNS, toSummary } from '../rows.ts';
import type {
  DateRange,
  FingerprintKind,
  FingerprintMatch,
  LibraryStats,
  PutOutcome,
  SentenceQuery,
  SourceQuery,
  Store,
} from '../store.ts';
import { migrate } from './schema.ts';
import { kthLargest } from './scoring.ts';
import { type Scored, SentenceIndex } from './sentence-index.ts';

/** FTS5 column weight of the title in source search: a title word counts as this many body words (1–5; 3 on Cranfield). */
export const TITLE_WEIGHT = 3;

interface SentenceRow {
  id: number;
  source_id: string;
  start: number;
  end: number;
  passage: number;
  kind: SentenceKind;
  boilerplate: number;
  text: string;
}

function dateFilter(range: DateRange, column: string): { sql: string; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  // Both bounds compare at the coarser precision of the two, so a source dated "2019" overlaps
  // `--since 2019-05-01` and `--until 2019-03`, and "2019-05-01T10:00:00Z" is within `--until 2019-05-01`.
  if (range.since) {
    clauses.push(`${column} >= substr(?, 1, length(${column}))`);
    params.push(range.since);
  }
  if (range.until) {
    clauses.push(`substr(${column}, 1, ?) <= ?`);
    params.push(String(range.until.length), range.until);
  }
  return { sql: clauses.map((c) => ` AND ${c}`).join(''), params };
}

/** Candidates joined at a time by a date-filtered search. */
const FILTER_CHUNK = 256;

/** Index pages (4 KB each) merged at close after writes: up to 16 MB of work, about a second at most. */
const FTS_MERGE_PAGES = 4000;

/** A search hit's columns, in the order rankedRows selects them. */
type RawSearchRow = [number, string, number, number, SentenceKind, string, string, string | null];

/** Best score first; ties by source id, then offset, so that every store lists equal scores alike. */
const byRank = (a: SentenceHit, b: SentenceHit): number =>
  b.score - a.score || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0) || a.start - b.start;

/**
 * The best `limit` scores and every score tied with the last of them, by sentence id: only these are joined to
 * their rows, since ties are ordered by source id and offset, not by row id, so that every store lists them alike.
 */
function topScores(scored: Scored, limit: number): Map<number, number> {
  const threshold = kthLargest(scored.scores, limit);
  const ranks = new Map<number, number>();
  const { ids, scores } = scored;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] as number;
    if (score >= threshold) ranks.set(ids[i] as number, score);
  }
  return ranks;
}

/** Search hits from their rows and scores, best first. */
function toHits(rows: readonly RawSearchRow[], scores: ReadonlyMap<number, number>): SentenceHit[] {
  const hits = rows.map(([id, sourceId, start, end, kind, text, title, date]): SentenceHit => {
    const hit: { -readonly [K in keyof SentenceHit]: SentenceHit[K] } = {
      sentenceId: asSentenceId(id),
      sourceId: asSourceId(sourceId),
      title,
      start,
      end,
      text,
      kind,
      score: scores.get(id) as number,
    };
    if (date) hit.date = date; // set, not spread: a spread object per hit was a tenth of a cached search
    return hit;
  });
  return hits.sort(byRank);
}

export class SqliteStore implements Store {
  readonly file: string;
  private readonly db: Database.Database;
  /** Whether this connection stored anything (then close() compacts the full-text indexes). */
  private written = false;
  /** Prepared statements by SQL text: preparing costs more than running a small insert, so reuse them. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly index: SentenceIndex;
  private readonly readTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(file: string) {
    this.file = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 10000');
    migrate(this.db, file);
    this.index = new SentenceIndex(this.db);
    this.readTransaction = this.db.transaction((fn) => fn());
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  async putSource(source: SegmentedSource): Promise<PutOutcome> {
    return this.tx((): PutOutcome => {
      const existing = this.sql('SELECT hash FROM sources WHERE id = ?').get(source.id) as { hash: string } | undefined;
      if (existing?.hash === source.hash) return 'unchanged';
      if (existing) this.deleteSource(source.id);
      this.insertSource(source);
      this.written = true;
      return existing ? 'updated' : 'ingested';
    });
  }

  private insertSource(source: SegmentedSource): void {
    const info = this.sql(
      `INSERT INTO sources (id, location, title, format, date, author, url, language, hash, text, passages, sentence_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      source.id,
      source.location,
      source.title,
      source.format,
      source.date ?? null,
      source.author ?? null,
      source.url ?? null,
      source.language ?? null,
      source.hash,
      source.text,
      JSON.stringify(source.passages),
      source.sentences.length,
    );
    const insertSentence = this.sql(
      `INSERT INTO sentences (id, source_id, ord, start, "end", passage, kind, boilerplate, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const body: string[] = [];
    source.sentences.forEach((sentence, ord) => {
      const text = source.text.slice(sentence.start, sentence.end);
      const id = this.index.allocateId();
      insertSentence.run(
        id,
        source.id,
        ord,
        sentence.start,
        sentence.end,
        sentence.passage,
        sentence.kind,
        sentence.boilerplate ? 1 : 0,
        text,
      );
      if (sentence.boilerplate) return;
      const sentenceTerms = source.sentenceTerms?.[ord] ?? terms(text).join(' ');
      body.push(sentenceTerms);
      this.index.add(id, sentenceTerms === '' ? [] : sentenceTerms.split(' '));
    });
    this.sql('INSERT INTO source_fts (rowid, title, body) VALUES (?, ?, ?)').run(
      info.lastInsertRowid,
      terms(source.title).join(' '),
      body.join(' '),
    );
  }

  /** Takes a source's searchable sentences out of the sentence index (none when it is a duplicate). */
  private unindexSentences(id: SourceId): void {
    const rows = this.sql(
      `SELECT s.id, s.text FROM sentences s JOIN sources src ON src.id = s.source_id
       WHERE s.source_id = ? AND s.boilerplate = 0 AND src.duplicate_of IS NULL`,
    ).all(id) as { id: number; text: string }[];
    for (const row of rows) this.index.remove(row.id, row.text);
  }

  private deleteSource(id: SourceId): void {
    this.unindexSentences(id);
    this.sql('DELETE FROM source_fts WHERE rowid = (SELECT rowid FROM sources WHERE id = ?)').run(id);
    this.sql('DELETE FROM sentences WHERE source_id = ?').run(id);
    this.sql('DELETE FROM sources WHERE id = ?').run(id);
  }

  async getSource(id: SourceId): Promise<StoredSource | undefined> {
    return this.read(() => this.readSource(id));
  }

  private readSource(id: SourceId): StoredSource | undefined {
    const row = this.sql(`SELECT ${SUMMARY_COLUMNS}, text, passages FROM sources WHERE id = ?`).get(id) as
      | (SourceRow & { text: string; passages: string })
      | undefined;
    if (!row) return undefined;
    const sentences = this.sql(
      'SELECT start, "end", passage, kind, boilerplate FROM sentences WHERE source_id = ? ORDER BY ord',
    ).all(id) as SentenceRow[];
    const sentenceSpans: SentenceSpan[] = sentences.map((s) => ({
      start: s.start,
      end: s.end,
      passage: s.passage,
      kind: s.kind,
      boilerplate: s.boilerplate === 1,
    }));
    return {
      ...toSummary(row),
      text: row.text,
      passages: JSON.parse(row.passages) as PassageSpan[],
      sentenceSpans,
    };
  }

  async listSources(): Promise<SourceSummary[]> {
    const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM sources ORDER BY location, id`).all() as SourceRow[];
    return rows.map(toSummary);
  }

  async removeSource(id: SourceId): Promise<boolean> {
    return this.tx(() => {
      const found = this.sql('SELECT 1 FROM sources WHERE id = ?').get(id) !== undefined;
      if (found) {
        this.sql('UPDATE sources SET duplicate_of = NULL WHERE duplicate_of = ?').run(id);
        this.deleteSource(id);
      }
      return found;
    });
  }

  async markDuplicate(id: SourceId, canonical: SourceId): Promise<void> {
    this.tx(() => {
      this.unindexSentences(id);
      this.sql('UPDATE sources SET duplicate_of = ? WHERE id = ?').run(canonical, id);
      this.sql('DELETE FROM fingerprints WHERE source_id = ?').run(id); // a copy is never a candidate itself
      this.sql('DELETE FROM source_fts WHERE rowid = (SELECT rowid FROM sources WHERE id = ?)').run(id);
    });
  }

  async putFingerprints(
    id: SourceId,
    kind: FingerprintKind,
    prints: readonly { readonly key: string; readonly pos: number }[],
  ): Promise<void> {
    this.tx(() => {
      this.sql('DELETE FROM fingerprints WHERE source_id = ? AND kind = ?').run(id, kind);
      const insert = this.sql('INSERT OR IGNORE INTO fingerprints (kind, key, source_id, pos) VALUES (?, ?, ?, ?)');
      for (const print of prints) insert.run(kind, print.key, id, print.pos);
    });
  }

  async findFingerprints(kind: FingerprintKind, keys: readonly string[]): Promise<FingerprintMatch[]> {
    if (keys.length === 0) return [];
    const rows = this.sql(
      `SELECT source_id, key, pos FROM fingerprints
       WHERE kind = ? AND key IN (SELECT value FROM json_each(?))
       ORDER BY source_id, key, pos`,
    ).all(kind, JSON.stringify(keys)) as { source_id: string; key: string; pos: number }[];
    return rows.map((r) => ({ sourceId: asSourceId(r.source_id), key: r.key, pos: r.pos }));
  }

  async markBoilerplate(id: SourceId, passages: readonly number[]): Promise<void> {
    if (passages.length === 0) return;
    this.tx(() => {
      const source = this.sql('SELECT rowid, title, duplicate_of FROM sources WHERE id = ?').get(id) as
        | { rowid: number; title: string; duplicate_of: string | null }
        | undefined;
      if (!source) return;
      const list = JSON.stringify(passages);
      const newly = this.sql(
        `SELECT id, text FROM sentences
           WHERE source_id = ? AND boilerplate = 0 AND passage IN (SELECT value FROM json_each(?))`,
      ).all(id, list) as { id: number; text: string }[];
      if (newly.length === 0) return;
      this.sql(
        'UPDATE sentences SET boilerplate = 1 WHERE source_id = ? AND passage IN (SELECT value FROM json_each(?))',
      ).run(id, list);
      if (source.duplicate_of) return; // a duplicate has no index rows to update
      for (const row of newly) this.index.remove(row.id, row.text);
      // The source-level body is the concatenation of its indexed sentences: rebuild it without the furniture.
      const kept = this.sql('SELECT text FROM sentences WHERE source_id = ? AND boilerplate = 0 ORDER BY ord').all(
        id,
      ) as { text: string }[];
      this.sql('DELETE FROM source_fts WHERE rowid = ?').run(source.rowid);
      this.sql('INSERT INTO source_fts (rowid, title, body) VALUES (?, ?, ?)').run(
        source.rowid,
        terms(source.title).join(' '),
        kept.map((s) => terms(s.text).join(' ')).join(' '),
      );
    });
  }

  async searchSentences(query: SentenceQuery): Promise<SentenceHit[]> {
    const phrases = queryTokenPhrases(query.terms).filter((p) => p.length > 0);
    if (phrases.length === 0 || query.limit <= 0) return [];
    this.index.refresh();
    return this.cachedSearch(phrases, query) ?? this.readIndex(() => this.findSentences(phrases, query));
  }

  /**
   * A search answered from the index's read cache alone (after `refresh`), or undefined when it lacks a part.
   * It needs no read transaction, whose BEGIN and COMMIT were a third of a cached search's time. Date filters
   * and open batches take the ordinary path.
   */
  private cachedSearch(phrases: readonly (readonly string[])[], query: SentenceQuery): SentenceHit[] | undefined {
    if (this.db.inTransaction || query.since || query.until) return undefined;
    const scored = this.index.scoreCached(phrases);
    if (!scored) return undefined;
    const ranks = topScores(scored, query.limit);
    const rows: RawSearchRow[] = [];
    for (const id of ranks.keys()) {
      const row = this.index.cache.row(id) as RawSearchRow | undefined;
      if (!row) return undefined;
      rows.push(row);
    }
    return toHits(rows, ranks).slice(0, query.limit);
  }

  private findSentences(phrases: readonly (readonly string[])[], query: SentenceQuery): SentenceHit[] {
    const scored = this.index.score(phrases);
    if (scored.ids.length === 0) return [];
    if (query.since || query.until) return this.searchFiltered(scored, query);
    return this.rankedRows(topScores(scored, query.limit), '', []).slice(0, query.limit);
  }

  /** The sentences of `scores` (id → score) that pass `filter`, best first, ties by source id and offset. */
  private rankedRows(scores: Map<number, number>, filter: string, params: readonly string[]): SentenceHit[] {
    const ids = [...scores.keys()];
    return toHits(filter === '' ? this.hitRows(ids) : this.selectHitRows(ids, filter, params), scores);
  }

  /** The rows of hit sentences `ids`, those read since the library last changed from the index's read cache. */
  private hitRows(ids: readonly number[]): RawSearchRow[] {
    const cache = this.index.cache;
    const cached: RawSearchRow[] = [];
    const missing: number[] = [];
    for (const id of ids) {
      const row = cache.row(id) as RawSearchRow | undefined;
      if (row) cached.push(row);
      else missing.push(id);
    }
    if (missing.length === 0) return cached;
    const read = this.selectHitRows(missing, '', []);
    for (const row of read) cache.keepRow(row[0], row);
    return cached.concat(read);
  }

  private selectHitRows(ids: readonly number[], filter: string, params: readonly string[]): RawSearchRow[] {
    return this.sql(
      `SELECT s.id, s.source_id, s.start, s."end", s.kind, s.text, src.title, src.date
       FROM sentences s JOIN sources src ON src.id = s.source_id
       WHERE s.id IN (SELECT value FROM json_each(?)) ${filter}`,
    )
      .raw()
      .all(JSON.stringify(ids), ...params) as RawSearchRow[];
  }

  /**
   * Date-filtered search: candidates are joined best first, a chunk at a time, until `limit` rows passed the
   * filter and the next candidate scores below the last of them.
   */
  private searchFiltered(scored: Scored, query: SentenceQuery): SentenceHit[] {
    const filter = dateFilter(query, 'src.date');
    const order = Array.from(scored.ids.keys()).sort(
      (a, b) => (scored.scores[b] as number) - (scored.scores[a] as number),
    );
    const chunk = Math.max(FILTER_CHUNK, query.limit * 4);
    const passed: SentenceHit[] = [];
    for (let at = 0; at < order.length; at += chunk) {
      const next = scored.scores[order[at] as number] as number;
      if (passed.length >= query.limit && next < (passed[query.limit - 1] as SentenceHit).score) break;
      const scores = new Map<number, number>();
      for (const i of order.slice(at, at + chunk)) scores.set(scored.ids[i] as number, scored.scores[i] as number);
      passed.push(...this.rankedRows(scores, filter.sql, filter.params));
      passed.sort(byRank);
    }
    return passed.slice(0, query.limit);
  }

  async searchSources(query: SourceQuery): Promise<SourceHit[]> {
    const match = ftsMatch(query.terms);
    if (!match) return [];
    const filter = dateFilter(query, 'src.date');
    const rows = this.sql(
      `SELECT src.id, src.title, -bm25(source_fts, ${TITLE_WEIGHT}, 1) AS score
         FROM source_fts JOIN sources src ON src.rowid = source_fts.rowid
         WHERE source_fts MATCH ? ${filter.sql}
         ORDER BY score DESC, src.id LIMIT ?`,
    ).all(match, ...filter.params, query.limit) as { id: string; title: string; score: number }[];
    return rows.map((r) => ({ sourceId: asSourceId(r.id), title: r.title, score: r.score }));
  }

  async sentenceFrequencies(list: readonly string[]): Promise<Map<string, number>> {
    // Looked up by the raw term, as fts5vocab did: a term FTS5 splits or folds ("3.5", "café") counts 0.
    return this.readIndex(() => new Map([...new Set(list)].map((term) => [term, this.index.frequency(term)])));
  }

  async stats(): Promise<LibraryStats> {
    const row = this.sql(
      'SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM sentences) AS sentences',
    ).get() as LibraryStats;
    return row;
  }

  /**
   * Runs reads that belong together in one read transaction: one snapshot, and one lock instead of one per
   * statement (taking and dropping WAL read locks costs about 5 µs a statement in system calls, more than a
   * sentence lookup itself).
   */
  private read<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : (this.readTransaction.deferred(fn) as T);
  }

  /**
   * `read` for reads of the sentence index. Inside an open batch (a server searching while it ingests) the
   * batch's buffered index changes are written first, so that a sentence removed or flagged in it is not found.
   * Only index reads do this: each early write leaves the index one more row per token to merge later.
   */
  private readIndex<T>(fn: () => T): T {
    if (this.db.inTransaction) this.index.flush();
    return this.read(fn);
  }

  /**
   * Runs `fn` in its own IMMEDIATE transaction, or directly inside an open batch: a savepoint per call would make
   * FTS5 flush its pending terms at each one, which cost as much as the commits the batch saves.
   */
  private tx<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    try {
      return this.db
        .transaction(() => {
          const result = fn();
          this.index.flush();
          return result;
        })
        .immediate();
    } catch (error) {
      this.index.discard();
      throw error;
    }
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.db.inTransaction) return work();
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work();
      this.index.flush();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.index.discard();
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (this.written) {
      // One transaction per source leaves FTS5 with a segment per commit (merged only 4 at a time); queries then
      // visit every segment — twice the latency on a fresh 50k-sentence library. A bounded merge at close keeps
      // the index compact without rewriting a large library after every small ingest.
      this.db.prepare(`INSERT INTO source_fts (source_fts, rank) VALUES ('merge', ?)`).run(-FTS_MERGE_PAGES);
    }
    this.db.close();
  }
}
