/**
 * URL inputs: `kora ingest https://…`. Each URL is fetched with a timeout, a redirect limit (loops detected), the
 * --max-bytes cap enforced while streaming, and at most a few requests per host; its type is sniffed from the
 * Content-Type header, then from the bytes; and it is read by the matching reader with the final URL as location.
 * A feed URL expands to its items, a sitemap URL to its pages. Only URLs the user names (or their sitemap lists)
 * are fetched: Kora never follows links on its own.
 */
import { STATUS_CODES } from 'node:http';
import { createError, isKoraError } from '../core/errors.ts';
import type { RawDocument } from '../core/model.ts';
import { csvReader } from './readers/csv.ts';
import { docxReader } from './readers/docx.ts';
import { decodeXml, feedDocuments, parseXml, sitemapUrls } from './readers/feed.ts';
import { extractArticle, htmlReader } from './readers/html.ts';
import { pdfReader } from './readers/pdf.ts';
import type { Reader, ReadOptions, ReadResult } from './readers/reader.ts';
import { jsonlReader, jsonReader } from './readers/records.ts';
import { markdownReader, textReader } from './readers/text.ts';

export interface FetchOptions {
  /** Time allowed for one URL, redirects and body included (milliseconds). */
  readonly timeoutMs: number;
  /** Redirects followed before giving up. */
  readonly maxRedirects: number;
  /** Requests in flight at once to one host: politeness toward small sites. */
  readonly perHostConcurrency: number;
  /** Page URLs taken from one sitemap; the rest are listed as skipped. */
  readonly maxSitemapUrls: number;
  readonly userAgent: string;
}

/** 15 s per URL: a slow page is better saved and ingested as a file than waited on. */
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
/** 5 redirects: browsers allow 20, but real pages need one or two (http → https → www). */
export const DEFAULT_MAX_REDIRECTS = 5;
/** 2 requests per host at once, as crawlers' politeness rules suggest (RFC 9309 leaves it to the client). */
export const DEFAULT_PER_HOST_CONCURRENCY = 2;
/** 500 pages per sitemap: a site's sitemap can list millions; a brief needs far fewer. */
export const DEFAULT_MAX_SITEMAP_URLS = 500;
/** Requests in flight across all hosts, so a long URL list does not open hundreds of sockets. */
const MAX_PARALLEL_FETCHES = 8;

export const KORA_USER_AGENT = 'Kora/0.1 (+offline research briefs)';

export const DEFAULT_FETCH_OPTIONS: FetchOptions = {
  timeoutMs: DEFAULT_FETCH_TIMEOUT_MS,
  maxRedirects: DEFAULT_MAX_REDIRECTS,
  perHostConcurrency: DEFAULT_PER_HOST_CONCURRENCY,
  maxSitemapUrls: DEFAULT_MAX_SITEMAP_URLS,
  userAgent: KORA_USER_AGENT,
};

/** True for an argument that names a web address rather than a path. */
export const isUrl = (input: string): boolean => /^https?:\/\//i.test(input);

/** A fetched response: the URL it was finally served from, its declared type and its bytes. */
export interface Fetched {
  readonly url: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** Caps requests per host: `acquire(host)` resolves when a slot is free and returns the function that frees it. */
export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  constructor(private readonly perHost: number) {}

  async acquire(host: string): Promise<() => void> {
    if ((this.active.get(host) ?? 0) >= this.perHost) {
      await new Promise<void>((resolve) => this.waiting.set(host, [...(this.waiting.get(host) ?? []), resolve]));
    }
    this.active.set(host, (this.active.get(host) ?? 0) + 1);
    return () => {
      this.active.set(host, (this.active.get(host) ?? 1) - 1);
      this.waiting.get(host)?.shift()?.();
    };
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
    return `no answer within ${timeoutMs / 1000} s (timed out); try again later`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused; is the address right?';
  if (cause?.code === 'ENOTFOUND') return 'host not found; check the address (Kora fetches only what you name)';
  return cause?.message ?? (error as Error).message;
}

/** Reads a body chunk by chunk, aborting as soon as it passes `maxBytes` (a lying Content-Length is no help). */
async function readCapped(url: string, response: Response, maxBytes: number, abort: () => void): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    abort();
    throw createError('TOO_LARGE', url, declared, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.length;
      if (total > maxBytes) {
        abort();
        throw createError(
          'FETCH_FAILED',
          url,
          `the response passed the ${maxBytes}-byte cap while downloading; raise it with --max-bytes`,
        );
      }
      chunks.push(chunk);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Fetches one URL, following redirects by hand so that the count is capped and loops are named.
 * Throws FETCH_FAILED (HTTP status, timeout, loop, network) or TOO_LARGE.
 */
export async function fetchUrl(
  url: string,
  maxBytes: number,
  options: Readonly<FetchOptions> = DEFAULT_FETCH_OPTIONS,
  limiter: HostLimiter = new HostLimiter(options.perHostConcurrency),
): Promise<Fetched> {
  if (!URL.canParse(url)) throw createError('FETCH_FAILED', url, 'it is not a valid URL; check for spaces or typos');
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const seen = [url];
  let current = url;
  try {
    for (;;) {
      const release = await limiter.acquire(new URL(current).host);
      // the clock starts once a slot is free: time spent queued behind the same host is not the server's fault
      timer ??= setTimeout(() => controller.abort(), options.timeoutMs);
      try {
        let response: Response;
        try {
          response = await fetch(current, {
            redirect: 'manual',
            signal: controller.signal,
            headers: { 'user-agent': options.userAgent, accept: '*/*' },
          });
        } catch (error) {
          throw createError('FETCH_FAILED', url, networkReason(error, options.timeoutMs));
        }
        const location = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          if (!URL.canParse(location, current)) {
            throw createError('FETCH_FAILED', url, `redirected to "${location}", which is not a valid URL`);
          }
          const next = new URL(location, current).href;
          if (!isUrl(next))
            throw createError('FETCH_FAILED', url, `redirected to "${next}", which is not an http(s) address`);
          if (seen.includes(next)) {
            throw createError('FETCH_FAILED', url, `redirect loop (${[...seen, next].join(' → ')})`);
          }
          if (seen.length > options.maxRedirects) {
            throw createError('FETCH_FAILED', url, `more than ${options.maxRedirects} redirects`);
          }
          seen.push(next);
          current = next;
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          const reason = response.statusText || STATUS_CODES[response.status] || '';
          throw createError('FETCH_FAILED', url, `HTTP ${response.status}${reason ? ` ${reason}` : ''}`);
        }
        try {
          const bytes = await readCapped(current, response, maxBytes, () => controller.abort());
          return { url: current, contentType: response.headers.get('content-type') ?? '', bytes };
        } catch (error) {
          if (isKoraError(error)) throw error;
          throw createError('FETCH_FAILED', url, networkReason(error, options.timeoutMs));
        }
      } finally {
        release();
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

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
