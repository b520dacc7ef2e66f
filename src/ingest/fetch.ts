/**
 * HTTP for URL inputs: one URL fetched with a timeout, a redirect limit (loops named), the --max-bytes cap enforced
 * while streaming, a User-Agent naming Kora and at most a few requests per host. What the bytes are and how they
 * are read is urls.ts's job. Only URLs the user names (or their sitemap lists) are fetched: Kora never follows
 * links on its own.
 */
import { STATUS_CODES } from 'node:http';
import { createError, isKoraError } from '../core/errors.ts';

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
