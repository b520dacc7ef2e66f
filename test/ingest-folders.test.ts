/** Folder walks: what is taken from a folder, and what is left alone. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { planFiles } from '../src/ingest/index.ts';
import { tempDir } from './helpers.ts';

test('a folder gives its feeds but not other XML, hidden files or unknown formats', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'nested'));
  writeFileSync(
    join(dir, 'news.xml'),
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>',
  );
  writeFileSync(
    join(dir, 'nested', 'pom.xml'),
    '<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>',
  );
  writeFileSync(join(dir, 'nested', 'notes.md'), '# Notes\n\nSome text.');
  writeFileSync(join(dir, 'image.png'), 'not text');
  writeFileSync(join(dir, '.hidden.txt'), 'secret');
  const { files, failed } = await planFiles([dir]);
  assert.deepEqual(
    files.map((f) => f.path.slice(dir.length + 1)),
    ['nested/notes.md', 'news.xml'],
  );
  assert.deepEqual(failed, []);
});

test('an XML file named on the command line is always tried (and fails loudly if it is no feed)', async () => {
  const dir = tempDir();
  const pom = join(dir, 'pom.xml');
  writeFileSync(pom, '<project/>');
  const { files } = await planFiles([pom]);
  assert.deepEqual(
    files.map((f) => f.path),
    [pom],
  );
});
