/**
 * PostgreSQL schema and migrations, versioned like the SQLite ones: `meta.schema_version` is checked on open,
 * missing migrations run in order inside one transaction, and a library from a newer Kora is refused.
 * BM25 needs term statistics that PostgreSQL does not keep, so the schema stores them itself: postings
 * (token → sentence, tf), each sentence's token stream (for phrases) and length, and per-source totals that add up to the
 * collection statistics (per-source rows instead of one global counter, so concurrent writers never queue on
 * a hot row and every snapshot sees totals consistent with its postings).
 */
import type { PoolClient } from 'pg';
import { createError } from '../../core/errors.ts';

/** Each entry migrates from version `index` to `index + 1`. Never edit a shipped entry; append a new one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
  CREATE TABLE sources (
    id text PRIMARY KEY,
    location text NOT NULL,
    title text NOT NULL,
    format text NOT NULL,
    date text,
    author text,
    url text,
    language text,
    hash text NOT NULL,
    text text NOT NULL,
    passages text NOT NULL,
    sentence_count integer NOT NULL,
    duplicate_of text,
    -- What this source adds to the sentence index (searchable sentences, their index tokens) and to the
    -- source index (1 or 0, title + body tokens); zero once it is marked a duplicate.
    indexed_sentences integer NOT NULL DEFAULT 0,
    indexed_tokens bigint NOT NULL DEFAULT 0,
    source_indexed integer NOT NULL DEFAULT 0,
    source_tokens bigint NOT NULL DEFAULT 0,
    -- Index token streams of the title and of the indexed body, for phrase queries (see ../index-tokens.ts).
    fts_title text[] NOT NULL DEFAULT '{}',
    fts_body text[] NOT NULL DEFAULT '{}'
  );
  CREATE INDEX sources_date ON sources (date COLLATE "C");
  CREATE TABLE sentences (
    id bigserial PRIMARY KEY,
    source_id text NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ord integer NOT NULL,
    start integer NOT NULL,
    "end" integer NOT NULL,
    passage integer NOT NULL,
    kind text NOT NULL,
    boilerplate boolean NOT NULL,
    text text NOT NULL,
    -- Index token stream (NULL for boilerplate) and its length, BM25's D.
    fts text[],
    tokens integer NOT NULL
  );
  CREATE INDEX sentences_source ON sentences (source_id, ord);
  -- Inverted indexes over FTS5-style tokens (see ../index-tokens.ts), clustered by token in the primary key. Each
  -- posting carries what BM25 needs (tf, and the row's length), so ranking reads postings alone and joins only
  -- the top hits; INCLUDE lets that be an index-only scan once VACUUM has set the visibility map. A source's
  -- postings are deleted by key, from its stored token streams, so no second index is needed.
  CREATE TABLE sentence_postings (
    term text COLLATE "C" NOT NULL,
    sentence_id bigint NOT NULL,
    tf integer NOT NULL,
    len integer NOT NULL,
    PRIMARY KEY (term, sentence_id) INCLUDE (tf, len)
  );
  CREATE TABLE source_postings (
    term text COLLATE "C" NOT NULL,
    source_id text NOT NULL,
    tf_title integer NOT NULL,
    tf_body integer NOT NULL,
    len integer NOT NULL,
    PRIMARY KEY (term, source_id) INCLUDE (tf_title, tf_body, len)
  );
  -- Collection statistics for BM25 (N and total length, per index), kept as sums over a few shard rows: each
  -- write adds its source's deltas to the shard of its id, so writers rarely wait on one another, and a query
  -- sums TOTALS_SHARDS rows instead of every source. Same snapshot as the postings, so always consistent.
  CREATE TABLE bm25_totals (
    shard integer PRIMARY KEY,
    sentences bigint NOT NULL,
    sentence_tokens bigint NOT NULL,
    sources bigint NOT NULL,
    source_tokens bigint NOT NULL
  );
  INSERT INTO bm25_totals SELECT g, 0, 0, 0, 0 FROM generate_series(0, 63) AS g;
  -- Occurrences of a phrase (consecutive tokens) in a token stream, overlapping ones included, as FTS5 counts.
  CREATE FUNCTION kora_phrase_count(hay text[], needle text[]) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT count(*)::integer FROM generate_subscripts(hay, 1) AS i
          WHERE hay[i:i + cardinality(needle) - 1] = needle $$;
  `,
  // 1 → 2: fingerprints for cross-page furniture and near-duplicate detection (ingest/dedupe.ts).
  `
  CREATE TABLE fingerprints (
    kind text NOT NULL,
    key text COLLATE "C" NOT NULL,
    source_id text NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    pos integer NOT NULL,
    PRIMARY KEY (kind, key, source_id, pos)
  );
  CREATE INDEX fingerprints_source ON fingerprints (source_id);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Shard rows of bm25_totals (the migration creates 0–63); a source's shard is hashtext(id) & (TOTALS_SHARDS - 1). */
export const TOTALS_SHARDS = 64;

/** Advisory-lock class for Kora (first key of pg_advisory_xact_lock(int, int)); any 32-bit constant. */
export const LOCK_CLASS = 0x6b6f7261; // "kora"
/** Second lock key used while migrating (source locks use hashtext(id), which may collide harmlessly). */
const MIGRATION_LOCK = 0;

async function currentVersion(client: PoolClient, label: string): Promise<number> {
  const tables = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
  );
  if (tables.rows.length === 0) return 0;
  if (!tables.rows.some((t) => t.name === 'meta')) throw createError('NOT_A_KORA_DB', label);
  const row = await client.query<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`);
  const value = row.rows[0]?.value;
  if (value === undefined) throw createError('NOT_A_KORA_DB', label);
  return Number(value);
}

/**
 * Brings the schema to SCHEMA_VERSION, or throws if it is newer than this code. Serialised by an advisory
 * lock, so that several processes opening a fresh database at once create the tables exactly once. An
 * up-to-date schema is only read, without the lock, so a read-only hot standby (a search replica) opens too.
 */
export async function migrate(client: PoolClient, label: string): Promise<void> {
  const seen = await currentVersion(client, label);
  if (seen > SCHEMA_VERSION) throw createError('SCHEMA_TOO_NEW', label, seen, SCHEMA_VERSION);
  if (seen === SCHEMA_VERSION) return;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, MIGRATION_LOCK]);
    const version = await currentVersion(client, label);
    if (version > SCHEMA_VERSION) throw createError('SCHEMA_TOO_NEW', label, version, SCHEMA_VERSION);
    for (let v = version; v < SCHEMA_VERSION; v++) await client.query(MIGRATIONS[v] ?? '');
    if (version < SCHEMA_VERSION) {
      await client.query(
        `INSERT INTO meta (key, value) VALUES ('schema_version', $1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [String(SCHEMA_VERSION)],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
