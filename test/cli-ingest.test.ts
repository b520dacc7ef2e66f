/** `kora ingest`, `search`, `show`, `sources`, `remove` through the real CLI, on real files and a real SQLite file. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { CORPORA, kora, ROOT, SEEDS, SKIP_NO_SHARED, tempDir } from './helpers.ts';

describe('a batch with every kind of bad input', () => {
  const dir = tempDir();
  const db = join(dir, 'k.db');
  const good = join(dir, 'good.txt');
  writeFileSync(good, 'Kora keeps every sentence. It cites each one exactly.\n');
  writeFileSync(join(dir, 'good.md'), '# Notes\n\nMarkdown files are read too. Their **markup** is dropped.\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]));
  writeFileSync(join(dir, 'malformed.html'), '<html><head><script>var x = 1;</script></head><body><div><div></body>');
  writeFileSync(
    join(dir, 'records.jsonl'),
    '{"id": "a", "text": "The first record is fine."}\n{not json\n{"id": "c", "text": "The third record is fine too."}\n',
  );
  writeFileSync(join(dir, 'big.txt'), 'A sentence that is repeated. '.repeat(100));
  const unreadable = join(dir, 'unreadable.txt');
  writeFileSync(unreadable, 'secret');
  chmodSync(unreadable, 0o000);
  const runningAsRoot = process.getuid?.() === 0;

  const result = kora([
    'ingest',
    good,
    join(dir, 'good.md'),
    join(dir, 'missing.txt'),
    join(dir, 'binary.txt'),
    join(dir, 'empty.txt'),
    join(dir, 'latin1.txt'),
    join(dir, 'malformed.html'),
    join(dir, 'records.jsonl'),
    join(dir, 'big.txt'),
    unreadable,
    '--max-bytes',
    '2000',
    '--db',
    db,
    '--json',
  ]);
  const errors = result.stderr.trim().split('\n');

  test('exits 1 and says how many failed', () => {
    assert.equal(result.status, 1);
    const summary = JSON.parse(result.stdout) as { ingested: number; failed: { path: string; error: string }[] };
    assert.equal(summary.failed.length, runningAsRoot ? 7 : 8);
    assert.equal(summary.ingested, runningAsRoot ? 5 : 4); // good.txt, good.md, records a and c (+ unreadable as root)
  });

  test('prints one line per bad input, naming the file and the reason', () => {
    const expect = (file: string, reason: RegExp) =>
      assert.ok(
        errors.some((line) => line.includes(file) && reason.test(line)),
        `no line for ${file} matching ${reason}:\n${errors.join('\n')}`,
      );
    expect('missing.txt', /no such file/);
    expect('binary.txt', /binary/);
    expect('empty.txt', /no text/);
    expect('latin1.txt', /not valid UTF-8/);
    expect('malformed.html', /no readable text/);
    expect('records.jsonl:2', /not valid JSON/);
    expect('big.txt', /over the 2000-byte cap.*--max-bytes/);
    if (!runningAsRoot) expect('unreadable.txt', /permission denied/);
  });

  test('the good inputs are searchable', () => {
    const hits = JSON.parse(kora(['search', 'record', '--db', db, '--json']).stdout) as { hits: { text: string }[] };
    assert.deepEqual(hits.hits.map((h) => h.text).sort(), [
      'The first record is fine.',
      'The third record is fine too.',
    ]);
  });

  test('usage errors exit 2', () => {
    assert.equal(kora(['ingest']).status, 2);
    assert.equal(kora(['search', 'x', '--k', 'zero', '--db', db]).status, 2);
    assert.equal(kora(['frobnicate']).status, 2);
  });
});

describe('the spine on the real corpora', { skip: SKIP_NO_SHARED }, () => {
  const dir = tempDir();
  const db = join(dir, 'k.db');
  const ingest = kora(['ingest', CORPORA, SEEDS, '--db', db, '--json']);

  test('ingests every speech and seed', () => {
    assert.equal(ingest.status, 0, ingest.stderr);
    const summary = JSON.parse(ingest.stdout) as { ingested: number; failed: unknown[] };
    assert.equal(summary.failed.length, 0);
    const speeches = readdirSync(CORPORA)
      .map((f) => readFileSync(join(CORPORA, f), 'utf8').trim().split('\n').length)
      .reduce((a, b) => a + b, 0);
    assert.equal(summary.ingested, speeches + readdirSync(SEEDS).length);
  });

  test('re-ingesting unchanged sources is a no-op', () => {
    const again = JSON.parse(kora(['ingest', CORPORA, SEEDS, '--db', db, '--json']).stdout) as {
      ingested: number;
      unchanged: number;
    };
    assert.equal(again.ingested, 0);
    assert.ok(again.unchanged > 600);
  });

  test('"Central Asia" finds ≥ 5 hits whose offsets are exact in the stored text', () => {
    const { hits } = JSON.parse(kora(['search', 'Central Asia', '--db', db, '--json']).stdout) as {
      hits: { sourceId: string; start: number; end: number; text: string }[];
    };
    assert.ok(hits.length >= 5);
    for (const hit of hits) {
      const shown = JSON.parse(kora(['show', hit.sourceId, '--db', db, '--json']).stdout) as { text: string };
      assert.equal(shown.text.slice(hit.start, hit.end), hit.text);
    }
  });

  test('seed 003’s abstracts come out as separate sentences and its footer is not citable', () => {
    const sources = JSON.parse(kora(['sources', '--db', db, '--json']).stdout) as { id: string; location: string }[];
    const seed = sources.find((s) => s.location.includes('003_')) as { id: string };
    const shown = JSON.parse(kora(['show', seed.id, '--db', db, '--json']).stdout) as {
      text: string;
      sentenceSpans: { start: number; end: number; boilerplate: boolean }[];
    };
    const sentences = shown.sentenceSpans.map((s) => shown.text.slice(s.start, s.end));
    assert.ok(sentences.includes('Russian foreign policy remains focused primarily on Europe.'));
    assert.ok(
      sentences.includes(
        'US and EU sanctions against the Chinese telecoms group have bolstered Sino-Russian co-operation',
      ),
    );
    assert.ok(sentences.includes('Despite border closures, Russia and others may be pushed even closer to Beijing.'));
    const { hits } = JSON.parse(kora(['search', 'mailing list', '--db', db, '--json']).stdout) as {
      hits: { text: string }[];
    };
    assert.ok(hits.every((h) => !/mailing list/i.test(h.text)));
  });

  test('remove deletes a source and its sentences', () => {
    const before = JSON.parse(kora(['sources', '--db', db, '--json']).stdout) as { id: string }[];
    const victim = before[0] as { id: string };
    assert.equal(kora(['remove', victim.id, '--db', db]).status, 0);
    assert.equal(kora(['show', victim.id, '--db', db]).status, 2);
    const rows = new Database(db, { readonly: true })
      .prepare('SELECT count(*) AS n FROM sentences WHERE source_id = ?')
      .get(victim.id) as {
      n: number;
    };
    assert.equal(rows.n, 0);
  });
});

test('a kill -9 mid-ingest leaves a consistent library that a re-run completes', { skip: SKIP_NO_SHARED }, async () => {
  const dir = tempDir();
  const db = join(dir, 'k.db');
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'kora.js'), 'ingest', CORPORA, '--db', db], {
    stdio: 'ignore',
  });
  // wait until some sources are committed, then kill without warning
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const n = (
        new Database(db, { readonly: true }).prepare('SELECT count(*) AS n FROM sources').get() as { n: number }
      ).n;
      if (n > 20) break;
    } catch {
      // the file or schema is not there yet
    }
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const check = new Database(db);
  const orphans = check
    .prepare(
      'SELECT count(*) AS n FROM sources s WHERE sentence_count != (SELECT count(*) FROM sentences WHERE source_id = s.id)',
    )
    .get() as { n: number };
  assert.equal(orphans.n, 0, 'every stored source has all its sentences');
  check.close();
  const rerun = kora(['ingest', CORPORA, '--db', db, '--json']);
  assert.equal(rerun.status, 0);
  const total = new Database(db, { readonly: true })
    .prepare('SELECT count(*) AS n, count(DISTINCT location) AS d FROM sources')
    .get() as {
    n: number;
    d: number;
  };
  assert.equal(total.n, total.d);
  assert.equal(total.n, 656);
});
