import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../contract.ts';
import { SqliteStore } from './sqlite-store.ts';

storeContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kora-sqlite-'));
  const store = new SqliteStore(join(dir, 'test.db'));
  const cleanup = async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, cleanup };
});
