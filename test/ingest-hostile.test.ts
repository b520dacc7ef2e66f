/**
 * Hostile inputs in one batch with good ones: each bad input fails with its one-line error, every good input of
 * the same batch is stored. Runs through ingestPaths with a real SQLite store, then once through the real CLI.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { DEFAULT_INGEST_OPTIONS, ingestPaths } from '../src/ingest/index.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import {
  billionLaughsFeed,
  deeplyNestedHtml,
  encryptedPdf,
  sampleDocx,
  threePagePdf,
  zipBomb,
} from './ingest-fixtures.ts';

const GOOD_PAGE = `<!doctype html><html><head><title>Good page</title></head><body><article>
<p>Russia and China deepened their partnership after 2014, when Western sanctions pushed Moscow east.</p>
<p>Trade between the two countries has grown every year since then, led by oil and gas.</p></article></body></html>`;

let dir: string;
let server: Server;
let base: string;
const MAX_BYTES = 2_000_000; // above deep.html (1.1 MB), below /big

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kora-hostile-'));
  const pdf = await threePagePdf();
  const files: Record<string, string | Uint8Array> = {
    'good.txt': 'Good notes\n\nThe steppe is wide and the winters are long.',
    'good.pdf': pdf,
    'good.docx': await sampleDocx(),
    'corrupt.pdf': pdf.slice(0, 200),
    'secret.pdf': encryptedPdf(),
    'bomb.docx': zipBomb(),
    'lol.rss': billionLaughsFeed(),
    'malformed.rss': '<rss><channel><item><title>x</title>\n</channel></rss>',
    'deep.html': deeplyNestedHtml(),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  server = createServer((req, res) => {
    switch (req.url) {
      case '/good':
        res.writeHead(200, { 'content-type': 'text/html' }).end(GOOD_PAGE);
        return;
      case '/missing':
        res.writeHead(404).end();
        return;
      case '/broken':
        res.writeHead(500).end();
        return;
      case '/hang':
        return; // never answers
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' }).end('z'.repeat(MAX_BYTES + 1));
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop2' }).end();
        return;
      case '/loop2':
        res.writeHead(302, { location: '/loop' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const EXPECTED_FAILURES = (d: string, b: string): Record<string, string | RegExp> => ({
  [join(d, 'bomb.docx')]:
    `cannot ingest "${join(d, 'bomb.docx')}": it would unpack to 4294967294 bytes, over the 209715200-byte cap; is it a zip bomb?`,
  [join(d, 'corrupt.pdf')]: new RegExp(
    `^cannot read "${join(d, 'corrupt.pdf')}": it is not a readable PDF \\(.+\\); is it truncated or damaged\\?$`,
  ),
  [join(d, 'deep.html')]:
    `cannot ingest "${join(d, 'deep.html')}": elements are nested more than 2000 deep; is this a real page?`,
  [join(d, 'malformed.rss')]: new RegExp(`^cannot ingest "${join(d, 'malformed.rss')}": malformed XML at line 2: `),
  [join(d, 'secret.pdf')]:
    `cannot read "${join(d, 'secret.pdf')}": file is encrypted; export it without a password and ingest again`,
  [`${b}/missing`]: `cannot fetch "${b}/missing": HTTP 404 Not Found`,
  [`${b}/broken`]: `cannot fetch "${b}/broken": HTTP 500 Internal Server Error`,
  [`${b}/hang`]: `cannot fetch "${b}/hang": no answer within 0.5 s (timed out); try again later`,
  [`${b}/big`]: `cannot fetch "${b}/big": the response passed the ${MAX_BYTES}-byte cap while downloading; raise it with --max-bytes`,
  [`${b}/loop`]: `cannot fetch "${b}/loop": redirect loop (${b}/loop → ${b}/loop2 → ${b}/loop)`,
});

const URLS = ['/good', '/missing', '/broken', '/hang', '/big', '/loop'];

test('hostile batch: each bad input fails with its one-line error; the good ones are stored', async () => {
  const store = new SqliteStore(join(dir, 'library.db'));
  try {
    const summary = await ingestPaths([dir, ...URLS.map((u) => base + u)], store, {
      ...DEFAULT_INGEST_OPTIONS,
      maxBytes: MAX_BYTES,
      fetch: { timeoutMs: 500 },
    });
    const expected = EXPECTED_FAILURES(dir, base);
    assert.deepEqual(summary.failed.map((f) => f.path).sort(), Object.keys(expected).sort());
    for (const failure of summary.failed) {
      const want = expected[failure.path];
      if (want instanceof RegExp) assert.match(failure.error, want);
      else assert.equal(failure.error, want);
      assert.ok(!failure.error.includes('\n'), 'one line');
    }
    const sources = await store.listSources();
    const locations = sources.map((s) => s.location).sort();
    assert.deepEqual(
      locations,
      [
        `${base}/good`,
        join(dir, 'good.docx'),
        join(dir, 'good.pdf'),
        join(dir, 'good.txt'),
        `${join(dir, 'lol.rss')}#https://l/1`,
      ].sort(),
    );
    assert.equal(summary.ingested, 5);
    // billion laughs: stored, but the entity reference stays literal (nothing was expanded)
    const lol = sources.find((s) => s.location.endsWith('lol.rss#https://l/1'));
    const stored = lol ? await store.getSource(lol.id) : undefined;
    assert.equal(stored?.text, 'Laugh &lol8; here.');
    const pdf = sources.find((s) => s.location.endsWith('good.pdf'));
    const pdfSource = pdf ? await store.getSource(pdf.id) : undefined;
    assert.deepEqual(
      pdfSource?.passages.map((p) => p.page),
      [1, 1, 2, 3], // page 1 holds two one-line paragraphs
    );
  } finally {
    await store.close();
  }
});

test('CLI: `kora ingest … --json` stores the good inputs, names each failure on stderr and exits 1', async () => {
  const db = join(dir, 'cli.db');
  const args = [
    'bin/kora.js',
    'ingest',
    join(dir, 'good.txt'),
    join(dir, 'good.pdf'),
    join(dir, 'secret.pdf'),
    join(dir, 'bomb.docx'),
    `${base}/good`,
    `${base}/missing`,
    `${base}/hang`,
    '--timeout',
    '1',
    '--db',
    db,
    '--json',
  ];
  const run = promisify(execFile);
  const result = await run(process.execPath, args, { cwd: join(import.meta.dirname, '..') }).then(
    (r) => ({ ...r, code: 0 }),
    (e: { stdout: string; stderr: string; code: number }) => e,
  );
  assert.equal(result.code, 1, result.stderr);
  const summary = JSON.parse(result.stdout) as { ingested: number; failed: { path: string; error: string }[] };
  assert.equal(summary.ingested, 3);
  assert.deepEqual(
    summary.failed.map((f) => f.path).sort(),
    [`${base}/missing`, `${base}/hang`, join(dir, 'bomb.docx'), join(dir, 'secret.pdf')].sort(),
  );
  assert.match(result.stderr, /kora: cannot read ".*secret\.pdf": file is encrypted; export it without a password/);
  assert.match(result.stderr, new RegExp(`kora: cannot fetch "${base}/missing": HTTP 404 Not Found`));
  assert.match(result.stderr, new RegExp(`kora: cannot fetch "${base}/hang": no answer within 1 s \\(timed out\\)`));
});
