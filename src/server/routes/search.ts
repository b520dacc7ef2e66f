/** `GET /api/search?q=&k=&since=&until=`: BM25-ranked sentences. */
import { Hono } from 'hono';
import { search } from '../../store/search.ts';
import type { ServerDeps } from '../deps.ts';
import { SearchQuery } from '../schemas.ts';

export function searchRoutes(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/', async (c) => {
    const { q, k, since, until } = SearchQuery.parse(c.req.query());
    return c.json(await search(deps.store, q, { k, ...(since ? { since } : {}), ...(until ? { until } : {}) }));
  });
  return app;
}
