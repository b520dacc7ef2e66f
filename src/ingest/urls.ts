/**
 * URL inputs: each fetched body's kind is sniffed (Content-Type, then bytes) and read by the matching reader with
 * the final URL as location; a feed URL expands to its items, a sitemap URL to its pages. The documents are then
 * prepared exactly like a file's (normalise, segment, fingerprint) and handed to ingestPaths in the shape the parse
 * pool yields, so storing, dedupe and progress treat a URL like a file.
 */
import { createError, isKoraError } from '../core/errors.ts';
import type { RawDocument } from '../core/model.ts';
import { DEFAULT_FETCH_OPTIONS, type Fetched, type FetchOptions, fetchUrl, HostLimiter, isUrl } from './fetch.ts';
import { prepareSource } from './prepare.ts';
import { csvReader } from './readers/csv.ts';
import { docxReader } from './readers/docx.ts';
import { decodeXml, feedDocuments, parseXml, sitemapUrls } from './readers/feed.ts';
import { extractArticle, htmlReader } from './readers/html.ts';
import { loadMarkupLibraries } from './readers/markup.ts';
import { pdfReader } from './readers/pdf.ts';
import type { Reader, ReadOptions, ReadResult } from './readers/reader.ts';
import { jsonlReader, jsonReader } from './readers/records.ts';
import { markdownReader, textReader } from './readers/text.ts';
import { fingerprint, type ParsedFile, type ParseOptions, type PreparedSource } from './workers/parse-file.ts';
import type { ParseOutcome } from './workers/pool.ts';

/** Requests in flight across all hosts, so a long URL list does not open hundreds of sockets. */
const MAX_PARALLEL_FETCHES = 8;

/** What a response holds, decided by its Content-Type and, when that is missing or generic, by its first bytes. */
export type ContentKind = 'html' | 'xml' | 'pdf' | 'docx' | 'text' | 'markdown' | 'json' | 'jsonl' | 'csv';

