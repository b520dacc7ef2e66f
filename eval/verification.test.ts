import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from './verification.ts';

test('verification eval reports balanced accuracy overall and per dataset, with the fixed threshold', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kora-verification-'));
  try {
    const file = join(dir, 'rows.jsonl');
    const doc = 'The Leeds plant opened in 1998. It employs 1,200 people.';
    const rows = [
      { claim: 'The Leeds plant opened in 1998.', doc, label: 1, dataset: 'a' },
      { claim: 'The plant makes submarines in Peru.', doc, label: 0, dataset: 'a' },
      { claim: 'It employs 1,200 people.', document: doc, label: 1, dataset: 'b' },
      { claim: 'It employs 1,200 people.', document: doc, label: 0, dataset: 'b' },
    ];
    writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const result = (await run([file])) as Record<string, unknown>;
    assert.deepEqual(result, { balancedAccuracy: 0.75, threshold: 0.5, claims: 4, perDataset: { a: 1, b: 0.5 } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
