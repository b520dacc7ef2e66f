/**
 * Everything an ingest does to one file before the store sees it: read, decode, normalise, segment, flag
 * calls to action, guess the language and compute the dedupe fingerprints. Pure CPU work on one input, so it
 * runs in a worker thread (pool.ts) or in-process, with the same result either way.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import type { RawDocument, SegmentedSource } from '../../core/model.ts';
import { terms } from '../../core/text.ts';
import {
  DEFAULT_DEDUPE_OPTIONS,
  type Fingerprint,
  nearDuplicateFingerprints,
  paragraphFingerprints,
  passageWords,
  siteOf,
} from '../dedupe.ts';
import { detectLanguage } from '../language.ts';
import { prepareSource } from '../prepare.ts';
import { decodeUtf8, decodeUtf8Continuation } from '../readers/decode.ts';
import { extensionOf, readerFor } from '../readers/index.ts';
import type { ReadOptions } from '../readers/reader.ts';
import { readJsonlLines } from '../readers/records.ts';

/** One input to parse: a file and its size in bytes (from planning), or one line range of a large JSONL file. */
export interface ParseTask {
  readonly path: string;
  /** The whole file's size, for a range too: the size cap applies to the file. */
  readonly size: number;
  /** Set when the task is one part of a large JSONL file (workers/parts.ts plans them). */
  readonly range?: LineRange;
}

/** Whole lines of a file: from a line's first byte to just after a "\n" (or to the end of the file). */
export interface LineRange {
  /** Byte offsets in the file; `end` is exclusive. */
  readonly start: number;
  readonly end: number;
  /** The number of the range's first line in the whole file (from 1): record keys and messages name file lines. */
  readonly firstLine: number;
}

/** Bytes a task reads: its range's, or the whole file's. */
export const taskBytes = (task: ParseTask): number => (task.range ? task.range.end - task.range.start : task.size);

/** True when a task's outcome completes its file: a whole file, or a file's last range. */
export const endsFile = (task: ParseTask): boolean => !task.range || task.range.end === task.size;

export interface ParseOptions extends ReadOptions {
  /** Files larger than this are refused (bytes). */
  readonly maxBytes: number;
}

/** A source ready for the library checks and the store. */
export interface PreparedSource {
  readonly source: SegmentedSource;
  /** Cross-page furniture keys, one per passage with words (dedupe.ts `paragraphFingerprints`). */
  readonly paragraphs: readonly Fingerprint[];
  /** Near-duplicate LSH band keys over the source's content, calls to action left out. */
  readonly bands: readonly Fingerprint[];
}

export interface ParseFailure {
  /** The file (or `file:line`, `file#record`) that failed. */
  readonly path: string;
  readonly error: string;
}

export interface ParsedFile {
  readonly sources: PreparedSource[];
  readonly failed: ParseFailure[];
  /**
   * Set for a line range only: how many of `failed`, from the first, are lines that are not JSON, then records
   * that are not documents; records without sentences come last. The whole file lists every failure of one kind
   * before the next kind, so workers/parts.ts joins the ranges' failures kind by kind.
   */
  readonly failedKinds?: FailureKinds;
}

/** How many failures of a line range are of the first two kinds (ParsedFile.failedKinds). */
export interface FailureKinds {
  readonly badLines: number;
  readonly badRecords: number;
}

/** Fingerprints and language of a segmented source: `fingerprint(prepareSource(raw))`. */
export function fingerprint(segmented: SegmentedSource): PreparedSource {
  const language = detectLanguage(segmented.text);
  // A guess from the text wins over a declared language (HTML lang, feed language): one code system, ISO 639-3.
  // Index terms are computed here, on the parse thread, for the store's single writer thread to reuse.
  const sentenceTerms = segmented.sentences.map((s) =>
    s.boilerplate ? '' : terms(segmented.text.slice(s.start, s.end)).join(' '),
  );
  // Calls to action are left out of both keys: they are flagged already, and often differ only by a date.
  const words = passageWords(segmented.text, segmented.sentences, (s) => s.boilerplate);
  const source = { ...segmented, sentenceTerms, ...(language ? { language } : {}) };
  return {
    source,
    paragraphs: paragraphFingerprints(siteOf(source), words),
    bands: nearDuplicateFingerprints([...words.values()], DEFAULT_DEDUPE_OPTIONS),
  };
}

/** Reads and prepares every document of one file. Throws a KoraError when the whole file is unusable. */
export async function parseFile(task: ParseTask, options: Readonly<ParseOptions>): Promise<ParsedFile> {
  if (task.size > options.maxBytes) throw createError('TOO_LARGE', task.path, task.size, options.maxBytes);
  const bytes = readBytes(task);
  if (task.range) return parseLineRange(task.path, task.range, bytes, options);
  if (bytes.length === 0) throw createError('EMPTY', task.path);
  const reader = readerFor(task.path);
  if (!reader) throw createError('UNSUPPORTED_FORMAT', task.path, extensionOf(task.path));
  const { documents, diagnostics } = await reader.read({ location: task.path, bytes, options });
  return prepareDocuments(documents, diagnostics.filter((d) => d.severity === 'error').map(toFailure));
}

/**
 * One range of a JSONL file. Unlike jsonlReader it never throws EMPTY: a range of blank lines is no error, and
 * workers/parts.ts refuses the file once when none of its ranges held anything.
 */
function parseLineRange(
  path: string,
  range: LineRange,
  bytes: Uint8Array,
  options: Readonly<ParseOptions>,
): ParsedFile {
  // Only a file's head is sniffed for binary bytes, and planning keeps all of it in the first range.
  const text = range.start === 0 ? decodeUtf8(path, bytes) : decodeUtf8Continuation(path, bytes);
  const { documents, badLines, badRecords } = readJsonlLines(path, text, options, range.firstLine);
  return {
    ...prepareDocuments(documents, [...badLines, ...badRecords].map(toFailure)),
    failedKinds: { badLines: badLines.length, badRecords: badRecords.length },
  };
}

/** Prepares documents after the reader's failures; a document without sentences is one more failure. */
function prepareDocuments(documents: readonly RawDocument[], failed: ParseFailure[]): ParsedFile {
  const sources: PreparedSource[] = [];
  for (const document of documents) {
    const source = prepareSource(document);
    if (source.sentences.length === 0) {
      failed.push({ path: document.location, error: createError('EMPTY', document.location).message });
      continue;
    }
    sources.push(fingerprint(source));
  }
  return { sources, failed };
}

const toFailure = (d: Diagnostic): ParseFailure => ({
  path: d.location,
  error: `cannot ingest "${d.location}": ${d.message}`,
});

function readBytes(task: ParseTask): Uint8Array {
  try {
    // Synchronous on purpose: nothing else waits on a parse thread, and fs.promises.readFile's thread-pool round
    // trips left parsing idle 6 % of the time.
    return task.range ? readRange(task.path, task.range) : readFileSync(task.path);
  } catch (error) {
    throw createError(
      'UNREADABLE',
      task.path,
      (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message,
    );
  }
}

/** The bytes of a range (fewer if the file shrank since planning). */
function readRange(path: string, range: LineRange): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.allocUnsafe(range.end - range.start);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, range.start + filled);
      if (read === 0) break;
      filled += read;
    }
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}
