/**
 * `POST /api/brief` (make a brief; `?format=md|html` renders it) and `POST /api/render` (render a brief the
 * client already holds, so exporting does not recompute it).
 */
import { type Context, Hono } from 'hono';
import type { Brief } from '../../core/model.ts';
import type { BriefRequestOptions, ServerDeps, Stages } from '../deps.ts';
import { HttpError } from '../errors.ts';
import { readJson } from '../request.ts';
import { BriefRequest, Brief as BriefSchema, FormatQuery } from '../schemas.ts';

export function briefRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const { format } = FormatQuery.parse(c.req.query());
    const { topic, ...rest } = BriefRequest.parse(await readJson(c));
    const make = need(deps.brief, 'brief');
    const options: BriefRequestOptions = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    return respond(c, await make(deps.store, topic, options), format, deps);
  });
  return app;
}

export function renderRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.post('/', async (c) => {
    const { format } = FormatQuery.parse(c.req.query());
    return respond(c, BriefSchema.parse(await readJson(c)) as unknown as Brief, format, deps);
  });
  return app;
}

/** A stage that this build lacks answers 503 rather than pretending. */
export function need<T>(stage: T | undefined, name: string): T {
  if (!stage) throw new HttpError(503, 'NOT_AVAILABLE', `the ${name} stage is not available in this build of Kora`);
  return stage;
}

function respond(c: Context, brief: Brief, format: 'json' | 'md' | 'html', stages: Stages): Response {
  if (format === 'json') return c.json(brief);
  const render = need(format === 'md' ? stages.renderMarkdown : stages.renderHtml, `${format} renderer`);
  const type = format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8';
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${fileName(brief.topic)}.${format}"`);
  return c.body(render(brief));
}

/** A download name from the topic: letters, digits and dashes only. */
const fileName = (topic: string): string =>
  topic
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'brief';
