/**
 * The Store contract on PostgreSQL, plus what only a server store needs: schema versioning on open and results
 * identical to SQLite's over the same library. Needs a server: `eval "$(scripts/pg-test-cluster.sh start)"`.
 */
import { test } from 'node:test';
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
