/** Opens the store a `--db` value names: a file path (SQLite, the default) or a postgres:// URL. */
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** Default library file in the working directory. */
export const DEFAULT_DB = 'kora.db';

/** True for a postgres:// or postgresql:// URL. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//.test(location);

export async function openStore(location: string = DEFAULT_DB): Promise<Store> {
  if (isPostgresUrl(location)) {
    // Loaded on demand: SQLite users never pay for the pg driver.
    const { PostgresStore } = await import('./postgres/postgres-store.ts');
    return PostgresStore.open(location);
  }
  return new SqliteStore(location);
}
