/** Test helpers: a fresh schema per test in the database KORA_TEST_PG names, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
