/**
 * PostgreSQL ranks exactly as SQLite: the same library (Cranfield's 1,400 abstracts, through the normal ingest
 * path) in both stores, then the same queries must give the same hits, in the same order, with the same scores.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { SourceId } from '../../core/ids.ts';
import { terms } from '../../core/text.ts';
import { ingestPaths } from '../../ingest/index.ts';
import { source } from '../contract.ts';
import { SqliteStore } from '../sqlite/sqlite-store.ts';
import type { Store } from '../store.ts';
import { PostgresStore } from './postgres-store.ts';
import { dropSchema, freshUrl } from './test-db.ts';

const PG = process.env.KORA_TEST_PG;
const CRANFIELD = new URL('../../../../shared/data/retrieval/cranfield/', import.meta.url).pathname;
/** Queries compared (of 225): enough to hit ties, rare and common terms, in a few seconds. */
const QUERIES = 60;

const skip = !PG
  ? 'set KORA_TEST_PG=postgres://… to run (scripts/pg-test-cluster.sh start prints it)'
  : !existsSync(CRANFIELD)
    ? `needs the Cranfield corpus at ${CRANFIELD}`
    : false;

let sqlite: Store;
let postgres: Store;
let dir = '';
let schema = '';

before(async () => {
  if (skip || !PG) return;
  dir = mkdtempSync(join(tmpdir(), 'kora-parity-'));
  sqlite = new SqliteStore(join(dir, 'parity.db'));
  const fresh = freshUrl(PG);
  schema = fresh.schema;
  postgres = await PostgresStore.open(fresh.url);
  const options = { textField: 'text', titleField: 'title', idField: '_id', maxBytes: 1e9 };
  for (const store of [sqlite, postgres]) await ingestPaths([join(CRANFIELD, 'corpus.jsonl')], store, options);
});

after(async () => {
  if (skip || !PG) return;
  await sqlite.close();
  await postgres.close();
  await dropSchema(PG, schema);
  rmSync(dir, { recursive: true, force: true });
});

/** Terms FTS5 reads as phrases ("0.2" → "0 2"), which may also match across two terms ("0" then "2.5"). */
const PHRASE_QUERIES = 40;

const queries = (): string[][] => {
  const text = readFileSync(join(CRANFIELD, 'queries.jsonl'), 'utf8').split('\n').filter(Boolean);
  const plain = text.slice(0, QUERIES).map((line) => terms((JSON.parse(line) as { text: string }).text));
  const corpus = readFileSync(join(CRANFIELD, 'corpus.jsonl'), 'utf8');
  const phrases = [...new Set(terms(corpus.slice(0, 400_000)).filter((t) => /[.,']/.test(t)))].slice(0, PHRASE_QUERIES);
  return [...plain, ...phrases.map((p) => [p]), phrases.slice(0, 8)];
};

test('both stores hold the same library', { skip }, async () => {
  assert.deepEqual(await postgres.stats(), await sqlite.stats());
  assert.deepEqual(await postgres.listSources(), await sqlite.listSources());
});

test('searchSources: same sources, order and scores on both stores', { skip }, async () => {
  for (const q of queries()) {
    const [a, b] = await Promise.all([sqlite, postgres].map((s) => s.searchSources({ terms: q, limit: 50 })));
    assert.deepEqual(b, a, `query ${q.join(' ')}`);
  }
});

test('searchSentences: same sentences, order, offsets and scores on both stores', { skip }, async () => {
  for (const q of queries()) {
    const [a, b] = await Promise.all(
      [sqlite, postgres].map(async (s) =>
        (await s.searchSentences({ terms: q, limit: 20 })).map(({ sentenceId: _, ...hit }) => hit),
      ),
    );
    assert.deepEqual(b, a, `query ${q.join(' ')}`);
  }
});

test('sentenceFrequencies: same counts on both stores', { skip }, async () => {
  const all = [...new Set(queries().flat())];
  assert.deepEqual(await postgres.sentenceFrequencies(all), await sqlite.sentenceFrequencies(all));
});

test('after removals, updates, duplicates and furniture flags both stores still rank identically', {
  skip,
}, async () => {
  const ids = (await sqlite.listSources()).map((s) => s.id);
  for (const store of [sqlite, postgres]) {
    for (const id of ids.slice(0, 20)) await store.removeSource(id);
    for (const id of ids.slice(20, 30)) await store.markDuplicate(id, ids[40] as SourceId);
    for (const id of ids.slice(30, 40)) await store.markBoilerplate(id, [0]);
    for (const id of ids.slice(50, 60)) {
      const old = await store.getSource(id);
      if (old)
        await store.putSource(
          source(old.location, old.title, `${old.text}\n\nAn added closing remark on wing flutter.`),
        );
    }
  }
  assert.deepEqual(await postgres.listSources(), await sqlite.listSources());
  for (const q of [...queries(), ['flutter', 'wing']]) {
    const [a, b] = await Promise.all([sqlite, postgres].map((s) => s.searchSources({ terms: q, limit: 30 })));
    assert.deepEqual(b, a, `sources: ${q.join(' ')}`);
    const [c, d] = await Promise.all(
      [sqlite, postgres].map(async (s) =>
        (await s.searchSentences({ terms: q, limit: 20 })).map(({ sentenceId: _, ...hit }) => hit),
      ),
    );
    assert.deepEqual(d, c, `sentences: ${q.join(' ')}`);
  }
});
