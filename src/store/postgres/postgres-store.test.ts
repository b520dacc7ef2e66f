/**
 * The Store contract on PostgreSQL, plus what only a server store needs: schema versioning on open and results
 * identical to SQLite's over the same library. Needs a server: `eval "$(scripts/pg-test-cluster.sh start)"`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import type { KoraError } from '../../core/errors.ts';
import { storeContract } from '../contract.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropSchema, freshUrl } from './test-db.ts';

const PG = process.env.KORA_TEST_PG;
const SKIP = 'set KORA_TEST_PG=postgres://… to run (scripts/pg-test-cluster.sh start prints it)';

if (!PG) {
  test('Store contract: PostgreSQL', { skip: SKIP }, () => {});
} else {
  storeContract('PostgreSQL', async () => {
    const { url, schema } = freshUrl(PG);
    const store = await PostgresStore.open(url);
    const cleanup = async () => {
      await store.close();
      await dropSchema(PG, schema);
    };
    return { store, cleanup };
  });
}

test('opening refuses a newer schema and a database that is not a Kora library', {
  skip: PG ? false : SKIP,
}, async () => {
  if (!PG) return;
  const { url, schema } = freshUrl(PG);
  try {
    const store = await PostgresStore.open(url);
    await store.close();
    const client = new pg.Client({ connectionString: PG });
    await client.connect();
    await client.query(`UPDATE "${schema}".meta SET value = '999' WHERE key = 'schema_version'`);
    await assert.rejects(
      PostgresStore.open(url),
      (e: KoraError) => e.code === 'SCHEMA_TOO_NEW' && /999/.test(e.message),
    );
    await client.query(`DROP TABLE "${schema}".meta`);
    await assert.rejects(PostgresStore.open(url), (e: KoraError) => e.code === 'NOT_A_KORA_DB');
    await client.end();
  } finally {
    await dropSchema(PG, schema);
  }
});
