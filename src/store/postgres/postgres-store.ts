/**
 * The server store: PostgreSQL 15 through a node-postgres Pool. Same contract as the SQLite store, same BM25
 * scores (see bm25.ts and ../index-tokens.ts), same result order. Each putSource is one transaction under an advisory
 * lock on the source id, so concurrent `kora ingest` processes store every source exactly once, and searches
 * see only committed sources. `?schema=name` in the URL keeps a library in its own schema.
 */
import pg from 'pg';
import { asSourceId, type SourceId } from '../../core/ids.ts';
import type {
  PassageSpan,
  SegmentedSource,
  SentenceHit,
  SentenceKind,
  SourceHit,
  SourceSummary,
  StoredSource,
} from '../../core/model.ts';
import { type SourceRow, SUMMARY_COLUMNS, toSummary } from '../rows.ts';
import type {
  FingerprintKind,
  FingerprintMatch,
  LibraryStats,
  PutOutcome,
  SentenceQuery,
  SourceQuery,
  Store,
} from '../store.ts';
import { explain } from './errors.ts';
import { LOCK_CLASS, migrate } from './schema.ts';
import { searchSentences, searchSources } from './search.ts';
import { deleteSource, insertSource, markBoilerplate, removeTotals, unindexSource } from './write.ts';

/** Connections per store (1–20): a CLI process needs few; the server may want more. */
export const POOL_SIZE = 4;