const TYPE_KINDS: ReadonlyArray<readonly [RegExp, ContentKind]> = [
  [/^(text\/html|application\/xhtml\+xml)$/, 'html'],
  [/^(application|text)\/((x-)?(rss|atom|rdf)\+)?xml$/, 'xml'],
  [/^application\/pdf$/, 'pdf'],
  [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/, 'docx'],
  [/^text\/(x-)?markdown$/, 'markdown'],
  [/^application\/(x-)?(ndjson|jsonl|jsonlines)$/, 'jsonl'],
  [/^application\/([\w.-]+\+)?json$/, 'json'],
  [/^text\/csv$/, 'csv'],
];
/** Types servers send when they do not know better: the bytes decide. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'text/plain']);
const SNIFF_CHARS = 1024; // characters of the body inspected for markup when the type is generic

/** The kind of a response, or undefined when Kora has no reader for it. */
export function sniffKind(contentType: string, bytes: Uint8Array): ContentKind | undefined {
  const mime = contentType.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (!GENERIC_TYPES.has(mime)) return TYPE_KINDS.find(([pattern]) => pattern.test(mime))?.[1];
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, SNIFF_CHARS))
    .replace(/^\ufeff/, '')
    .trimStart();
  if (head.startsWith('%PDF-')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  if (/^<!doctype html|^<html[\s>]/i.test(head)) return 'html';
  if (/^<\?xml|^<(rss|feed|rdf:RDF|urlset|sitemapindex)[\s>]/.test(head)) return 'xml';
  if (mime === 'text/plain') return 'text';
  if (/^[[{]/.test(head)) return 'json';
  if (/^<[a-z!]/i.test(head)) return 'html';
  return bytes.subarray(0, SNIFF_CHARS).includes(0) ? undefined : 'text';
}

const READER_OF: Readonly<Record<Exclude<ContentKind, 'xml'>, Reader>> = {
  html: htmlReader,
  pdf: pdfReader,
  docx: docxReader,
  text: textReader,
  markdown: markdownReader,
  json: jsonReader,
  jsonl: jsonlReader,
  csv: csvReader,
};

const charsetOf = (contentType: string): string | undefined =>
  /;\s*charset="?([\w.:-]+)"?/i.exec(contentType)?.[1]?.toLowerCase();

/** Re-encodes a text body as UTF-8 when its Content-Type names another charset (readers expect UTF-8). */
function toUtf8(contentType: string, bytes: Uint8Array): Uint8Array {
  const charset = charsetOf(contentType);
  if (!charset || charset === 'utf-8' || charset === 'utf8') return bytes;
  try {
    return new TextEncoder().encode(new TextDecoder(charset).decode(bytes));
  } catch {
    return bytes; // an unknown charset name: let the reader judge the bytes as they are
  }
}

/** A fetched body as documents, or the page URLs of a sitemap to fetch next. */
type Read = { readonly result: ReadResult } | { readonly sitemap: string[]; readonly kind: 'urlset' | 'index' };

async function readFetched(fetched: Fetched, options: Readonly<ReadOptions>): Promise<Read> {
  const kind = sniffKind(fetched.contentType, fetched.bytes);
  if (!kind) {
    const type = fetched.contentType || 'unknown';
    throw createError(
      'FETCH_FAILED',
      fetched.url,
      `unsupported content type "${type}" (Kora reads web pages, feeds, PDF, DOCX, text and JSON)`,
    );
  }
  if (kind !== 'xml') {
    const bytes = kind === 'pdf' || kind === 'docx' ? fetched.bytes : toUtf8(fetched.contentType, fetched.bytes);
    const result = await READER_OF[kind].read({ location: fetched.url, bytes, options });
    // a web document's address is its URL even when the reader found none in the content
    const documents = result.documents.map((d): RawDocument => (d.url ? d : { ...d, url: fetched.url }));
    return { result: { documents, diagnostics: result.diagnostics } };
  }
  await loadMarkupLibraries();
  // a charset in the header wins over the XML declaration (RFC 7303 §8.1)
  const xml = charsetOf(fetched.contentType)
    ? new TextDecoder('utf-8').decode(toUtf8(fetched.contentType, fetched.bytes))
    : decodeXml(fetched.url, fetched.bytes);
  const parsed = parseXml(fetched.url, xml);
  const sitemap = sitemapUrls(parsed);
  if (sitemap) return { sitemap: sitemap.urls, kind: sitemap.kind };
  if (parsed.html)
    return { result: { documents: [{ ...extractArticle(fetched.url, xml), url: fetched.url }], diagnostics: [] } };
  return { result: feedDocuments(fetched.url, parsed) };
}

/** One input URL's outcome: its documents, or the one-line error that stopped it. */
export type UrlOutcome =
  | { readonly url: string; readonly result: ReadResult }
  | { readonly url: string; readonly error: string };

/** Runs `task` over `items` with at most `limit` in flight, keeping results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Fetches and reads URLs: `readUrls(['https://example.org/feed.xml'], 50e6)`. Outcomes come back in input order
 * (a sitemap's pages right after it); failures are per URL and never stop the batch.
 */
export async function readUrls(
  urls: readonly string[],
  maxBytes: number,
  readOptions: Readonly<ReadOptions>,
  options: Readonly<FetchOptions> = DEFAULT_FETCH_OPTIONS,
): Promise<UrlOutcome[]> {
  const limiter = new HostLimiter(options.perHostConcurrency);
  const one = async (url: string, sitemapDepth: number): Promise<UrlOutcome[]> => {
    try {
      const read = await readFetched(await fetchUrl(url, maxBytes, options, limiter), readOptions);
      if ('result' in read) return [{ url, result: read.result }];
      // a sitemap index lists sitemaps; one level is followed, deeper nesting is not a real site's shape
      if (read.kind === 'index' && sitemapDepth > 0)
        return [{ url, error: createError('FETCH_FAILED', url, 'sitemap index nested in a sitemap index').message }];
      const pages = read.sitemap.slice(0, options.maxSitemapUrls);
      const skipped: UrlOutcome[] =
        read.sitemap.length > pages.length
          ? [
              {
                url,
                result: {
                  documents: [],
                  diagnostics: [
                    {
                      severity: 'warning',
                      location: url,
                      message: `sitemap lists ${read.sitemap.length} URLs; only the first ${pages.length} were fetched`,
                    },
                  ],
                },
              },
            ]
          : [];
      const nested = await pool(pages.filter(isUrl), MAX_PARALLEL_FETCHES, (page) => one(page, sitemapDepth + 1));
      return [...skipped, ...nested.flat()];
    } catch (error) {
      if (!isKoraError(error)) throw error;
      return [{ url, error: error.message }];
    }
  };
  return (await pool(urls, MAX_PARALLEL_FETCHES, (url) => one(url, 0))).flat();
}

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
