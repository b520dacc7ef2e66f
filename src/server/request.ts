/** Request-body helpers shared by the routes. */
import type { Context } from 'hono';
import { HttpError } from './errors.ts';

/** The request body as JSON, or a 400 that says it is not (rather than a 500 from a SyntaxError). */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'the request body is not valid JSON');
  }
}

/** The multipart form fields (files included), or a 400 when the body is not valid multipart. */
export async function readForm(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'the request body is not valid multipart/form-data');
  }
}
