/** `POST /api/verify`: `{text}` → a kora.verify/v1 report, one entry per claim in the draft. */
import { Hono } from 'hono';
import type { ServerDeps } from '../deps.ts';
import { readJson } from '../request.ts';
import { VerifyRequest } from '../schemas.ts';
import { need } from './brief.ts';

export function verifyRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const { text } = VerifyRequest.parse(await readJson(c));
    return c.json(await need(deps.verify, 'verify')(deps.store, text));
  });
  return app;
}
