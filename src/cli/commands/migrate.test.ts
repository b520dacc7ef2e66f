/**
 * `kora migrate` round trips: SQLite → SQLite always; SQLite → PostgreSQL → SQLite when KORA_TEST_PG is set.
 * Every copy must have the same counts and content hash, and search the same.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { terms } from '../../core/text.ts';
import { source } from '../../store/contract.ts';
import type { CopyReport } from '../../store/copy.ts';
import { dropSchema, freshUrl } from '../../store/postgres/test-db.ts';
import { SqliteStore } from '../../store/sqlite/sqlite-store.ts';

const KORA = new URL('../../../bin/kora.js', import.meta.url).pathname;
const PG = process.env.KORA_TEST_PG;
const run = promisify(execFile);

/** A small library with a duplicate and a boilerplate sentence, so that both survive the trip. */
async function makeLibrary(file: string): Promise<void> {
  const store = new SqliteStore(file);
  const a = source(
    'lib/a.txt',
    'Copper mines',
    'Copper mines opened in 1901. The ore was rich.\n\nSubscribe to our newsletter.',
  );
  const b = source('lib/b.txt', 'Copper mines again', 'Copper mines opened in 1901. The ore was rich.', {
    date: '2020-02-02',
  });
  const c = source('lib/c.txt', 'Café notes', 'The café served 3.5 litres of naïve coffee to O’Brien.', {
    author: 'Z',
  });
  for (const s of [a, b, c]) await store.putSource(s);
  await store.markDuplicate(b.id, a.id);
  await store.close();
}

async function migrate(from: string, to: string): Promise<CopyReport> {
  const { stdout } = await run(process.execPath, [KORA, 'migrate', '--json', '--from', from, '--to', to]);
  return JSON.parse(stdout) as CopyReport;
}

async function searchOf(file: string): Promise<unknown> {
  const store = new SqliteStore(file);
  try {
    const hits = await store.searchSentences({ terms: terms('copper ore café 3.5'), limit: 10 });
    return hits.map(({ sentenceId: _, ...h }) => h);
  } finally {
    await store.close();
  }
}

test('migrate copies a SQLite library to another file with equal counts and hash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kora-migrate-'));
  try {
    await makeLibrary(join(dir, 'a.db'));
    const report = await migrate(join(dir, 'a.db'), join(dir, 'b.db'));
    assert.equal(report.verified, true);
    assert.deepEqual(report.to, report.from);
    assert.equal(report.from.sources, 3);
    assert.equal(report.from.duplicates, 1);
    assert.deepEqual(await searchOf(join(dir, 'b.db')), await searchOf(join(dir, 'a.db')));
    // A non-empty target is refused (usage error), so a copy never merges into another library.
    await assert.rejects(migrate(join(dir, 'a.db'), join(dir, 'b.db')), (e: { code: number; stderr: string }) => {
      assert.equal(e.code, 2);
      assert.match(e.stderr, /expected an empty library \(it holds 3 sources\)/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrate round-trips SQLite → PostgreSQL → SQLite', {
  skip: PG ? false : 'set KORA_TEST_PG=postgres://… to run (scripts/pg-test-cluster.sh start prints it)',
}, async () => {
  if (!PG) return;
  const dir = mkdtempSync(join(tmpdir(), 'kora-migrate-'));
  const { url, schema } = freshUrl(PG);
  try {
    await makeLibrary(join(dir, 'a.db'));
    const there = await migrate(join(dir, 'a.db'), url);
    assert.equal(there.verified, true);
    const back = await migrate(url, join(dir, 'back.db'));
    assert.equal(back.verified, true);
    assert.deepEqual(back.to, there.from);
    assert.deepEqual(await searchOf(join(dir, 'back.db')), await searchOf(join(dir, 'a.db')));
  } finally {
    await dropSchema(PG, schema);
    rmSync(dir, { recursive: true, force: true });
  }
});
