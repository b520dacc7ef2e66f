/**
 * DOCX: mammoth converts the document to semantic HTML (it kept every heading, list item and table in our
 * test, ../shared/LIBRARIES.md §3), and htmlToText turns that into paragraphs, so headings and lists keep their
 * structure. A DOCX is a ZIP file: before unpacking it we add up the sizes its central directory declares and
 * refuse archives that would unpack past a cap (zip bombs).
 */
import mammoth from 'mammoth';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import { baseTitle } from './decode.ts';
import { htmlToText } from './html.ts';
import type { Reader } from './reader.ts';

/** Most bytes a DOCX may unpack to (200 MB): far above real documents (a 300-page report is ~5 MB unpacked). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Most entries a DOCX may hold: a real one has tens; millions of empty entries are another kind of bomb. */
const MAX_ZIP_ENTRIES = 10_000;

const EOCD_SIGNATURE = 0x06054b50; // end of central directory record, APPNOTE.TXT §4.3.16
const CENTRAL_SIGNATURE = 0x02014b50; // central directory file header, §4.3.12
const EOCD_MIN_BYTES = 22; // fixed part of the end record
const EOCD_MAX_COMMENT = 0xffff; // the archive comment may push the end record this far from the end
const CENTRAL_HEADER_BYTES = 46; // fixed part of each central directory header
const ZIP64_MARKER = 0xffffffff; // a 32-bit field saying "see the ZIP64 extra field"

/**
 * Total uncompressed size and entry count the ZIP central directory declares. A ZIP64 size counts as the cap
 * itself, since no DOCX needs 4 GB entries. Throws CORRUPT when the directory cannot be found.
 */
export function zipDeclaredSize(location: string, bytes: Uint8Array): { bytes: number; entries: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  const lowest = Math.max(0, bytes.length - EOCD_MIN_BYTES - EOCD_MAX_COMMENT);
  for (let i = bytes.length - EOCD_MIN_BYTES; i >= lowest; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw createError('CORRUPT', location, 'it is not a ZIP archive, so not a DOCX; is it truncated?');
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + CENTRAL_HEADER_BYTES > bytes.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      throw createError('CORRUPT', location, 'its ZIP directory is damaged; is it truncated?');
    }
    const size = view.getUint32(offset + 24, true);
    total += size === ZIP64_MARKER ? MAX_UNPACKED_BYTES + 1 : size;
    offset +=
      CENTRAL_HEADER_BYTES +
      view.getUint16(offset + 28, true) + // file name
      view.getUint16(offset + 30, true) + // extra field
      view.getUint16(offset + 32, true); // comment
  }
  return { bytes: total, entries };
}

export const docxReader: Reader = {
  format: 'docx',
  extensions: ['.docx'],
  async read({ location, bytes }) {
    const declared = zipDeclaredSize(location, bytes);
    if (declared.bytes > MAX_UNPACKED_BYTES || declared.entries > MAX_ZIP_ENTRIES) {
      throw createError('UNPACKS_TOO_LARGE', location, declared.bytes, MAX_UNPACKED_BYTES);
    }
    let html: string;
    let messages: { type: string; message: string }[];
    try {
      ({ value: html, messages } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }));
    } catch (error) {
      throw createError('CORRUPT', location, `it is not a readable DOCX (${(error as Error).message})`);
    }
    const text = htmlToText(html);
    if (!text.trim()) throw createError('EMPTY', location);
    // mammoth's warnings are about unsupported styling, which does not touch the text; errors are worth showing
    const diagnostics: Diagnostic[] = messages
      .filter((m) => m.type === 'error')
      .map((m) => ({ severity: 'warning', location, message: m.message }));
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
    const title = heading ? htmlToText(heading) : '';
    return { documents: [{ location, format: 'docx', title: title || baseTitle(location), text }], diagnostics };
  },
};
