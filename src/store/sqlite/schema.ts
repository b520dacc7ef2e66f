/**
 * SQLite schema and migrations. The version lives in `meta.schema_version`; opening a file runs the
 * migrations it lacks, in order, inside one transaction, and refuses a file from a newer Kora.
 */
import type { Database } from 'better-sqlite3';
import { createError } from '../../core/errors.ts';
import { terms } from '../../core/text.ts';
import { SentenceIndex } from './sentence-index.ts';

/** Sentences indexed per write while an older file's sentences move into Kora's own index. */
const BACKFILL_CHUNK = 20_000;

/**
 * Each entry migrates from version `index` to `index + 1`: SQL, or a function for steps SQL cannot express.
 * Never edit a shipped entry; append a new one.
 */
export const MIGRATIONS: readonly (string | ((db: Database) => void))[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    location TEXT NOT NULL,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    date TEXT,
    author TEXT,
    url TEXT,
    language TEXT,
    hash TEXT NOT NULL,
    text TEXT NOT NULL,
    passages TEXT NOT NULL,
    sentence_count INTEGER NOT NULL,
    duplicate_of TEXT
  );
  CREATE INDEX sources_date ON sources(date);
  CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    passage INTEGER NOT NULL,
    kind TEXT NOT NULL,
    boilerplate INTEGER NOT NULL,
    text TEXT NOT NULL
  );
  CREATE INDEX sentences_source ON sentences(source_id, ord);
  -- Contentless indexes over Kora's own analysed terms (stemmed, stopwords removed), so that every store
  -- ranks the same terms. Boilerplate sentences and duplicate sources are never indexed.
  CREATE VIRTUAL TABLE sentence_fts USING fts5(terms, content='', contentless_delete=1);
  CREATE VIRTUAL TABLE sentence_vocab USING fts5vocab(sentence_fts, 'row');
  CREATE VIRTUAL TABLE source_fts USING fts5(title, body, content='', contentless_delete=1);
  `,
  // 1 → 2: fingerprints for cross-page furniture and near-duplicate detection (ingest/dedupe.ts).
  `
  CREATE TABLE fingerprints (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    PRIMARY KEY (kind, key, source_id, pos)
  ) WITHOUT ROWID;
  CREATE INDEX fingerprints_source ON fingerprints(source_id);
  `,
  // 2 → 3: sentence search moves from FTS5 to Kora's own postings (sentence-index.ts, postings.ts).
  (db) => {
    const totals = fts5Totals(db, 'sentence_fts');
    db.exec(`
      DROP TABLE sentence_vocab;
      DROP TABLE sentence_fts;
      CREATE TABLE sentence_postings (
        token TEXT NOT NULL,
        segment INTEGER NOT NULL,
        live INTEGER NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
      );
      CREATE UNIQUE INDEX sentence_postings_token ON sentence_postings(token, segment, live, size);
      CREATE TABLE sentence_index (rows INTEGER NOT NULL, tokens INTEGER NOT NULL,
        next_id INTEGER NOT NULL, next_segment INTEGER NOT NULL);
      INSERT INTO sentence_index SELECT 0, 0, coalesce(max(id), 0) + 1, 1 FROM sentences;
    `);
    const index = new SentenceIndex(db);
    const page = db.prepare(
      `SELECT s.id, s.text FROM sentences s JOIN sources src ON src.id = s.source_id
       WHERE s.boilerplate = 0 AND src.duplicate_of IS NULL AND s.id > ? ORDER BY s.id LIMIT ?`,
    );
    for (let after = 0; ; ) {
      const rows = page.all(after, BACKFILL_CHUNK) as { id: number; text: string }[];
      if (rows.length === 0) break;
      for (const row of rows) index.add(row.id, terms(row.text));
      index.flush();
      after = (rows.at(-1) as { id: number }).id;
    }
    // FTS5 kept counting removed rows (contentless_delete); carrying its totals over keeps every score as it was.
    if (totals) db.prepare('UPDATE sentence_index SET rows = ?, tokens = ?').run(totals.rows, totals.tokens);
  },
];

/**
 * An FTS5 table's row count and total tokens (first column), from its averages record (`%_data` row 1: an
 * SQLite varint row count, then one varint per column), or undefined when the table has none.
 */
function fts5Totals(db: Database, table: string): { rows: number; tokens: number } | undefined {
  const record = db.prepare(`SELECT block FROM ${table}_data WHERE id = 1`).pluck().get() as Uint8Array | undefined;
  if (!record || record.length === 0) return undefined;
  let at = 0;
  const varint = (): number => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = record[at++] as number;
      if (i === 8) return value * 256 + byte;
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return value;
    }
    return value;
  };
  const rows = varint();
  return { rows, tokens: varint() };
}

export const SCHEMA_VERSION = MIGRATIONS.length;

function currentVersion(db: Database, file: string): number {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
  if (tables.length === 0) return 0;
  if (!tables.some((t) => t.name === 'meta')) throw createError('NOT_A_KORA_DB', file);
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value: string } | undefined;
  if (!row) throw createError('NOT_A_KORA_DB', file);
  return Number(row.value);
}

/** Brings the database to SCHEMA_VERSION, or throws if it is newer than this code. */
export function migrate(db: Database, file: string): void {
  const version = currentVersion(db, file);
  if (version > SCHEMA_VERSION) throw createError('SCHEMA_TOO_NEW', file, version, SCHEMA_VERSION);
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (typeof step === 'function') step(db);
      else db.exec(step ?? '');
    }
    db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  }).immediate();
}
