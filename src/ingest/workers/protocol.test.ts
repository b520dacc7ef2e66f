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
  const file = { sources: [prepared], failed: [{ path: 'notes/bad.json', error: 'cannot ingest "notes/bad.json"' }] };
  assert.ok(
    prepared.source.sentences.some((s) => s.boilerplate) && prepared.source.sentences.some((s) => s.kind === 'item'),
  );
  const { packed, transfer } = packFile(file);
  const received = structuredClone(packed, { transfer }); // as postMessage delivers it
  assert.deepEqual(unpackFile(received), file);
});
