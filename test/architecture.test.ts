/**
 * Dependencies flow one way: cli | server → index → brief | verify → analyze → store → ingest → core
 * (render sits beside brief/verify and imports only core). Checked on the import statements of every file;
 * `import type` is exempt: ingest writes through the Store interface's type without loading any store code.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers.ts';

/** What each stage may import (besides itself and third-party packages). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  ingest: ['core'],
  store: ['core', 'ingest'],
  analyze: ['core', 'store', 'ingest'],
  render: ['core'],
  verify: ['core', 'store', 'analyze', 'ingest'],
  brief: ['core', 'store', 'analyze', 'ingest', 'verify'],
  'index.ts': ['core', 'ingest', 'store', 'analyze', 'brief', 'verify', 'render'],
  cli: ['core', 'ingest', 'store', 'analyze', 'brief', 'verify', 'render', 'server', 'index.ts'],
  server: ['core', 'ingest', 'store', 'analyze', 'brief', 'verify', 'render', 'index.ts'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory()
      ? files(path)
      : path.endsWith('.ts') && !path.endsWith('.test.ts')
        ? [path]
        : [];
  });
}

test('no stage imports a stage downstream of it', () => {
  const src = join(ROOT, 'src');
  const violations: string[] = [];
  for (const file of files(src)) {
    const stage = relative(src, file).split('/')[0] as string;
    const allowed = ALLOWED[stage];
    assert.ok(allowed, `unknown stage folder ${stage}`);
    for (const match of readFileSync(file, 'utf8').matchAll(
      /(?:import(?! type)|export(?! type))[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g,
    )) {
      const target = relative(src, join(file, '..', match[1] ?? match[2] ?? '')).split('/')[0] as string;
      if (target !== stage && !allowed.includes(target)) violations.push(`${relative(ROOT, file)} imports ${target}`);
    }
  }
  assert.deepEqual(violations, []);
});
