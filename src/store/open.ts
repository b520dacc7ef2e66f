/** Opens the store a `--db` value names: a file path (SQLite, the default) or a postgres:// URL. */
import { createError } from '../core/errors.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

/** Default library file in the working directory. */
export const DEFAULT_DB = 'kora.db';

export async function openStore(location: string = DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    throw createError('BAD_OPTION', '--db', location, 'a SQLite file path (PostgreSQL support is not in this build)');
  }
  return new SqliteStore(location);
}
