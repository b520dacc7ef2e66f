/**
 * Kora's own sentence index in SQLite: rows stay few under many small writes, removals are exact, ids are never
 * reused, and a file written by the FTS5 schema (version 2) is carried over on open.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { SourceId } from '../../core/ids.ts';
import { terms } from '../../core/text.ts';
import { source } from '../contract.ts';
import { decodeRow, encodeRow, mergeRows } from './postings.ts';
import { MIGRATIONS } from './schema.ts';
import { SqliteStore } from './sqlite-store.ts';

function withFile(run: (file: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kora-index-'));
    try {
      await run(join(dir, 'kora.db'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('a row round-trips through its bytes, ids beyond 2^32 included', () => {
  const ids = [3, 4, 130, 2 ** 33 + 7];
  const row = decodeRow(encodeRow(ids, [1, 2, 300, 1], [9, 12, 400, 5], [1, 2]));
  assert.deepEqual([...row.ids], ids);
  assert.deepEqual([...row.tfs], [1, 2, 300, 1]);
  assert.deepEqual([...row.lengths], [9, 12, 400, 5]);
  assert.deepEqual([...row.tombstones], [1, 2]);
});

test('merging rows cancels the postings their tombstones name and keeps the rest for older rows', () => {
  const older = decodeRow(encodeRow([1, 2, 3], [1, 1, 1], [5, 5, 5], []));
  const newer = decodeRow(encodeRow([7, 8], [2, 2], [6, 6], []));
  const newest = decodeRow(encodeRow([9], [1], [4], [2, 8]));
  const tail = mergeRows([newer, newest], false);
  assert.deepEqual([...tail.ids], [7, 9]);
  assert.deepEqual([...tail.tombstones], [2], 'the tombstone of 2 still applies to the older row');
  const all = mergeRows([older, tail], true);
  assert.deepEqual([...all.ids], [1, 3, 7, 9]);
  assert.deepEqual([...all.tombstones], []);
});

/** Rows stored per token, as the index keeps them. */
function rowsPerToken(file: string): Map<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT token, count(*) AS n FROM sentence_postings GROUP BY token').all() as {
      token: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.token, r.n]));
  } finally {
    db.close();
  }
}

test(
  'two hundred one-source writes leave each token a few merged rows, and every sentence findable',
  withFile(async (file) => {
    const store = new SqliteStore(file);
    for (let i = 0; i < 200; i++) {
      await store.putSource(source(`note-${i}.txt`, `Note ${i}`, `Glaciers retreat in valley ${i}. Ice sheets thin.`));
    }
    const hits = await store.searchSentences({ terms: ['glacier'], limit: 500 });
    assert.equal(hits.length, 200);
    assert.equal((await store.sentenceFrequencies(['glacier'])).get('glacier'), 200);
    await store.close();
    const rows = rowsPerToken(file);
    assert.ok((rows.get('glacier') ?? 0) <= 8, `glacier has ${rows.get('glacier')} rows`);
    assert.equal(rows.get('retreat'), rows.get('glacier'), 'tokens written together merge alike');
  }),
);

test(
  'removed, replaced, duplicate and furniture sentences leave the index and its counts exactly',
  withFile(async (file) => {
    const store = new SqliteStore(file);
    const ids: SourceId[] = [];
    for (let i = 0; i < 40; i++) {
      const s = source(`a-${i}.txt`, `A ${i}`, `Basalt columns cool slowly ${i}.\n\nA footer about basalt.`);
      ids.push(s.id);
      await store.putSource(s);
    }
    const count = async () => (await store.sentenceFrequencies(['basalt'])).get('basalt');
    assert.equal(await count(), 80);
    await store.removeSource(ids[0] as SourceId);
    await store.markDuplicate(ids[1] as SourceId, ids[2] as SourceId);
    await store.markDuplicate(ids[1] as SourceId, ids[2] as SourceId); // twice: still one removal
    await store.markBoilerplate(ids[3] as SourceId, [1]);
    await store.markBoilerplate(ids[3] as SourceId, [1]);
    await store.putSource(source('a-4.txt', 'A 4', 'Granite, not the other rock.'));
    assert.equal(await count(), 80 - 2 - 2 - 1 - 2);
    const hits = await store.searchSentences({ terms: ['basalt'], limit: 100 });
    assert.equal(hits.length, 73);
    const hidden = new Set(ids.slice(0, 2).concat(ids[4] as SourceId));
    assert.ok(hits.every((h) => !hidden.has(h.sourceId)));
    assert.ok(hits.every((h) => !(h.sourceId === ids[3] && h.text.includes('footer'))));
    await store.close();
  }),
);

test(
  "a search inside an open batch sees the batch's own additions and removals",
  withFile(async (file) => {
    const store = new SqliteStore(file);
    const original = source('o.txt', 'Original', 'Permafrost thaws across the tundra each summer.');
    const copy = source('c.txt', 'Copy', 'Permafrost thaws across the tundra each summer!');
    await store.batch(async () => {
      await store.putSource(original);
      await store.putSource(copy);
      await store.markDuplicate(copy.id, original.id);
      const hits = await store.searchSentences({ terms: ['permafrost'], limit: 5 });
      assert.deepEqual(
        hits.map((h) => h.sourceId),
        [original.id],
      );
      await store.putSource(source('late.txt', 'Late', 'Permafrost again.'));
    });
    assert.equal((await store.searchSentences({ terms: ['permafrost'], limit: 5 })).length, 2);
    assert.equal((await store.sentenceFrequencies(['permafrost'])).get('permafrost'), 2);
    await store.close();
  }),
);

