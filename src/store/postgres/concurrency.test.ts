/**
 * Four real `kora ingest` processes writing overlapping sets of files into one PostgreSQL library must store
 * every source exactly once and lose nothing, and a reader polling meanwhile must only ever see whole sources.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { PostgresStore } from './postgres-store.ts';
import { dropSchema, freshUrl } from './test-db.ts';

const PG = process.env.KORA_TEST_PG;
const KORA = new URL('../../../bin/kora.js', import.meta.url).pathname;
/** Files in the shared set (each process takes an overlapping slice). */
const FILES = 40;
/** Sentences per file. */
const SENTENCES = 6;
const WORDS = ['river', 'granite', 'orchard', 'lantern', 'harbour', 'meadow', 'copper', 'falcon', 'glacier', 'violin'];

const run = promisify(execFile);

/** Distinct text per file, so that no file is a near-copy of another. */
function fileText(n: number): string {
  return Array.from(
    { length: SENTENCES },
    (_, i) => `Record ${n} line ${i} mentions the ${WORDS[(n + i) % WORDS.length]} and code q${n}x${i}.`,
  ).join(' ');
}

test('four concurrent ingest processes store every source exactly once', {
  skip: PG ? false : 'set KORA_TEST_PG=postgres://… to run (scripts/pg-test-cluster.sh start prints it)',
}, async () => {
  if (!PG) return;
  const dir = mkdtempSync(join(tmpdir(), 'kora-concurrent-'));
  const { url, schema } = freshUrl(PG);
  const paths = Array.from({ length: FILES }, (_, n) => {
    const path = join(dir, `doc-${String(n).padStart(2, '0')}.txt`);
    writeFileSync(path, fileText(n));
    return path;
  });
  // Overlapping slices: every file is written by two to four processes.
  const slices = [
    paths.slice(0, 25),
    paths.slice(15, 40),
    paths.slice(0, 40).reverse(),
    paths.filter((_, i) => i % 2 === 0),
  ];
  const reader = await PostgresStore.open(url);
  try {
    let done = false;
    let polls = 0;
    const poll = (async () => {
      while (!done) {
        for (const summary of await reader.listSources()) {
          const stored = await reader.getSource(summary.id);
          // A source is visible only once its transaction committed: all of its sentences come with it.
          if (stored) assert.equal(stored.sentenceSpans.length, summary.sentences);
        }
        polls++;
      }
    })();
    const results = await Promise.all(
      slices.map((slice) =>
        run(process.execPath, [KORA, 'ingest', '--json', '--db', url, ...slice], { env: { ...process.env, CI: '1' } }),
      ),
    ).finally(() => {
      done = true;
    });
    await poll;
    assert.ok(polls > 0);
    results.forEach((result, i) => {
      const summary = JSON.parse(result.stdout) as { ingested: number; unchanged: number; failed: unknown[] };
      assert.deepEqual(summary.failed, []);
      assert.equal(summary.ingested + summary.unchanged, slices[i]?.length);
    });
    const ingested = results.reduce((sum, r) => sum + (JSON.parse(r.stdout) as { ingested: number }).ingested, 0);
    assert.equal(ingested, FILES, 'each file ingested by exactly one process, unchanged for the others');
    const sources = await reader.listSources();
    assert.deepEqual(
      sources.map((s) => s.location),
      [...paths].sort(),
    );
    assert.deepEqual(await reader.stats(), { sources: FILES, sentences: FILES * SENTENCES });
    // Every file's unique code is searchable exactly once.
    for (let n = 0; n < FILES; n += 7) {
      const hits = await reader.searchSentences({ terms: [`q${n}x0`], limit: 5 });
      assert.equal(hits.length, 1);
    }
  } finally {
    await reader.close();
    await dropSchema(PG, schema);
    rmSync(dir, { recursive: true, force: true });
  }
});
