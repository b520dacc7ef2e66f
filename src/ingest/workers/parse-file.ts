/**
 * Everything an ingest does to one file before the store sees it: read, decode, normalise, segment, flag
 * calls to action, guess the language and compute the dedupe fingerprints. Pure CPU work on one input, so it
 * runs in a worker thread (pool.ts) or in-process, with the same result either way.
 */
import { readFileSync } from 'node:fs';
import { createError } from '../../core/errors.ts';
import type { SegmentedSource } from '../../core/model.ts';
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
import { extensionOf, readerFor } from '../readers/index.ts';
import type { ReadOptions } from '../readers/reader.ts';

/** One input to parse: a file and its size in bytes (from planning). */
export interface ParseTask {
  readonly path: string;
  readonly size: number;
}

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
  let bytes: Uint8Array;
  try {
    // Synchronous on purpose: nothing else waits on a parse thread, and fs.promises.readFile's thread-pool round
    // trips left parsing idle 6 % of the time.
    bytes = readFileSync(task.path);
  } catch (error) {
    throw createError(
      'UNREADABLE',
      task.path,
      (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message,
    );
  }
  if (bytes.length === 0) throw createError('EMPTY', task.path);
  const reader = readerFor(task.path);
  if (!reader) throw createError('UNSUPPORTED_FORMAT', task.path, extensionOf(task.path));
  const { documents, diagnostics } = await reader.read({ location: task.path, bytes, options });
  const failed: ParseFailure[] = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ path: d.location, error: `cannot ingest "${d.location}": ${d.message}` }));
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
