/**
 * `/api/sources`: upload files or URLs (an ingest job), list, show and remove sources.
 */
import { Hono } from 'hono';
import { createError, isKoraError } from '../../core/errors.ts';
import { asSourceId } from '../../core/ids.ts';
import { DEFAULT_INGEST_OPTIONS, ingestPaths } from '../../ingest/index.ts';
import type { ServerDeps } from '../deps.ts';
import { HttpError } from '../errors.ts';
import { readForm, readJson } from '../request.ts';
import { UrlsRequest } from '../schemas.ts';
import { dataFileOf, displayName, locationIn, removeDataFile, safeExtension, saveToDataDir } from '../uploads.ts';

/** A file saved for ingesting, with the name the client knows it by (for messages). */
interface Saved {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

interface Pending {
  readonly saved: Saved[];
  readonly failed: { path: string; error: string }[];
  readonly urls: string[];
}

export function sourceRoutes(deps: ServerDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const type = c.req.header('content-type') ?? '';
    let pending: Pending;
    if (type.startsWith('multipart/form-data')) pending = await saveUploads(deps, await readForm(c));
    else if (type.startsWith('application/json'))
      pending = { saved: [], failed: [], urls: UrlsRequest.parse(await readJson(c)).urls };
    else throw new HttpError(415, 'BAD_REQUEST', 'send files as multipart/form-data or {"urls": [...]} as JSON');
    if (pending.saved.length + pending.urls.length + pending.failed.length === 0)
      throw new HttpError(400, 'BAD_REQUEST', 'no files in the upload; send them in a multipart field named "files"');
    const bytesTotal = pending.saved.reduce((sum, f) => sum + f.size, 0);
    const job = deps.jobs.create(pending.saved.length + pending.urls.length, bytesTotal);
    // not awaited: the client polls /api/jobs/:id; runJob records its own failure
    void runJob(deps, job.id, pending);
    c.header('Location', `/api/jobs/${job.id}`);
    return c.json({ job }, 202);
  });

  app.get('/', async (c) => c.json({ sources: await deps.store.listSources() }));

  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const source = await deps.store.getSource(asSourceId(id));
    if (!source) throw createError('SOURCE_NOT_FOUND', id);
    return c.json(source);
  });

  app.delete('/:id', async (c) => {
    const id = c.req.param('id');
    const source = await deps.store.getSource(asSourceId(id));
    if (!source || !(await deps.store.removeSource(source.id))) throw createError('SOURCE_NOT_FOUND', id);
    // an uploaded file goes too once no other source (another record of the same JSONL) still comes from it
    const file = dataFileOf(deps.dataDir, source.location);
    if (file) {
      const rest = await deps.store.listSources();
      if (!rest.some((s) => locationIn(s.location, file))) await removeDataFile(file);
    }
    return c.json({ removed: id });
  });

  return app;
}

async function saveUploads(deps: ServerDeps, form: Record<string, unknown>): Promise<Pending> {
  const files = Object.values(form)
    .flat()
    .filter((v): v is File => v instanceof File);
  const saved: Saved[] = [];
  const failed: { path: string; error: string }[] = [];
  for (const file of files) {
    const name = displayName(file.name);
    const extension = safeExtension(file.name);
    if (!extension) {
      failed.push({ path: name, error: createError('UNSUPPORTED_FORMAT', name, safeExt(name)).message });
      continue;
    }
    const path = await saveToDataDir(deps.dataDir, new Uint8Array(await file.arrayBuffer()), extension);
    saved.push({ path, name, size: file.size });
  }
  return { saved, failed, urls: [] };
}

const safeExt = (name: string): string => /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '(none)';

async function runJob(deps: ServerDeps, jobId: string, pending: Pending): Promise<void> {
  try {
    // the same content uploaded twice in one batch has one stored name: ingest it once. URLs go to ingest as
    // they are: it fetches them (timeouts, redirect and size caps) and keeps the final URL as the location.
    const paths = [...new Set(pending.saved.map((f) => f.path)), ...pending.urls];
    const summary = await ingestPaths(paths, deps.store, { ...DEFAULT_INGEST_OPTIONS, keepCallerFree: true }, (p) =>
      deps.jobs.progress(jobId, p),
    );
    const sources = await deps.store.listSources();
    // a redirected URL is stored under its final address and is not listed here; the library list has it
    const sourceIds = sources.filter((s) => paths.some((path) => locationIn(s.location, path))).map((s) => s.id);
    deps.jobs.finish(jobId, {
      ingested: summary.ingested,
      unchanged: summary.unchanged,
      duplicates: summary.duplicates,
      failed: [...pending.failed, ...summary.failed.map((f) => clientFacing(f, pending.saved))],
      sourceIds,
    });
  } catch (error) {
    const message = isKoraError(error) ? error.message : 'ingesting failed on the server; see its log';
    if (!isKoraError(error)) console.error(error);
    deps.jobs.fail(jobId, { code: isKoraError(error) ? error.code : 'INTERNAL', message });
  }
}

/** Names the file as the client knows it rather than by its generated server path. */
function clientFacing(failure: { path: string; error: string }, saved: readonly Saved[]) {
  const file = saved.find((f) => locationIn(failure.path, f.path));
  if (!file) return failure;
  const rename = (s: string) => s.split(file.path).join(file.name);
  return { path: rename(failure.path), error: rename(failure.error) };
}
