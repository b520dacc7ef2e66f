/** The data folder's naming rules: client names never become paths. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dataDirFor, dataFileOf, displayName, locationIn, safeExtension, saveToDataDir } from './uploads.ts';

test('displayName keeps only the last path segment, without control characters', () => {
  assert.equal(displayName('../../etc/passwd'), 'passwd');
  assert.equal(displayName('C:\\Users\\me\\notes.md'), 'notes.md');
  assert.equal(displayName('a\u0000b\nc.txt'), 'abc.txt');
  assert.equal(displayName('dir/'), '(unnamed)');
});

test('safeExtension keeps a known extension and refuses the rest', () => {
  assert.equal(safeExtension('Report.PDF'), '.pdf');
  assert.equal(safeExtension('../x/notes.md'), '.md');
  assert.equal(safeExtension('tool.exe'), undefined);
  assert.equal(safeExtension('archive.md/evil.sh'), undefined);
  assert.equal(safeExtension('noext'), undefined);
});

test('saveToDataDir names files by content hash and refuses unknown extensions', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kora-uploads-'));
  try {
    const data = join(dir, 'lib.db.files');
    const a = await saveToDataDir(data, new TextEncoder().encode('same'), '.txt');
    const b = await saveToDataDir(data, new TextEncoder().encode('same'), '.txt');
    assert.equal(a, b);
    assert.match(a, /\/lib\.db\.files\/[0-9a-f]{16}\.txt$/);
    assert.deepEqual(await readdir(data), [a.split('/').pop()]);
    await assert.rejects(saveToDataDir(data, new Uint8Array([1]), '.sh'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('dataFileOf only answers for files inside the data folder', () => {
  const data = dataDirFor('/tmp/lib.db');
  assert.equal(data, '/tmp/lib.db.files');
  assert.equal(
    dataFileOf(data, '/tmp/lib.db.files/0123456789abcdef.jsonl#rec-1'),
    '/tmp/lib.db.files/0123456789abcdef.jsonl',
  );
  assert.equal(dataFileOf(data, '/tmp/lib.db.files/../secret.txt'), undefined);
  assert.equal(dataFileOf(data, '/home/me/notes.md'), undefined);
  assert.equal(dataFileOf(data, 'https://example.org/a'), undefined);
});

test('locationIn matches the file and its records, not a longer name', () => {
  assert.ok(locationIn('/d/a.jsonl', '/d/a.jsonl'));
  assert.ok(locationIn('/d/a.jsonl#7', '/d/a.jsonl'));
  assert.ok(!locationIn('/d/a.jsonl2', '/d/a.jsonl'));
});
