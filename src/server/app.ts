/**
 * The HTTP server as a Hono app: a thin adapter from routes to Kora's stages. Run it in-process with
 * `createApp(options).request('/api/sources')`, or on a port with `kora serve`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '../store/store.ts';
import type { ServerDeps, Stages } from './deps.ts';
import { errorBody, onError } from './errors.ts';
import { JobRegistry } from './jobs.ts';
import { openApiDocument } from './openapi.ts';
import { briefRoutes, renderRoutes } from './routes/brief.ts';
import { jobRoutes } from './routes/jobs.ts';
import { searchRoutes } from './routes/search.ts';
import { sourceRoutes } from './routes/sources.ts';
import { verifyRoutes } from './routes/verify.ts';
import { allowedHosts, sameOriginWrites, securityHeaders } from './security.ts';
import type { WebAssets } from './static.ts';

/** Largest request body, in bytes: 50 MB, the same cap ingest puts on one file (DEFAULT_MAX_BYTES). */
export const MAX_REQUEST_BYTES = 50 * 1024 * 1024;

export interface AppOptions extends Stages {
  readonly store: Store;
  /** Where uploads are saved (see uploads.ts `dataDirFor`). */
  readonly dataDir: string;
  /** Defaults to MAX_REQUEST_BYTES. */
  readonly maxRequestBytes?: number;
  /** The page; without it only the API is served. */
  readonly assets?: WebAssets;
  /** Host names to answer to (see security.ts); undefined answers any. */
  readonly allowedHosts?: readonly string[];
}

/** Builds the app: security middleware, the API under /api, then the page. */
export function createApp(options: AppOptions): Hono {
  const deps: ServerDeps = {
    ...options,
    jobs: new JobRegistry(),
    maxRequestBytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES,
  };
  const app = new Hono();
  app.onError(onError);
  app.notFound((c) => c.json(errorBody('ROUTE_NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.use('*', securityHeaders, allowedHosts(options.allowedHosts), sameOriginWrites);
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.maxRequestBytes,
      onError: (c) =>
        c.json(
          errorBody(
            'PAYLOAD_TOO_LARGE',
            `the request is over the ${describeBytes(deps.maxRequestBytes)} limit; send fewer or smaller files at a time`,
          ),
          413,
        ),
    }),
  );

  const openapi = openApiDocument();
  app.get('/api/openapi.json', (c) => c.json(openapi));
  app.route('/api/sources', sourceRoutes(deps));
  app.route('/api/jobs', jobRoutes(deps));
  app.route('/api/search', searchRoutes(deps));
  app.route('/api/brief', briefRoutes(deps));
  app.route('/api/render', renderRoutes(deps));
  app.route('/api/verify', verifyRoutes(deps));

  const assets = options.assets;
  if (assets) {
    app.get('/', (c) => c.html(assets.html));
    app.get('/main.js', (c) => c.body(assets.js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
    app.get('/styles.css', (c) => c.body(assets.css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  }
  return app;
}

/** `52428800` → `50 MB`; small limits (tests) stay in bytes. */
const describeBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes}-byte`;
