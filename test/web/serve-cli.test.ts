/** `kora serve` as a process: loopback by default, the page over real HTTP, and a clear error on a busy port. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.ts';
import { type Served, startServer } from './harness.ts';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

describe('kora serve', () => {
  let server: Served;
  let dir: string;
  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), 'kora-serve-cli-'));
  });
  after(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('binds 127.0.0.1 by default and serves the page with its CSP', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    const js = await fetch(`${server.url}/main.js`);
    assert.ok((await js.text()).length > 1000);
  });

  test('a busy port exits with status 2 and says what to do', () => {
    const port = new URL(server.url).port;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', MAIN, 'serve', '--db', join(dir, 'x.db'), '--port', port],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      new RegExp(`kora: cannot serve: port ${port} on 127\\.0\\.0\\.1 is in use; pick another with --port`),
    );
  });
});
