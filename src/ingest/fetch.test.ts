import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { DEFAULT_FETCH_OPTIONS, type FetchOptions, fetchUrl, HostLimiter, KORA_USER_AGENT } from './fetch.ts';
import { DEFAULT_READ_OPTIONS } from './readers/reader.ts';
import { readUrls, sniffKind } from './urls.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const PAGE = `<!doctype html><html lang="en"><head><title>Steppe page</title></head><body><main><article>
<h1>Steppe page</h1><p>Central Asia is where the influence of China and Russia meets, and the balance is shifting.</p>
<p>Trade routes through Kazakhstan carry more Chinese goods every year, while Russian security ties remain.</p>
</article></main></body></html>`;
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
<item><title>One</title><link>https://f.example/1</link><guid>f1</guid><description>First item text.</description></item>
<item><title>Two</title><link>https://f.example/2</link><guid>f2</guid><description>Second item text.</description></item>
</channel></rss>`;

let server: Server;
let base: string;
let inFlight = 0;
let maxInFlight = 0;
const seenAgents: string[] = [];

const routes: Record<string, Handler> = {
  '/page': (_q, r) => r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
  '/untyped': (_q, r) => r.writeHead(200, { 'content-type': 'application/octet-stream' }).end(PAGE),
  '/feed': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED),
  '/feed-as-text': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(FEED),
  '/latin': (_q, r) =>
    r
      .writeHead(200, { 'content-type': 'text/plain; charset=windows-1252' })
      .end(Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e.', 'latin1')),
  '/notes': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('Plain notes.\n\nA second paragraph.'),
  '/data': (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":"a","text":"JSON text."}]'),
  '/image': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  '/missing': (_q, r) => r.writeHead(404).end('nope'),
  '/broken': (_q, r) => r.writeHead(500).end('oops'),
  '/hang': () => {}, // never answers
  '/big': (_q, r) =>
    r.writeHead(200, { 'content-type': 'text/plain', 'content-length': '100000' }).end('x'.repeat(100000)),
  '/stream': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/plain' }); // chunked: no Content-Length to refuse up front
    for (let i = 0; i < 100; i++) r.write('y'.repeat(1000));
    r.end();
  },
  '/to-file': (_q, r) => r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/loop-a': (_q, r) => r.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_q, r) => r.writeHead(302, { location: '/loop-a' }).end(),
  '/moved': (_q, r) => r.writeHead(301, { location: '/page' }).end(),
  '/slow': (_q, r) => setTimeout(() => r.writeHead(200, { 'content-type': 'text/plain' }).end('Slow but fine.'), 50),
  '/sitemap.xml': (_q, r) =>
    r
      .writeHead(200, { 'content-type': 'application/xml' })
      .end(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/page</loc></url><url><loc>${base}/notes</loc></url><url><loc>${base}/missing</loc></url></urlset>`,
      ),
};

before(async () => {
  server = createServer((req, res) => {
    seenAgents.push(req.headers['user-agent'] ?? '');
    const path = (req.url ?? '/').replace(/\?.*$/, '');
    const redirectChain = /^\/hop(\d+)$/.exec(path);
    if (redirectChain) {
      const n = Number(redirectChain[1]);
      res.writeHead(302, { location: n > 0 ? `/hop${n - 1}` : '/notes' }).end();
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    (routes[path] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

/** Short timeout so the hanging route fails fast. */
const FAST: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, timeoutMs: 300 };
const CAP = 50_000;

test('fetchUrl: sends the Kora User-Agent and follows a redirect to the final URL', async () => {
  const fetched = await fetchUrl(`${base}/moved`, CAP, FAST);
  assert.equal(fetched.url, `${base}/page`);
  assert.match(fetched.contentType, /text\/html/);
  assert.equal(seenAgents.at(-1), KORA_USER_AGENT);
});

test('fetchUrl: HTTP errors, timeout, size caps and redirect loops are one-line errors', async () => {
  const cases: [string, string | RegExp][] = [
    ['/missing', `cannot fetch "${base}/missing": HTTP 404 Not Found`],
    ['/broken', `cannot fetch "${base}/broken": HTTP 500 Internal Server Error`],
    ['/hang', `cannot fetch "${base}/hang": no answer within 0.3 s (timed out); try again later`],
    ['/big', `cannot ingest "${base}/big": 100000 bytes is over the 50000-byte cap; raise it with --max-bytes`],
    [
      '/stream',
      `cannot fetch "${base}/stream": the response passed the 50000-byte cap while downloading; raise it with --max-bytes`,
    ],
    ['/loop-a', `cannot fetch "${base}/loop-a": redirect loop (${base}/loop-a → ${base}/loop-b → ${base}/loop-a)`],
    ['/hop9', `cannot fetch "${base}/hop9": more than 5 redirects`],
    ['/to-file', `cannot fetch "${base}/to-file": redirected to "file:///etc/passwd", which is not an http(s) address`],
  ];
  await assert.rejects(fetchUrl('http://exa mple.org/', CAP, FAST), {
    message: 'cannot fetch "http://exa mple.org/": it is not a valid URL; check for spaces or typos',
  });
  for (const [path, message] of cases) {
    await assert.rejects(fetchUrl(`${base}${path}`, CAP, FAST), { message }, path);
  }
  assert.equal((await fetchUrl(`${base}/hop3`, CAP, FAST)).url, `${base}/notes`);
});

test('HostLimiter: at most N requests to one host at once', async () => {
  maxInFlight = 0;
  const limiter = new HostLimiter(2);
  const options = { ...FAST, timeoutMs: 5000 };
  await Promise.all(Array.from({ length: 6 }, () => fetchUrl(`${base}/slow`, CAP, options, limiter)));
  assert.equal(maxInFlight, 2);
});

test('sniffKind: Content-Type first, then the bytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  assert.equal(sniffKind('text/html; charset=utf-8', bytes('whatever')), 'html');
  assert.equal(sniffKind('application/atom+xml', bytes('<feed/>')), 'xml');
  assert.equal(sniffKind('application/x-rss+xml', bytes('<rss/>')), 'xml');
  assert.equal(sniffKind('application/pdf', bytes('')), 'pdf');
  assert.equal(sniffKind('application/octet-stream', bytes('%PDF-1.7')), 'pdf');
  assert.equal(sniffKind('', new Uint8Array([0x50, 0x4b, 3, 4])), 'docx');
  assert.equal(sniffKind('text/plain', bytes('<?xml version="1.0"?><rss/>')), 'xml');
  assert.equal(sniffKind('text/plain', bytes('{"a":1}')), 'text');
  assert.equal(sniffKind('', bytes('{"a":1}')), 'json');
  assert.equal(sniffKind('', bytes('<!DOCTYPE html><p>x')), 'html');
  assert.equal(sniffKind('image/png', bytes('')), undefined);
});

test('readUrls: pages, feeds (expanded to items), sitemaps and failures, in input order', async () => {
  const outcomes = await readUrls(
    [`${base}/page`, `${base}/feed`, `${base}/feed-as-text`, `${base}/image`, `${base}/sitemap.xml`, `${base}/data`],
    CAP,
    DEFAULT_READ_OPTIONS,
    FAST,
  );
  const summary = outcomes.map((o) =>
    'error' in o ? ['error', o.url, o.error] : ['ok', o.url, o.result.documents.map((d) => d.location)],
  );
  assert.deepEqual(summary, [
    ['ok', `${base}/page`, [`${base}/page`]],
    ['ok', `${base}/feed`, [`${base}/feed#f1`, `${base}/feed#f2`]],
    ['ok', `${base}/feed-as-text`, [`${base}/feed-as-text#f1`, `${base}/feed-as-text#f2`]],
    [
      'error',
      `${base}/image`,
      `cannot fetch "${base}/image": unsupported content type "image/png" (Kora reads web pages, feeds, PDF, DOCX, text and JSON)`,
    ],
    ['ok', `${base}/page`, [`${base}/page`]],
    ['ok', `${base}/notes`, [`${base}/notes`]],
    ['error', `${base}/missing`, `cannot fetch "${base}/missing": HTTP 404 Not Found`],
    ['ok', `${base}/data`, [`${base}/data#a`]],
  ]);
  const page = outcomes[0] && 'result' in outcomes[0] ? outcomes[0].result.documents[0] : undefined;
  assert.equal(page?.title, 'Steppe page');
  assert.equal(page?.url, `${base}/page`);
  assert.match(page?.text ?? '', /^Central Asia is where/m);
  const item = outcomes[1] && 'result' in outcomes[1] ? outcomes[1].result.documents[0] : undefined;
  assert.equal(item?.url, 'https://f.example/1');
});

test('readUrls: a sitemap longer than the cap is cut, with a warning', async () => {
  const outcomes = await readUrls([`${base}/sitemap.xml`], CAP, DEFAULT_READ_OPTIONS, { ...FAST, maxSitemapUrls: 1 });
  assert.equal(outcomes.length, 2);
  const warning = outcomes[0] && 'result' in outcomes[0] ? outcomes[0].result.diagnostics[0]?.message : undefined;
  assert.equal(warning, 'sitemap lists 3 URLs; only the first 1 were fetched');
  assert.equal(outcomes[1]?.url, `${base}/page`);
});

test('readUrls: a body in another charset is re-encoded as UTF-8', async () => {
  const [outcome] = await readUrls([`${base}/latin`], CAP, DEFAULT_READ_OPTIONS, FAST);
  const text = outcome && 'result' in outcome ? outcome.result.documents[0]?.text : undefined;
  assert.equal(text, 'Café crème brûlée.');
});
