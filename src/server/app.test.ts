/** The HTTP API in-process through `app.request()`: every route, its error codes, limits and headers. */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { asSourceId } from '../core/ids.ts';
import type { Brief, VerifyReport } from '../core/model.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { type AppOptions, createApp, MAX_REQUEST_BYTES } from './app.ts';
import type { Job } from './schemas.ts';
import { CONTENT_SECURITY_POLICY } from './security.ts';
import { stages } from './stages.ts';
import { buildWebAssets } from './static.ts';

const ARTICLE = `Tea Trade\n\nThe tea trade linked China and Russia for centuries. Caravans carried bricks of tea across Mongolia.\n\nBy 1800 the Kyakhta market handled most of the exchange.\n`;
const NOTES = `# River Notes\n\nThe Amur river forms a long border. Fishing villages line both banks of the Amur.\n`;

/** The page's size budget: JS + CSS, gzipped (the limit). */
const PAGE_BUDGET_GZIP_BYTES = 200 * 1024;

let dir: string;
let store: Store;
let dataDir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kora-server-'));
  store = await openStore(join(dir, 'lib.db'));
  dataDir = join(dir, 'lib.db.files');
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const app = (extra: Partial<AppOptions> = {}) => createApp({ store, dataDir, ...extra });

function upload(files: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, text] of Object.entries(files)) form.append('files', new File([text], name));
  return form;
}

/** Polls a job until it leaves `running`. */
async function finished(server: ReturnType<typeof app>, id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const { job } = (await (await server.request(`/api/jobs/${id}`)).json()) as { job: Job };
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  assert.equal(response.status, status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0);
  return body.error.message;
}

const BRIEF: Brief = {
  schema: 'kora.brief/v1',
  topic: 'tea',
  title: 'Tea',
  executiveSummary: [],
  introduction: [],
  subtopics: [],
  conclusion: [],
  tags: ['tea'],
  sources: [],
  gaps: [],
};

