/**
 * URL inputs in the ingest pipeline: fetched and read by fetch.ts, then prepared exactly like a file's documents
 * (normalise, segment, fingerprint) and handed to ingestPaths in the shape the parse pool yields, so storing,
 * dedupe and progress treat a URL like a file.
 */
import { createError } from '../core/errors.ts';
import { DEFAULT_FETCH_OPTIONS, type FetchOptions, readUrls } from './fetch.ts';
import { prepareSource } from './prepare.ts';
import type { ReadResult } from './readers/reader.ts';
import { fingerprint, type ParsedFile, type ParseOptions, type PreparedSource } from './workers/parse-file.ts';
import type { ParseOutcome } from './workers/pool.ts';

export { isUrl } from './fetch.ts';

/** Ingest options for URL inputs: fetch limits, each defaulting to DEFAULT_FETCH_OPTIONS (tests shorten the timeout). */
export interface UrlOptions {
  readonly fetch?: Partial<FetchOptions>;
}

/** A reader's result prepared for the store: error diagnostics become failures, empty documents too. */
function prepareRead(read: ReadResult): ParsedFile {
  const failed = read.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ path: d.location, error: `cannot ingest "${d.location}": ${d.message}` }));
  const sources: PreparedSource[] = [];
  for (const document of read.documents) {
    const source = prepareSource(document);
    if (source.sentences.length === 0)
      failed.push({ path: document.location, error: createError('EMPTY', document.location).message });
    else sources.push(fingerprint(source));
  }
  return { sources, failed };
}

/** Fetches, reads and prepares URLs, yielding one outcome per URL (a sitemap's pages after it), in input order. */
export async function* parseUrls(
  urls: readonly string[],
  options: Readonly<ParseOptions & UrlOptions>,
): AsyncGenerator<ParseOutcome> {
  if (urls.length === 0) return;
  const outcomes = await readUrls(urls, options.maxBytes, options, { ...DEFAULT_FETCH_OPTIONS, ...options.fetch });
  for (const outcome of outcomes) {
    const task = { path: outcome.url, size: 0 };
    if ('error' in outcome) yield { task, failure: outcome.error };
    else yield { task, result: prepareRead(outcome.result) };
  }
}
