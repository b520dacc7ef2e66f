/**
 * Browser-test plumbing: a real `kora serve` child process on 127.0.0.1 with a temp library, and Debian
 * chromium driven by playwright-core. Tests skip (with a message) when /usr/bin/chromium is missing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Reason to skip browser tests, or undefined when they can run. */
export const NO_BROWSER = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} is missing; install it with \`apt-get install -y chromium\` to run the browser tests`;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Screenshots land here (gitignored). */
export const OUTPUT_DIR = join(ROOT, 'test-output');
/** How long the server may take to start (it bundles the page first), in milliseconds. */
const START_TIMEOUT_MS = 30_000;

export interface Served {
  readonly url: string;
  readonly db: string;
  stop(): Promise<void>;
}

/** Starts `kora serve --port 0` on a library (a fresh temp one by default) and waits for its URL. */
export async function startServer(db?: string): Promise<Served> {
  const dir = db ? undefined : await mkdtemp(join(tmpdir(), 'kora-web-'));
  const library = db ?? join(dir!, 'library.db');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'serve', '--db', library, '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kora serve did not start:\n${stderr}`)), START_TIMEOUT_MS);
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const match = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`kora serve exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    db: library,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Launches chromium with no background traffic. Playwright's launch() always starts a fresh temporary
 * profile (it refuses --user-data-dir), which is the isolation we want.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A page that records dialogs and uncaught errors, so tests can assert nothing ran. */
export async function watchedPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, dialogs, errors };
}

/** Saves a screenshot under test-output/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, name);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Uploads files through the file chooser and waits for the ingest job to report. */
export async function uploadThroughPage(page: Page, paths: readonly string[]): Promise<string> {
  await page.setInputFiles('#file-input', [...paths]);
  await page.waitForFunction(
    () => /^Added \d+/.test(document.querySelector('#ingest-message')?.textContent ?? ''),
    undefined,
    {
      timeout: 60_000,
    },
  );
  return (await page.textContent('#ingest-message')) ?? '';
}
