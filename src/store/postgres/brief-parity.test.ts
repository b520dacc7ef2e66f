/**
 * The end-to-end promise of the PostgreSQL store: the same library gives the same brief and the same verify
 * report as on SQLite, byte for byte (the Russia/China UN speeches and the seed draft from ../shared).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brief } from '../../brief/index.ts';
import { ingestPaths } from '../../ingest/index.ts';
import { verify } from '../../verify/index.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import type { Store } from '../store.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropSchema, freshUrl } from './test-db.ts';

const PG = process.env.KORA_TEST_PG;
const SHARED = new URL('../../../../shared/', import.meta.url).pathname;
const CORPUS = join(SHARED, 'data/corpora/ungdc_rus_chn_1946_2024.jsonl');
const SEEDS = join(SHARED, 'seeds');

const skip = !PG
  ? 'set KORA_TEST_PG=postgres://… to run (scripts/pg-test-cluster.sh start prints it)'
  : !existsSync(CORPUS) || !existsSync(SEEDS)
    ? `needs ${CORPUS} and ${SEEDS}`
    : false;

let sqlite: Store;
let postgres: Store;
let dir = '';
let schema = '';

before(async () => {
  if (skip || !PG) return;
  dir = mkdtempSync(join(tmpdir(), 'kora-brief-parity-'));
  sqlite = new SqliteStore(join(dir, 'k.db'));
  const fresh = freshUrl(PG);
  schema = fresh.schema;
  postgres = await PostgresStore.open(fresh.url);
  for (const store of [sqlite, postgres]) await ingestPaths([CORPUS], store);
});

after(async () => {
  if (skip || !PG) return;
  await sqlite.close();
  await postgres.close();
  await dropSchema(PG, schema);
  rmSync(dir, { recursive: true, force: true });
});

test('the same brief from SQLite and PostgreSQL', { skip }, async () => {
  for (const topic of ['Russia China relations', 'nuclear disarmament']) {
    const [a, b] = await Promise.all([brief(sqlite, topic), brief(postgres, topic)]);
    assert.deepEqual(b, a, topic);
    assert.ok(a.subtopics.length > 0);
  }
});

test('the same verify report from SQLite and PostgreSQL', { skip }, async () => {
  const seed = readdirSync(SEEDS).find((f) => f.startsWith('000_')) as string;
  const draft = readFileSync(join(SEEDS, seed), 'utf8');
  const [a, b] = await Promise.all([verify(sqlite, draft), verify(postgres, draft)]);
  assert.deepEqual(b, a);
  assert.ok(a.claims.length > 0);
});
