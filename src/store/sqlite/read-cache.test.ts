/**
 * The sentence index's read cache: a search answered from memory is the search the file would answer, whoever
 * wrote last — this connection, a rolled-back batch, or another connection on the same file.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SourceId } from '../../core/ids.ts';
import { source } from '../contract.ts';
import type { SentenceQuery } from '../store.ts';
import { IndexReadCache } from './read-cache.ts';
import { SqliteStore } from './sqlite-store.ts';

function withFile(run: (file: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kora-cache-'));
    try {
      await run(join(dir, 'kora.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const GLACIER: SentenceQuery = { terms: ['glacier', 'ice'], limit: 10 };

/** The hits a connection opened just now finds: nothing cached. */
async function freshSearch(file: string, query: SentenceQuery) {
  const fresh = new SqliteStore(file);
  try {
    return await fresh.searchSentences(query);
  } finally {
    await fresh.close();
  }
}

test(
  "a search repeated after another connection's writes finds what that connection wrote and removed",
  withFile(async (file) => {
    const reader = new SqliteStore(file);
    const writer = new SqliteStore(file);
    await writer.putSource(source('alps.txt', 'Alps', 'Glaciers retreat in the Alps.'));
    assert.equal((await reader.searchSentences(GLACIER)).length, 1);
    assert.equal((await reader.searchSentences(GLACIER)).length, 1, 'asked twice: now from the cache');

    const andes = await writer.putSource(source('andes.txt', 'Andes', 'Andean glaciers lose ice every year.'));
    assert.equal(andes, 'ingested');
    const afterAdd = await reader.searchSentences(GLACIER);
    assert.deepEqual(afterAdd, await freshSearch(file, GLACIER), 'scores move with the collection too');
    assert.equal(afterAdd.length, 2);

    await writer.removeSource(afterAdd.find((hit) => hit.title === 'Alps')?.sourceId as SourceId);
    const afterRemove = await reader.searchSentences(GLACIER);
    assert.deepEqual(
      afterRemove.map((hit) => hit.title),
      ['Andes'],
    );
    await writer.close();
    await reader.close();
  }),
);

test(
  "a search after this connection's own write, or after a batch it rolled back, finds the file as it is",
  withFile(async (file) => {
    const store = new SqliteStore(file);
    await store.putSource(source('alps.txt', 'Alps', 'Glaciers retreat in the Alps.'));
    assert.equal((await store.searchSentences(GLACIER)).length, 1);
    await store.putSource(source('andes.txt', 'Andes', 'Andean glaciers lose ice.'));
    assert.equal((await store.searchSentences(GLACIER)).length, 2);

    await assert.rejects(
      store.batch(async () => {
        await store.putSource(source('arctic.txt', 'Arctic', 'Arctic sea ice and glaciers shrink.'));
        assert.equal((await store.searchSentences(GLACIER)).length, 3, 'inside the batch its writes are found');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    const after = await store.searchSentences(GLACIER);
    assert.deepEqual(after.map((hit) => hit.title).sort(), ['Alps', 'Andes']);
    assert.deepEqual(after, await freshSearch(file, GLACIER));
    await store.close();
  }),
);

test('the cache keeps the most recently used postings within its budget, of tokens asked more than once', () => {
  const list = (n: number) => ({ ids: new Float64Array(n), tfs: new Uint32Array(n), lengths: new Uint32Array(n) });
  const cache = new IndexReadCache(400);
  cache.keep('ice', list(100));
  cache.keep('glacier', list(100));
  cache.keep('snow', list(100));
  cache.postings('ice'); // used again: now the most recent
  cache.keep('melt', list(100));
  cache.keep('thaw', list(100)); // 500 > 400: the least recently used list goes
  assert.equal(cache.postings('glacier'), undefined);
  for (const kept of ['ice', 'snow', 'melt', 'thaw']) assert.ok(cache.postings(kept), kept);
  cache.keep('the', list(101)); // over a quarter of the budget: never kept
  assert.equal(cache.postings('the'), undefined);
  assert.equal(cache.firstAsk('ice'), true, 'a token asked once is scored from its rows, not kept');
  assert.equal(cache.firstAsk('ice'), false);
  cache.sync(7);
  cache.sync(8); // another connection committed
  assert.equal(cache.postings('ice'), undefined);
  assert.equal(cache.firstAsk('ice'), true);
});
