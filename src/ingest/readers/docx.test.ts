import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleDocx, zipBomb } from '../../../test/ingest-fixtures.ts';
import { docxReader, MAX_UNPACKED_BYTES, zipDeclaredSize } from './docx.ts';
import { DEFAULT_READ_OPTIONS } from './reader.ts';

const read = async (bytes: Uint8Array, location = 'report.docx') =>
  docxReader.read({ location, bytes, options: DEFAULT_READ_OPTIONS });

test('DOCX: headings, paragraphs and bullet items keep their structure', async () => {
  const { documents } = await read(await sampleDocx());
  assert.equal(documents.length, 1);
  assert.equal(documents[0]?.title, 'Sino-Russian Relations');
  assert.equal(documents[0]?.format, 'docx');
  assert.deepEqual(documents[0]?.text.split(/\n+/), [
    'Sino-Russian Relations',
    'China is quietly exploiting the rift. Moscow must reduce its dependence.',
    'Key points',
    '• Energy trade grows',
    '• Border closures bite',
    'A closing paragraph ends here.',
  ]);
});

test('DOCX: the central directory is summed before unpacking', async () => {
  const real = zipDeclaredSize('report.docx', await sampleDocx());
  assert.ok(real.entries > 3 && real.bytes > 0 && real.bytes < 1_000_000, JSON.stringify(real));
  assert.deepEqual(zipDeclaredSize('bomb.docx', zipBomb(123_456)), { bytes: 123_456, entries: 1 });
});

test('DOCX: a zip bomb is refused before mammoth sees it', async () => {
  const bomb = zipBomb();
  assert.ok(bomb.length < 10_000, `fixture is ${bomb.length} bytes`);
  await assert.rejects(read(bomb, 'bomb.docx'), {
    code: 'UNPACKS_TOO_LARGE',
    message: `cannot ingest "bomb.docx": it would unpack to ${0xfffffffe} bytes, over the ${MAX_UNPACKED_BYTES}-byte cap; is it a zip bomb?`,
  });
});

test('DOCX: a file that is not a ZIP, or a truncated one, is a clear error', async () => {
  await assert.rejects(read(new TextEncoder().encode('just text, renamed'), 'fake.docx'), {
    code: 'CORRUPT',
    message: 'cannot read "fake.docx": it is not a ZIP archive, so not a DOCX; is it truncated?',
  });
  const bytes = await sampleDocx();
  await assert.rejects(read(bytes.slice(0, bytes.length - 40), 'cut.docx'), { code: 'CORRUPT' });
});

test('DOCX: a zip bomb whose directory understates its size is caught while inflating, within the declared size', async () => {
  await assert.rejects(read(zipBomb(1000), 'liar.docx'), {
    code: 'CORRUPT',
    message:
      'cannot read "liar.docx": its ZIP entry "word/document.xml" unpacks to more than the 1000 bytes it declares; is it a zip bomb?',
  });
});