describe('sources', () => {
  let ids: string[] = [];
  let teaId = '';

  test('an upload answers 202 with a job that ingests the files and names failures by their upload name', async () => {
    const server = app();
    const res = await server.request('/api/sources', {
      method: 'POST',
      body: upload({ 'tea.txt': ARTICLE, '../../escape/notes.md': NOTES, 'tool.exe': 'MZ' }),
    });
    assert.equal(res.status, 202);
    const { job } = (await res.json()) as { job: Job };
    assert.equal(res.headers.get('location'), `/api/jobs/${job.id}`);
    const done = await finished(server, job.id);
    assert.equal(done.state, 'done');
    assert.equal(done.result?.ingested, 2);
    assert.equal(done.filesDone, done.filesTotal);
    assert.equal(done.result?.failed.length, 1);
    assert.match(done.result!.failed[0]!.error, /tool\.exe/);
    ids = [...done.result!.sourceIds];
    assert.equal(ids.length, 2);
  });

  test('uploads are stored in the data folder under generated names, whatever the client called them', async () => {
    const names = await readdir(dataDir);
    assert.equal(names.length, 2);
    for (const name of names) assert.match(name, /^[0-9a-f]{16}\.(txt|md)$/);
    assert.deepEqual(await readdir(dir).then((n) => n.filter((x) => x === 'escape')), []);
  });

  test('re-uploading the same file changes nothing', async () => {
    const server = app();
    const res = await server.request('/api/sources', { method: 'POST', body: upload({ 'again.txt': ARTICLE }) });
    const done = await finished(server, ((await res.json()) as { job: Job }).job.id);
    assert.equal(done.result?.unchanged, 1);
    assert.equal(done.result?.ingested, 0);
  });

  test('GET /api/sources lists them and GET /api/sources/:id returns text and spans', async () => {
    const server = app();
    const { sources } = (await (await server.request('/api/sources')).json()) as { sources: { id: string }[] };
    assert.deepEqual(sources.map((s) => s.id).sort(), [...ids].sort());
    const tea = sources.find((s) => (s as unknown as { title: string }).title === 'Tea Trade')!;
    teaId = tea.id;
    const res = await server.request(`/api/sources/${tea.id}`);
    assert.equal(res.status, 200);
    const source = (await res.json()) as { text: string; sentenceSpans: { start: number; end: number }[] };
    assert.ok(source.sentenceSpans.length >= 3);
    const spanTexts = source.sentenceSpans.map((s) => source.text.slice(s.start, s.end));
    assert.ok(spanTexts.includes('Caravans carried bricks of tea across Mongolia.'));
  });

  test('an unknown source is a 404', async () => {
    await expectError(await app().request('/api/sources/nope'), 404, 'SOURCE_NOT_FOUND');
    await expectError(await app().request('/api/sources/nope', { method: 'DELETE' }), 404, 'SOURCE_NOT_FOUND');
  });

  test('DELETE removes the source and its uploaded file', async () => {
    const server = app();
    const before = (await readdir(dataDir)).length;
    const res = await server.request(`/api/sources/${teaId}`, { method: 'DELETE' });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { removed: teaId });
    await expectError(await server.request(`/api/sources/${teaId}`), 404, 'SOURCE_NOT_FOUND');
    assert.equal((await readdir(dataDir)).length, before - 1);
  });

  test('URLs are fetched by ingest and stored under their address; failures name the URL', async () => {
    // a local web server: nothing leaves the machine
    const requested: string[] = [];
    const web = createServer((req, res) => {
      requested.push(req.url ?? '');
      if (req.url === '/missing') {
        res.writeHead(404).end('gone');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Kyakhta</title></head><body><article><p>${'Kyakhta was a trading town on the border. '.repeat(12)}</p></article></body></html>`,
      );
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
    try {
      const server = app();
      const res = await server.request('/api/sources', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urls: [`${base}/kyakhta`, `${base}/missing`] }),
      });
      assert.equal(res.status, 202);
      const done = await finished(server, ((await res.json()) as { job: Job }).job.id);
      assert.deepEqual(requested.sort(), ['/kyakhta', '/missing']);
      assert.equal(done.result?.ingested, 1);
      assert.equal(done.result?.sourceIds.length, 1);
      const source = (await (await server.request(`/api/sources/${done.result!.sourceIds[0]}`)).json()) as {
        location: string;
        title: string;
      };
      assert.equal(source.location, `${base}/kyakhta`);
      assert.equal(source.title, 'Kyakhta');
      assert.equal(done.result?.failed.length, 1);
      assert.match(done.result!.failed[0]!.error, /\/missing.*404/);
    } finally {
      web.close();
    }
  });

  test('bad uploads: a non-http URL, no files, and a wrong content type', async () => {
    const server = app();
    const message = await expectError(
      await server.request('/api/sources', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ urls: ['javascript:alert(1)'] }),
      }),
      400,
      'BAD_REQUEST',
    );
    assert.match(message, /urls\.0/);
    await expectError(
      await server.request('/api/sources', { method: 'POST', body: new FormData() }),
      400,
      'BAD_REQUEST',
    );
    await expectError(
      await server.request('/api/sources', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"urls": [',
      }),
      400,
      'BAD_REQUEST',
    );
    await expectError(
      await server.request('/api/sources', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        body: 'garbage',
      }),
      400,
      'BAD_REQUEST',
    );
    await expectError(
      await server.request('/api/sources', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      415,
      'BAD_REQUEST',
    );
  });

  test('an upload over the request-size limit gets 413 and nothing is stored', async () => {
    assert.equal(MAX_REQUEST_BYTES, 50 * 1024 * 1024);
    const before = await readdir(dataDir);
    const server = app({ maxRequestBytes: 1024 });
    const res = await server.request('/api/sources', {
      method: 'POST',
      body: upload({ 'big.txt': 'word '.repeat(1000) }),
    });
    await expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    assert.deepEqual(await readdir(dataDir), before);
  });

  test('an unknown job is a 404', async () => {
    await expectError(await app().request('/api/jobs/nope'), 404, 'JOB_NOT_FOUND');
  });
});

describe('search', () => {
  test('returns BM25 hits with offsets', async () => {
    const res = await app().request('/api/search?q=Amur%20border&k=2');
    assert.equal(res.status, 200);
    const { hits } = (await res.json()) as { hits: { text: string; start: number; end: number }[] };
    assert.ok(hits.length >= 1 && hits.length <= 2);
    assert.match(hits[0]!.text, /Amur/);
  });

  test('bad queries are 400s', async () => {
    await expectError(await app().request('/api/search'), 400, 'BAD_REQUEST');
    await expectError(await app().request('/api/search?q=amur&k=0'), 400, 'BAD_REQUEST');
    await expectError(await app().request('/api/search?q=amur&since=yesterday'), 400, 'BAD_REQUEST');
    assert.match(
      await expectError(await app().request('/api/search?q=amur&since=2020&until=2010'), 400, 'BAD_REQUEST'),
      /since must not be after until/,
    );
    await expectError(await app().request('/api/search?q=the'), 400, 'EMPTY_QUERY');
  });
});

describe('brief, render and verify', () => {
  const json = (body: unknown) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  test('without the stages they answer 503', async () => {
    await expectError(await app().request('/api/brief', json({ topic: 'tea' })), 503, 'NOT_AVAILABLE');
    await expectError(await app().request('/api/verify', json({ text: 'Tea.' })), 503, 'NOT_AVAILABLE');
  });

  test('POST /api/brief passes topic and options to the stage and returns its brief', async () => {
    const calls: unknown[] = [];
    const server = app({
      brief: async (_store, topic, options) => {
        calls.push({ topic, options });
        return { ...BRIEF, topic };
      },
      renderMarkdown: (b) => `# ${b.title}\n`,
    });
    const res = await server.request('/api/brief', json({ topic: ' tea ', subtopics: 3, outline: ['Trade'] }));
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as Brief).topic, 'tea');
    assert.deepEqual(calls, [{ topic: 'tea', options: { subtopics: 3, outline: ['Trade'] } }]);
    const md = await server.request('/api/brief?format=md', json({ topic: 'tea' }));
    assert.equal(md.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.match(md.headers.get('content-disposition') ?? '', /attachment; filename="tea\.md"/);
    assert.equal(await md.text(), '# Tea\n');
  });

  test('bad brief requests are 400s that name the field', async () => {
    const server = app({ brief: async () => BRIEF });
    assert.match(await expectError(await server.request('/api/brief', json({})), 400, 'BAD_REQUEST'), /topic/);
    assert.match(
      await expectError(await server.request('/api/brief', json({ topic: 't', subtopics: 99 })), 400, 'BAD_REQUEST'),
      /subtopics/,
    );
    await expectError(await server.request('/api/brief', json({ topic: 't', extra: 1 })), 400, 'BAD_REQUEST');
    await expectError(
      await server.request('/api/brief', json({ topic: 't', since: '2021-05', until: '2021-04-30' })),
      400,
      'BAD_REQUEST',
    );
    const sameYear = await server.request('/api/brief', json({ topic: 't', since: '2021', until: '2021-12-31' }));
    assert.equal(sameYear.status, 200);
    await expectError(await server.request('/api/brief', json('{not json')), 400, 'BAD_REQUEST');
    await expectError(await server.request('/api/brief?format=pdf', json({ topic: 't' })), 400, 'BAD_REQUEST');
  });

  test('a stage failure is a 500 that does not leak internals', async () => {
    const server = app({
      brief: async () => {
        throw new Error('secret internal detail');
      },
    });
    const original = console.error;
    console.error = () => {};
    try {
      const message = await expectError(await server.request('/api/brief', json({ topic: 'tea' })), 500, 'INTERNAL');
      assert.doesNotMatch(message, /secret/);
    } finally {
      console.error = original;
    }
  });

  test('POST /api/render renders a brief the client holds; a malformed one is a 400', async () => {
    const server = app({ renderHtml: (b) => `<h1>${b.title}</h1>` });
    const res = await server.request('/api/render?format=html', json(BRIEF));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await res.text(), '<h1>Tea</h1>');
    await expectError(await server.request('/api/render?format=html', json({ schema: 'other' })), 400, 'BAD_REQUEST');
    await expectError(await server.request('/api/render?format=md', json(BRIEF)), 503, 'NOT_AVAILABLE');
  });

  test('the real HTML renderer escapes hostile titles and quotes in an export', async () => {
    const hostile = '<script>window.__pwned=1</script><img src=x onerror=alert(1)>';
    const server = app({ renderHtml: stages.renderHtml! });
    const brief: Brief = {
      ...BRIEF,
      title: hostile,
      executiveSummary: [
        { text: hostile, citations: [{ sourceId: asSourceId('abc'), start: 0, end: hostile.length, quote: hostile }] },
      ],
      sources: [{ id: asSourceId('abc'), n: 1, title: hostile, location: 'javascript:alert(1)' }],
    };
    const html = await (await server.request('/api/render?format=html', json(brief))).text();
    assert.doesNotMatch(html, /<script>window|<img src=x|href="javascript:/);
  });

  test('POST /api/verify returns the stage report; an empty draft is a 400', async () => {
    const report: VerifyReport = {
      schema: 'kora.verify/v1',
      summary: { supported: 0, contradicted: 0, unsupported: 0 },
      claims: [],
    };
    const server = app({ verify: async () => report });
    const res = await server.request('/api/verify', json({ text: 'Tea came by caravan.' }));
    assert.deepEqual(await res.json(), report);
    await expectError(await server.request('/api/verify', json({ text: '  ' })), 400, 'BAD_REQUEST');
  });
});