test(
  'reading a source inside an open batch leaves the batch one index row per token',
  withFile(async (file) => {
    // The near-duplicate check reads stored sources mid-batch; only index reads write the buffered postings early.
    const store = new SqliteStore(file);
    const first = source('f.txt', 'First', 'Tundra lichens grow slowly.');
    await store.batch(async () => {
      await store.putSource(first);
      assert.equal((await store.getSource(first.id))?.text, first.text);
      await store.putSource(source('s.txt', 'Second', 'Tundra mosses grow faster.'));
    });
    await store.close();
    assert.equal(rowsPerToken(file).get('tundra'), 1);
  }),
);

test(
  'a removed newest source does not hand its sentence ids to the next one',
  withFile(async (file) => {
    const store = new SqliteStore(file);
    const first = source('first.txt', 'First', 'Obsidian forms from lava.');
    await store.putSource(first);
    const before = (await store.searchSentences({ terms: ['obsidian'], limit: 1 }))[0]?.sentenceId;
    await store.removeSource(first.id);
    await store.putSource(source('second.txt', 'Second', 'Pumice floats on water.'));
    const after = (await store.searchSentences({ terms: ['pumic'], limit: 1 }))[0]?.sentenceId;
    assert.ok(before !== undefined && after !== undefined && after > before, `${before} then ${after}`);
    assert.deepEqual(await store.searchSentences({ terms: ['obsidian'], limit: 1 }), []);
    await store.close();
  }),
);

test('two connections writing one file in turns leave the index one connection would', async () => {
  const writeAll = async (file: string, stores: SqliteStore[]) => {
    for (let i = 0; i < 60; i++) {
      const store = stores[i % 3 === 0 ? stores.length - 1 : 0] as SqliteStore; // uneven turns
      await store.putSource(source(`m-${i}.txt`, `M ${i}`, `Moraines mark the glacier's reach ${i}.`));
    }
    await (stores.at(-1) as SqliteStore).removeSource(
      source('m-4.txt', 'M 4', "Moraines mark the glacier's reach 4.").id,
    );
    for (const store of stores) {
      assert.equal((await store.sentenceFrequencies(['morain'])).get('morain'), 59);
      const hits = await store.searchSentences({ terms: ['morain'], limit: 100 });
      assert.equal(new Set(hits.map((h) => h.sentenceId)).size, 59);
      await store.close();
    }
    return rowsPerToken(file);
  };
  await withFile(async (shared) => {
    await withFile(async (single) => {
      const two = await writeAll(shared, [new SqliteStore(shared), new SqliteStore(shared)]);
      const one = await writeAll(single, [new SqliteStore(single)]);
      assert.deepEqual(two, one);
      assert.equal(one.get('morain'), 12, 'seven merged rows of 8, four single rows and a tombstone row');
    })();
  })();
});

test(
  'a file written with the FTS5 schema (version 2) is carried into the sentence index on open, scores unchanged',
  withFile(async (file) => {
    const db = new Database(file);
    db.exec(MIGRATIONS[0] as string);
    db.exec(MIGRATIONS[1] as string);
    db.exec(`INSERT INTO meta VALUES ('schema_version', '2')`);
    const text = 'Geysers erupt on a schedule. Hot springs steam. Old geysers sleep for years.';
    db.prepare(
      `INSERT INTO sources (id, location, title, format, hash, text, passages, sentence_count)
       VALUES ('s1', 'old.txt', 'Old', 'text', 'h', ?, '[]', 3)`,
    ).run(text);
    const insert = db.prepare(
      `INSERT INTO sentences (id, source_id, ord, start, "end", passage, kind, boilerplate, text)
       VALUES (?, 's1', ?, ?, ?, 0, 'sentence', ?, ?)`,
    );
    const index = db.prepare('INSERT INTO sentence_fts (rowid, terms) VALUES (?, ?)');
    const rows: [number, number, number, number][] = [
      [1, 0, 28, 0],
      [2, 29, 47, 1],
      [3, 48, 76, 0],
    ];
    for (const [id, start, end, boilerplate] of rows) {
      insert.run(id, id - 1, start, end, boilerplate, text.slice(start, end));
      // As ingest did: a furniture sentence indexed first, then removed (FTS5 keeps counting it).
      index.run(id, terms(text.slice(start, end)).join(' '));
    }
    db.prepare('DELETE FROM sentence_fts WHERE rowid = 2').run();
    const before = db
      .prepare(`SELECT rowid AS id, -rank AS score FROM sentence_fts WHERE sentence_fts MATCH 'geyser' ORDER BY rank`)
      .all() as { id: number; score: number }[];
    db.close();
    const store = new SqliteStore(file);
    const hits = await store.searchSentences({ terms: ['geyser'], limit: 5 });
    assert.deepEqual(
      hits.map((h) => ({ id: h.sentenceId as number, score: h.score })),
      before,
      'the same sentences with the same float64 scores',
    );
    assert.deepEqual(await store.searchSentences({ terms: ['spring'], limit: 5 }), [], 'boilerplate stays out');
    await store.putSource(source('new.txt', 'New', 'Geysers again.'));
    const after = await store.searchSentences({ terms: ['geyser'], limit: 5 });
    assert.equal(after.length, 3);
    assert.ok(Math.min(...after.map((h) => h.sentenceId as number)) > 0);
    assert.ok((after.find((h) => h.text === 'Geysers again.')?.sentenceId as number) > 3, 'new ids follow the old');
    await store.close();
  }),
);
