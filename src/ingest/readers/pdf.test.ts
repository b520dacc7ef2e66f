import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { encryptedPdf, PAGES, pdfWithBadPage, threePagePdf } from '../../../test/ingest-fixtures.ts';
import { prepareSource } from '../prepare.ts';
import { pdfReader } from './pdf.ts';
import { DEFAULT_READ_OPTIONS } from './reader.ts';

const read = async (bytes: Uint8Array, location = 'notes.pdf') =>
  pdfReader.read({ location, bytes, options: DEFAULT_READ_OPTIONS });

test('PDF: one text entry per page, title from metadata', async () => {
  const { documents, diagnostics } = await read(await threePagePdf());
  assert.deepEqual(diagnostics, []);
  assert.equal(documents.length, 1);
  assert.equal(documents[0]?.title, 'Sino-Russian notes');
  assert.deepEqual(
    documents[0]?.pages,
    PAGES.map((lines) => lines.join('\n')),
  );
});

test('PDF: passages carry page numbers and every sentence is found at its offsets', async () => {
  const { documents } = await read(await threePagePdf());
  const source = prepareSource(documents[0] ?? assert.fail('no document'));
  PAGES.forEach((lines, index) => {
    for (const sentence of lines) {
      const start = source.text.indexOf(sentence);
      assert.ok(start >= 0, `missing "${sentence}"`);
      const span = source.sentences.find((s) => s.start === start);
      assert.ok(span, `no sentence span starts at "${sentence}"`);
      assert.equal(source.text.slice(span.start, span.end), sentence);
      const passage = source.passages[span.passage];
      assert.equal(passage?.page, index + 1, `page of "${sentence}"`);
    }
  });
});

test('PDF: truncated or corrupt file is a clear error', async () => {
  const bytes = await threePagePdf();
  await assert.rejects(read(bytes.slice(0, 200), 'cut.pdf'), {
    code: 'CORRUPT',
    message: /^cannot read "cut\.pdf": it is not a readable PDF \(.+\); is it truncated or damaged\?$/,
  });
  await assert.rejects(read(new TextEncoder().encode('%PDF-1.7\nnothing else'), 'junk.pdf'), { code: 'CORRUPT' });
});

test('PDF: encrypted file asks for a password-free export', async () => {
  await assert.rejects(read(encryptedPdf(), 'secret.pdf'), {
    code: 'ENCRYPTED',
    message: 'cannot read "secret.pdf": file is encrypted; export it without a password and ingest again',
  });
});

test('PDF: image-only pages (no text layer) ask for OCR', async () => {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawRectangle({ x: 10, y: 10, width: 50, height: 50 });
  await assert.rejects(read(await doc.save(), 'scan.pdf'), {
    code: 'NO_TEXT_LAYER',
    message: 'cannot read "scan.pdf": it has no text layer (scanned?); run OCR first',
  });
});

test('PDF: a page PDF.js cannot read is skipped with a warning; the other pages are kept', async () => {
  const { documents, diagnostics } = await read(pdfWithBadPage(), 'mixed.pdf');
  assert.deepEqual(documents[0]?.pages, ['First page text.', '']);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0]?.severity, 'warning');
  assert.equal(diagnostics[0]?.location, 'mixed.pdf#page=2');
  assert.match(diagnostics[0]?.message ?? '', /^page 2 could not be read and was skipped \(.+\)$/);
});