describe('the rest', () => {
  test('unknown routes are JSON 404s', async () => {
    await expectError(await app().request('/api/nothing'), 404, 'ROUTE_NOT_FOUND');
  });

  test('/api/openapi.json describes every route with schemas from zod', async () => {
    const doc = (await (await app().request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>
      >;
    };
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/brief',
      '/api/jobs/{id}',
      '/api/render',
      '/api/search',
      '/api/sources',
      '/api/sources/{id}',
      '/api/verify',
    ]);
    assert.deepEqual(doc.paths['/api/brief']!.post!.requestBody!.content['application/json']!.schema.required, [
      'topic',
    ]);
  });

  test('the page is served with a strict CSP, no inline script and no CORS headers', async () => {
    const server = app({ assets: await buildWebAssets() });
    const page = await server.request('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
    assert.equal(page.headers.get('access-control-allow-origin'), null);
    const html = await page.text();
    assert.match(html, /<script type="module" src="\/main\.js"><\/script>/);
    assert.doesNotMatch(html.replace(/<script[^>]*src="[^"]+"><\/script>/g, ''), /<script|\son\w+=/i);
    const js = await server.request('/main.js');
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const api = await server.request('/api/sources', { headers: { origin: 'https://evil.example' } });
    assert.equal(api.headers.get('access-control-allow-origin'), null);
  });

  test('the page (JS + CSS) stays under 200 KB gzipped', async () => {
    const { js, css } = await buildWebAssets();
    const gzipped = gzipSync(js).length + gzipSync(css).length;
    assert.ok(gzipped < PAGE_BUDGET_GZIP_BYTES, `${gzipped} bytes`);
  });

  test('cross-site writes and foreign Host names are refused', async () => {
    const crossSite = await app().request('/api/sources', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: upload({ 'x.txt': ARTICLE }),
    });
    await expectError(crossSite, 403, 'FORBIDDEN');
    const rebinding = await app({ allowedHosts: ['127.0.0.1', 'localhost'] }).request(
      'http://evil.example/api/sources',
      {
        headers: { host: 'evil.example' },
      },
    );
    await expectError(rebinding, 403, 'FORBIDDEN');
    const local = await app({ allowedHosts: ['127.0.0.1', 'localhost'] }).request('http://127.0.0.1:4300/api/sources');
    assert.equal(local.status, 200);
  });
});