/** Splits Kora's own `schema` parameter off a postgres:// URL. */
export function parseLocation(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), ...(schema ? { schema } : {}) };
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export class PostgresStore implements Store {
  readonly label: string;
  private readonly pool: pg.Pool;

  private constructor(pool: pg.Pool, label: string) {
    this.pool = pool;
    this.label = label;
  }

  /** Connects, creates the schema if needed and runs missing migrations: `await PostgresStore.open(url)`. */
  static async open(url: string, poolSize: number = POOL_SIZE): Promise<PostgresStore> {
    const { connectionString, schema } = parseLocation(url);
    // The schema is set as a startup option, so every pooled connection has it before its first query.
    const options = schema ? `-c search_path=${quoteIdent(schema)}` : undefined;
    const pool = new pg.Pool({ connectionString, max: poolSize, ...(options ? { options } : {}) });
    // An idle client's network error is reported here; without a listener it would crash the process.
    pool.on('error', () => {});
    const label = url.replace(/\/\/[^@/]*@/, '//');
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw explain(error, label);
    });
    try {
      // Looked up first: even CREATE SCHEMA IF NOT EXISTS is refused by a read-only standby.
      const exists = schema && (await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount;
      if (schema && !exists) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await migrate(client, label);
    } catch (error) {
      client.release();
      await pool.end();
      throw explain(error, label);
    }
    client.release();
    return new PostgresStore(pool, label);
  }

  /** Runs `work` in one transaction holding the advisory lock of source `id`. */
  private async locked<T>(id: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, id]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw explain(error, this.label);
    } finally {
      client.release();
    }
  }

  async putSource(source: SegmentedSource): Promise<PutOutcome> {
    return this.locked(source.id, async (client) => {
      const existing = await client.query<{ hash: string }>('SELECT hash FROM sources WHERE id = $1', [source.id]);
      const previous = existing.rows[0];
      if (previous?.hash === source.hash) return 'unchanged';
      if (previous) await deleteSource(client, source.id);
      await insertSource(client, source);
      return previous ? 'updated' : 'ingested';
    });
  }

  async getSource(id: SourceId): Promise<StoredSource | undefined> {
    const found = await this.pool.query<SourceRow & { text: string; passages: string }>(
      `SELECT ${SUMMARY_COLUMNS}, text, passages FROM sources WHERE id = $1`,
      [id],
    );
    const row = found.rows[0];
    if (!row) return undefined;
    const sentences = await this.pool.query<{
      start: number;
      end: number;
      passage: number;
      kind: SentenceKind;
      boilerplate: boolean;
    }>('SELECT start, "end", passage, kind, boilerplate FROM sentences WHERE source_id = $1 ORDER BY ord', [id]);
    return {
      ...toSummary(row),
      text: row.text,
      passages: JSON.parse(row.passages) as PassageSpan[],
      sentenceSpans: sentences.rows.map((s) => ({
        start: s.start,
        end: s.end,
        passage: s.passage,
        kind: s.kind,
        boilerplate: s.boilerplate,
      })),
    };
  }

  async listSources(): Promise<SourceSummary[]> {
    const rows = await this.pool.query<SourceRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM sources ORDER BY location COLLATE "C", id COLLATE "C"`,
    );
    return rows.rows.map(toSummary);
  }

  async removeSource(id: SourceId): Promise<boolean> {
    return this.locked(id, async (client) => {
      const found = (await client.query('SELECT 1 FROM sources WHERE id = $1', [id])).rows.length > 0;
      if (found) {
        await client.query('UPDATE sources SET duplicate_of = NULL WHERE duplicate_of = $1', [id]);
        await deleteSource(client, id);
      }
      return found;
    });
  }

  async markDuplicate(id: SourceId, canonical: SourceId): Promise<void> {
    await this.locked(id, async (client) => {
      await removeTotals(client, id);
      await client.query(
        `UPDATE sources SET duplicate_of = $2, indexed_sentences = 0, indexed_tokens = 0, source_indexed = 0,
           source_tokens = 0 WHERE id = $1`,
        [id, canonical],
      );
      await client.query('DELETE FROM fingerprints WHERE source_id = $1', [id]); // a copy is never a candidate
      await unindexSource(client, id);
    });
  }

  async searchSentences(query: SentenceQuery): Promise<SentenceHit[]> {
    return searchSentences(this.pool, query);
  }

  async searchSources(query: SourceQuery): Promise<SourceHit[]> {
    return searchSources(this.pool, query);
  }

  async putFingerprints(
    id: SourceId,
    kind: FingerprintKind,
    prints: readonly { readonly key: string; readonly pos: number }[],
  ): Promise<void> {
    await this.locked(id, async (client) => {
      await client.query('DELETE FROM fingerprints WHERE source_id = $1 AND kind = $2', [id, kind]);
      if (prints.length === 0) return;
      await client.query(
        `INSERT INTO fingerprints (kind, key, source_id, pos)
         SELECT $1, k, $2, p FROM unnest($3::text[], $4::int[]) AS u(k, p)
         WHERE EXISTS (SELECT 1 FROM sources WHERE id = $2)
         ON CONFLICT DO NOTHING`,
        [kind, id, prints.map((p) => p.key), prints.map((p) => p.pos)],
      );
    });
  }

  async findFingerprints(kind: FingerprintKind, keys: readonly string[]): Promise<FingerprintMatch[]> {
    if (keys.length === 0) return [];
    const rows = await this.pool.query<{ source_id: string; key: string; pos: number }>(
      `SELECT source_id, key, pos FROM fingerprints WHERE kind = $1 AND key = ANY($2::text[])
       ORDER BY source_id COLLATE "C", key COLLATE "C", pos`,
      [kind, [...keys]],
    );
    return rows.rows.map((r) => ({ sourceId: asSourceId(r.source_id), key: r.key, pos: r.pos }));
  }

  async markBoilerplate(id: SourceId, passages: readonly number[]): Promise<void> {
    if (passages.length === 0) return;
    await this.locked(id, (client) => markBoilerplate(client, id, passages));
  }

  async sentenceFrequencies(list: readonly string[]): Promise<Map<string, number>> {
    const unique = [...new Set(list)];
    // Looked up by the raw term, as SQLite's fts5vocab lookup is: a term FTS5 splits or folds counts 0 there too.
    const rows = await this.pool.query<{ term: string; doc: string }>(
      `SELECT t AS term, (SELECT count(*) FROM sentence_postings p WHERE p.term = t) AS doc
       FROM unnest($1::text[]) AS t`,
      [unique],
    );
    return new Map(rows.rows.map((r) => [r.term, Number(r.doc)]));
  }

  async stats(): Promise<LibraryStats> {
    const rows = await this.pool.query<{ sources: string; sentences: string }>(
      'SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM sentences) AS sentences',
    );
    const row = rows.rows[0];
    return { sources: Number(row?.sources ?? 0), sentences: Number(row?.sentences ?? 0) };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
