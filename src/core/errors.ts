/**
 * One table of coded errors. Throw only for misuse or unusable input; recoverable problems
 * (a bad feed item, an empty page) are diagnostics on the result instead.
 */
export const ERROR_MESSAGES = {
  NOT_FOUND: (path: string) => `cannot read "${path}": no such file or folder`,
  UNREADABLE: (path: string, reason: string) => `cannot read "${path}": ${reason}`,
  TOO_LARGE: (path: string, bytes: number, max: number) =>
    `cannot ingest "${path}": ${bytes} bytes is over the ${max}-byte cap; raise it with --max-bytes`,
  EMPTY: (path: string) => `cannot ingest "${path}": it holds no text`,
  BINARY: (path: string) => `cannot ingest "${path}": it looks like a binary file, not text`,
  INVALID_UTF8: (path: string) => `cannot ingest "${path}": it is not valid UTF-8; re-save it as UTF-8`,
  UNSUPPORTED_FORMAT: (path: string, ext: string) =>
    `cannot ingest "${path}": unsupported format "${ext}" (use .txt, .md, .html, .xhtml, .json, .jsonl, .csv, .rss, .atom, .xml, .pdf or .docx)`,
  BAD_RECORD: (path: string, detail: string) => `cannot ingest "${path}": ${detail}`,
  BAD_HTML: (path: string, detail: string) => `cannot ingest "${path}": ${detail}`,
  BAD_FEED: (path: string, detail: string) => `cannot ingest "${path}": ${detail}`,
  CORRUPT: (path: string, detail: string) => `cannot read "${path}": ${detail}`,
  ENCRYPTED: (path: string) =>
    `cannot read "${path}": file is encrypted; export it without a password and ingest again`,
  NO_TEXT_LAYER: (path: string) => `cannot read "${path}": it has no text layer (scanned?); run OCR first`,
  UNPACKS_TOO_LARGE: (path: string, bytes: number, max: number) =>
    `cannot ingest "${path}": it would unpack to ${bytes} bytes, over the ${max}-byte cap; is it a zip bomb?`,
  FETCH_FAILED: (url: string, reason: string) => `cannot fetch "${url}": ${reason}`,
  SOURCE_NOT_FOUND: (id: string) => `no source with id "${id}"; list them with \`kora sources\``,
  SCHEMA_TOO_NEW: (file: string, found: number, supported: number) =>
    `cannot open "${file}": its schema version ${found} is newer than this Kora supports (${supported}); upgrade Kora`,
  NOT_A_KORA_DB: (file: string) => `cannot open "${file}": it is not a Kora library`,
  DATABASE: (target: string, reason: string) => `cannot use "${target}": ${reason}`,
  BAD_OPTION: (name: string, value: string, expected: string) =>
    `invalid value "${value}" for ${name}: expected ${expected}`,
  EMPTY_QUERY: () => 'the query has no searchable words',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An error with a stable code that callers (CLI exit codes, HTTP statuses) can map. */
export class KoraError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KoraError';
    this.code = code;
  }
}

/** Builds a KoraError from the table: `createError('NOT_FOUND', 'notes.txt')`. */
export function createError<C extends ErrorCode>(code: C, ...args: Parameters<(typeof ERROR_MESSAGES)[C]>): KoraError {
  const format = ERROR_MESSAGES[code] as (...a: unknown[]) => string;
  return new KoraError(code, format(...args));
}

export const isKoraError = (error: unknown): error is KoraError => error instanceof KoraError;
