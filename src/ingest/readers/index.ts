/** The reader registry: which reader handles which file extension. */
import { csvReader } from './csv.ts';
import { docxReader } from './docx.ts';
import { feedReader } from './feed.ts';
import { htmlReader } from './html.ts';
import { pdfReader } from './pdf.ts';
import type { Reader } from './reader.ts';
import { jsonlReader, jsonReader } from './records.ts';
import { markdownReader, textReader } from './text.ts';

export const READERS: readonly Reader[] = [
  textReader,
  markdownReader,
  htmlReader,
  jsonReader,
  jsonlReader,
  csvReader,
  feedReader,
  pdfReader,
  docxReader,
];

/** Lower-case extension of a path, with the dot ("" when none). */
export function extensionOf(path: string): string {
  const match = /(\.[^./\\]+)$/.exec(path);
  return match?.[1]?.toLowerCase() ?? '';
}

export function readerFor(path: string): Reader | undefined {
  const extension = extensionOf(path);
  return READERS.find((reader) => reader.extensions.includes(extension));
}

export const SUPPORTED_EXTENSIONS: readonly string[] = READERS.flatMap((r) => r.extensions);
