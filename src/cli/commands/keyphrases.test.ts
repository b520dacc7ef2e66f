import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { kora, tempDir } from '../../../test/helpers.ts';

const NOTE = `# Gas pipelines in Central Asia

The Central Asia gas pipeline carries natural gas from Turkmenistan to China. Gas exports through the pipeline
grew every year, and China buys most of the gas.
`;

describe('kora keyphrases', () => {
  const dir = tempDir();
  const file = join(dir, 'note.md');
  writeFileSync(file, NOTE);

  test('prints one phrase and its score per line, best first, --k of them', () => {
    const result = kora(['keyphrases', file, '--k', '3']);
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 3);
    const [phrase, score] = lines[0]!.split('\t');
    assert.match(phrase!, /gas/);
    assert.ok(Number(score) > 0);
  });

  test('--json prints [{phrase, score}] and reads a stored source by id', () => {
    const db = join(dir, 'lib.db');
    assert.equal(kora(['ingest', file, '--db', db]).status, 0);
    const sources = JSON.parse(kora(['sources', '--db', db, '--json']).stdout) as { id: string }[];
    const fromStore = kora(['keyphrases', sources[0]!.id, '--db', db, '--json']);
    assert.equal(fromStore.status, 0, fromStore.stderr);
    const phrases = JSON.parse(fromStore.stdout) as { phrase: string; score: number }[];
    assert.ok(phrases.length > 0 && phrases.every((p) => typeof p.phrase === 'string' && p.score > 0));
    // The file and its stored copy have the same text, so the same keyphrases.
    assert.deepEqual(phrases, JSON.parse(kora(['keyphrases', file, '--json']).stdout));
  });

  test('an unknown id is a usage error that says how to list sources', () => {
    const result = kora(['keyphrases', 'no-such-source', '--db', join(dir, 'lib.db')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no source with id "no-such-source"/);
  });
});
