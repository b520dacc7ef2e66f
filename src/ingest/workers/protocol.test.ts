import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareSource } from '../prepare.ts';
import { fingerprint } from './parse-file.ts';
import { packFile, unpackFile } from './protocol.ts';

test('a parsed file packed for another thread comes back equal', () => {
  const text =
    '# Steppe trade\n\nKazakhstan exports grain to China. Join our mailing list for updates.\n\n' +
    '- Rail links grow\n- Pipelines too\n\nUzbekistan’s new railway opened in 2024.';
  const prepared = fingerprint(
    prepareSource({ location: 'notes/steppe.md', title: 'Steppe', format: 'markdown', text }),
  );
  const file = {
    sources: [prepared],
    failed: [{ path: 'notes/bad.jsonl:3', error: 'cannot ingest "notes/bad.jsonl:3"' }],
    failedKinds: { badLines: 1, badRecords: 0 }, // a line range's (workers/parts.ts)
  };
  assert.ok(
    prepared.source.sentences.some((s) => s.boilerplate) && prepared.source.sentences.some((s) => s.kind === 'item'),
  );
  const { packed, transfer } = packFile(file);
  const received = structuredClone(packed, { transfer }); // as postMessage delivers it
  assert.deepEqual(unpackFile(received), file);
});
