/**
 * Fetches a URL a client asked to ingest, with a time and size cap, and picks the extension its reader
 * needs. Only http(s) is allowed (the request schema checks it); redirects are followed by fetch itself.
 */
import { createError } from '../core/errors.ts';
import { extensionOf, SUPPORTED_EXTENSIONS } from '../ingest/readers/index.ts';

/** How long one URL may take, in milliseconds (pages that need longer are better saved and uploaded). */
export const FETCH_TIMEOUT_MS = 20_000;

/** The fetch function the server uses; tests pass a fake one so nothing leaves the machine. */
export type Fetcher = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

const TYPE_EXTENSIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/html|xhtml/i, '.html'],
  [/markdown/i, '.md'],
  [/ndjson|jsonl/i, '.jsonl'],
  [/json/i, '.json'],
  [/text\/plain/i, '.txt'],
];

/** Downloads one URL: its bytes and the extension to store them under. Throws with a readable message. */
export async function fetchUrl(
  url: string,
  maxBytes: number,
  fetcher: Fetcher = fetch,
): Promise<{ bytes: Uint8Array; extension: string }> {
  const response = await fetcher(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw createError('FETCH_FAILED', url, `the server answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw createError('FETCH_FAILED', url, `${declared} bytes is over the ${maxBytes}-byte cap`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes)
    throw createError('FETCH_FAILED', url, `${bytes.length} bytes is over the ${maxBytes}-byte cap`);
  return { bytes, extension: extensionFor(url, response.headers.get('content-type') ?? '') };
}

function extensionFor(url: string, contentType: string): string {
  for (const [pattern, extension] of TYPE_EXTENSIONS) if (pattern.test(contentType)) return extension;
  const fromPath = extensionOf(new URL(url).pathname);
  // an unknown type is most often a web page served without a proper header
  return SUPPORTED_EXTENSIONS.includes(fromPath) ? fromPath : '.html';
}
