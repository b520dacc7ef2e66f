/**
 * The one error → HTTP mapper. Every failure leaves the server as `{"error": {"code", "message"}}` with a
 * status that says whose fault it was: 4xx for the request, 5xx for the server.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { type ErrorCode, isKoraError } from '../core/errors.ts';

/** Codes the HTTP layer adds to the core table (core codes pass through unchanged). */
export type HttpErrorCode =
  | 'BAD_REQUEST'
  | 'ROUTE_NOT_FOUND'
  | 'JOB_NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'NOT_AVAILABLE'
  | 'FORBIDDEN'
  | 'INTERNAL';

/** An error raised by a route with its HTTP status already decided. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: HttpErrorCode;
  constructor(status: ContentfulStatusCode, code: HttpErrorCode, message: string) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

/** The wire shape of every error response. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

// Core errors are "misuse or unusable input" (core/errors.ts), so 400 unless listed here.
const KORA_STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  SOURCE_NOT_FOUND: 404,
  TOO_LARGE: 413,
  SCHEMA_TOO_NEW: 500,
  NOT_A_KORA_DB: 500,
};

/** Maps any thrown value to a status and an error body; unknown errors become a 500 without internals. */
export function toHttpError(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof HttpError) return { status: error.status, body: errorBody(error.code, error.message) };
  if (isKoraError(error)) return { status: KORA_STATUS[error.code] ?? 400, body: errorBody(error.code, error.message) };
  if (error instanceof ZodError) return { status: 400, body: errorBody('BAD_REQUEST', describeZodError(error)) };
  return { status: 500, body: errorBody('INTERNAL', 'the server failed on this request; see its log for details') };
}

/** Hono `onError` handler: logs unexpected faults and answers with the mapped error. */
export function onError(error: Error, c: Context): Response {
  const { status, body } = toHttpError(error);
  // only unexpected faults are logged: every other error already says all there is to say in its body
  if (body.error.code === 'INTERNAL') console.error(error);
  return c.json(body, status);
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

/** One line per problem, naming the field: `topic: expected a non-empty string`. */
function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
