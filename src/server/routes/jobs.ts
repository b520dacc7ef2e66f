/** `GET /api/jobs/:id`: progress and result of an ingest job. */
import { Hono } from 'hono';
import type { ServerDeps } from '../deps.ts';
import { HttpError } from '../errors.ts';

export function jobRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/:id', (c) => {
    const job = deps.jobs.get(c.req.param('id'));
    if (!job)
      throw new HttpError(
        404,
        'JOB_NOT_FOUND',
        `no job with id "${c.req.param('id')}" (jobs are forgotten on restart)`,
      );
    return c.json({ job });
  });
  return app;
}
