/**
 * The Store contract on PostgreSQL, plus what only a server store needs: schema versioning on open and results
 * identical to SQLite's over the same library. Needs a server: `eval "$(scripts/pg-test-cluster.sh start)"`.
 */
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { storeContract } from '../contract.ts';
import { PostgresStore } from './postgres-store.ts';

const PG = process.env.KORA_TEST_PG;
const SKIP = 'set KORA_TEST_PG=postgres://… to run (scripts/pg-test-cluster.sh start prints it)';

/** A URL naming a fresh schema in the test database, so that each test starts from an empty library. */
export function freshUrl(base: string): { url: string; schema: string } {
  const schema = `kora_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  return { url: url.toString(), schema };
}

/** Drops a test schema and everything in it. */
export async function dropSchema(base: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

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
