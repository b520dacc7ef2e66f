/**
 * How ingest holds the write lock: files parsed one after another commit together (every commit writes index
 * rows for each of its tokens), but nothing slow is ever awaited inside the transaction, so another writer (a second
 * `kora ingest`, the server) is not kept waiting by a download.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { DEFAULT_INGEST_OPTIONS, ingestPaths } from '../src/ingest/index.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { tempDir } from './helpers.ts';

test('a slow download is awaited outside the write transaction; the files before it are committed', async () => {
  const dir = tempDir();
  const notes = join(dir, 'notes');
  mkdirSync(notes);
  writeFileSync(join(notes, 'a.txt'), 'Kazakhstan exports grain to China. The harvest was large this year.');
  writeFileSync(join(notes, 'b.txt'), 'Uzbekistan built a new railway. It links the valley to the capital.');
  const server = createServer((_request, response) => {
    setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end('A late page arrived.'), 1500);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/late`;
  const file = join(dir, 'k.db');
  const store = new SqliteStore(file);
  try {
    const ingest = ingestPaths([notes, url], store, { ...DEFAULT_INGEST_OPTIONS, workers: 1 });
    await sleep(800); // the two files are stored; the download has half its delay to go
    const other = new Database(file, { timeout: 0 }); // SQLITE_BUSY at once if the lock were held
    try {
      other.exec('BEGIN IMMEDIATE');
      other.exec('ROLLBACK');
      assert.equal((other.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n, 2);
    } finally {
      other.close();
    }
    const summary = await ingest;
    assert.deepEqual([summary.ingested, summary.failed], [3, []]);
  } finally {
    await store.close();
    server.close();
  }
});

test('a store that fails mid-ingest fails the call, and the parse threads are stopped', async () => {
  const dir = tempDir();
  const notes = join(dir, 'notes');
  mkdirSync(notes);
  for (let i = 0; i < 12; i++) {
    writeFileSync(
      join(notes, `n${i}.txt`),
      `Note ${i} on the Caspian pipeline. It carries gas west, said report ${i}.`,
    );
  }
  const store = new SqliteStore(join(dir, 'k.db'));
  let stored = 0;
  const failing = Object.assign(Object.create(store) as SqliteStore, {
    putSource: async (...args: Parameters<SqliteStore['putSource']>) => {
      if (++stored === 5) throw new Error('disk full');
      return store.putSource(...args);
    },
  });
  try {
    await assert.rejects(ingestPaths([notes], failing, { ...DEFAULT_INGEST_OPTIONS, workers: 2 }), /disk full/);
    // A worker left running would keep this process alive: its port would still be an active resource.
    assert.ok(!process.getActiveResourcesInfo().includes('MessagePort'), 'a parse worker is still running');
    // Nothing of the failed group was committed, and what was is whole: every stored source has its sentences.
    const reader = new Database(join(dir, 'k.db'), { readonly: true });
    try {
      const rows = reader
        .prepare(
          'SELECT sentence_count AS n, (SELECT count(*) FROM sentences WHERE source_id = src.id) AS m FROM sources src',
        )
        .all() as { n: number; m: number }[];
      assert.ok(rows.length < 5, `${rows.length} sources stored before the failure`);
      for (const row of rows) assert.equal(row.m, row.n);
    } finally {
      reader.close();
    }
  } finally {
    await store.close();
  }
});
