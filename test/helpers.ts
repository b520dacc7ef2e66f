/** Test helpers: temporary folders and libraries, and running the real CLI. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

export const ROOT = new URL('..', import.meta.url).pathname;
export const SHARED = join(ROOT, '..', 'shared');
export const CORPORA = join(SHARED, 'data', 'corpora');
export const SEEDS = join(SHARED, 'seeds');
export const hasShared = existsSync(CORPORA) && existsSync(SEEDS);
export const SKIP_NO_SHARED = hasShared ? false : 'needs ../shared/data (absent here)';

/** A temporary folder removed after the test file finishes. */
export function tempDir(prefix = 'kora-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `kora …` as a user would (bin/kora.js), with CI set so no progress bar is drawn. */
export function kora(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'kora.js'), ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, CI: 'true', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
