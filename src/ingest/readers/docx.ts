/**
 * DOCX: mammoth converts the document to semantic HTML (it kept every heading, list item and table in our
 * test, ../shared/LIBRARIES.md §3), and htmlToText turns that into paragraphs, so headings and lists keep their
 * structure. A DOCX is a ZIP file: before unpacking it we add up the sizes its central directory declares and
 * refuse archives that would unpack past a cap (zip bombs).
 */
import { inflateRawSync } from 'node:zlib';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import { baseTitle } from './decode.ts';
import { htmlToText } from './html.ts';
import { loadMarkupLibraries } from './markup.ts';
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
const LOCAL_SIGNATURE = 0x04034b50; // local file header, §4.3.7
const LOCAL_HEADER_BYTES = 30; // fixed part of each local file header
const DEFLATE = 8; // compression method number
const ZIP64_MARKER = 0xffffffff; // a 32-bit field saying "see the ZIP64 extra field"

interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate (APPNOTE.TXT §4.4.5). */
  readonly method: number;
  readonly compressedSize: number;
  /** Declared uncompressed size; ZIP64 entries count as over the cap, since no DOCX needs 4 GB entries. */
  readonly size: number;
  readonly localOffset: number;
}

/** The entries the ZIP central directory lists. Throws CORRUPT when the directory cannot be found or read. */
function zipEntries(location: string, bytes: Uint8Array): ZipEntry[] {
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
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + CENTRAL_HEADER_BYTES > bytes.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      throw createError('CORRUPT', location, 'its ZIP directory is damaged; is it truncated?');
    }
    const nameLength = view.getUint16(offset + 28, true);
    const size = view.getUint32(offset + 24, true);
    entries.push({
      name: new TextDecoder().decode(
        bytes.subarray(offset + CENTRAL_HEADER_BYTES, offset + CENTRAL_HEADER_BYTES + nameLength),
      ),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: size === ZIP64_MARKER ? MAX_UNPACKED_BYTES + 1 : size,
      localOffset: view.getUint32(offset + 42, true),
    });
    offset +=
      CENTRAL_HEADER_BYTES +
      nameLength +
      view.getUint16(offset + 30, true) + // extra field
      view.getUint16(offset + 32, true); // comment
  }
  return entries;
}

/** Total uncompressed size and entry count the ZIP central directory declares. */
export function zipDeclaredSize(location: string, bytes: Uint8Array): { bytes: number; entries: number } {
  const entries = zipEntries(location, bytes);
  return { bytes: entries.reduce((sum, e) => sum + e.size, 0), entries: entries.length };
}

/**
 * Inflates each deflated entry with its declared size as the output limit, so a directory that understates a
 * bomb is caught with memory bounded by the (already capped) declared total. Costs a second inflate of the
 * document (milliseconds for real files) — the price of not trusting the directory.
 */
function checkDeclaredSizes(location: string, bytes: Uint8Array, entries: readonly ZipEntry[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    if (entry.method !== DEFLATE) continue; // stored entries are as large as they look; others mammoth refuses
    const local = entry.localOffset;
    if (local + LOCAL_HEADER_BYTES > bytes.length || view.getUint32(local, true) !== LOCAL_SIGNATURE) {
      throw createError('CORRUPT', location, `its ZIP entry "${entry.name}" is damaged; is it truncated?`);
    }
    const start = local + LOCAL_HEADER_BYTES + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    try {
      inflateRawSync(bytes.subarray(start, start + entry.compressedSize), { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw createError(
          'CORRUPT',
          location,
          `its ZIP entry "${entry.name}" unpacks to more than the ${entry.size} bytes it declares; is it a zip bomb?`,
        );
      }
      throw createError('CORRUPT', location, `its ZIP entry "${entry.name}" is damaged (${(error as Error).message})`);
    }
  }
}

export const docxReader: Reader = {
  format: 'docx',
  extensions: ['.docx'],
  async read({ location, bytes }) {
    const entries = zipEntries(location, bytes);
    const declared = entries.reduce((sum, e) => sum + e.size, 0);
    if (declared > MAX_UNPACKED_BYTES || entries.length > MAX_ZIP_ENTRIES) {
      throw createError('UNPACKS_TOO_LARGE', location, declared, MAX_UNPACKED_BYTES);
    }
    checkDeclaredSizes(location, bytes, entries);
    let html: string;
    let messages: { type: string; message: string }[];
    // Loaded on first use: mammoth and its dependencies take about a second to load, which every `kora` command
    // and every parse worker would otherwise pay whether or not a DOCX is in sight.
    const [{ default: mammoth }] = await Promise.all([import('mammoth'), loadMarkupLibraries()]);
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
