import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { docxReader, MAX_UNPACKED_BYTES, zipDeclaredSize } from './docx.ts';
import { DEFAULT_READ_OPTIONS } from './reader.ts';

/** A DOCX with a title heading, a paragraph, a subheading, a two-item bullet list and a closing paragraph. */
export async function sampleDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Sino-Russian Relations', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'China is quietly exploiting the rift. Moscow must reduce its dependence.' }),
          new Paragraph({ text: 'Key points', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Energy trade grows', bullet: { level: 0 } }),
          new Paragraph({ text: 'Border closures bite', bullet: { level: 0 } }),
          new Paragraph({ text: 'A closing paragraph ends here.' }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A small ZIP (one stored entry `word/document.xml`, a few KB of deflated zeros) whose central directory declares
 * `declared` uncompressed bytes: what a zip bomb looks like before anything is inflated.
 */
export function zipBomb(declared = 0xfffffffe): Uint8Array {
  const name = Buffer.from('word/document.xml');
  const data = deflateRawSync(Buffer.alloc(1024 * 1024)); // 1 MB of zeros deflates to about 1 KB
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

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
