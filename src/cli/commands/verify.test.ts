/** The real `kora verify` on a tiny library: stdin, formats, --out and the --fail-on exit codes. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { kora, tempDir } from '../../../test/helpers.ts';

const dir = tempDir('kora-verify-cli-');
const db = join(dir, 'library.db');
const SOURCE = [
  'Kazakhstan joined the World Trade Organization in 2015 after nineteen years of talks.',
  'Mongolia held its first democratic elections in 1990, after the end of one-party rule.',
  'The Caspian pipeline carries oil from Kazakhstan to the Black Sea port of Novorossiysk.',
].join(' ');
const SUPPORTED = 'Mongolia held its first democratic elections in 1990, after the end of one-party rule.';
const CONTRADICTED = 'Kazakhstan did not join the World Trade Organization in 2015 after nineteen years of talks.';
const UNSUPPORTED = 'Tibet exports most of its timber to Russia every year.';

before(() => {
  writeFileSync(join(dir, 'notes.txt'), SOURCE);
  const ingest = kora(['ingest', join(dir, 'notes.txt'), '--db', db]);
  assert.equal(ingest.status, 0, ingest.stderr);
});

test('stdin draft, JSON report in the kora.verify/v1 shape', () => {
  const draft = `# Draft\n\n${SUPPORTED} ${CONTRADICTED}\n\n- ${UNSUPPORTED}\n`;
  const result = kora(['verify', '-', '--db', db, '--format', 'json'], { input: draft });
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.schema, 'kora.verify/v1');
  assert.deepEqual(report.summary, { supported: 1, contradicted: 1, unsupported: 1 });
  assert.deepEqual(
    report.claims.map((c: { label: string }) => c.label),
    ['supported', 'contradicted', 'unsupported'],
  );
  const first = report.claims[0];
  assert.deepEqual(Object.keys(first), ['text', 'start', 'end', 'label', 'score', 'evidence']);
  assert.equal(draft.slice(first.start, first.end), SUPPORTED);
  assert.deepEqual(Object.keys(first.evidence[0]), ['sourceId', 'start', 'end', 'quote']);
  assert.equal(first.evidence[0].quote, SUPPORTED);
});

test('--fail-on: contradicted fails only on a contradiction, unsupported on anything not supported', () => {
  const run = (draft: string, failOn: string) =>
    kora(['verify', '-', '--db', db, '--format', 'json', '--fail-on', failOn], { input: draft }).status;
  assert.equal(run(SUPPORTED, 'unsupported'), 0);
  assert.equal(run(`${SUPPORTED} ${UNSUPPORTED}`, 'contradicted'), 0);
  assert.equal(run(`${SUPPORTED} ${UNSUPPORTED}`, 'unsupported'), 1);
  assert.equal(run(`${SUPPORTED} ${CONTRADICTED}`, 'contradicted'), 1);
  assert.equal(run(SUPPORTED, 'maybe'), 2, 'a bad --fail-on value is a usage error');
});

test('Markdown to stdout and HTML to --out; a missing draft is named', () => {
  const draftFile = join(dir, 'draft.md');
  writeFileSync(draftFile, `${SUPPORTED}\n`);
  const md = kora(['verify', draftFile, '--db', db]);
  assert.equal(md.status, 0, md.stderr);
  assert.match(md.stdout, /✅ supported/);
  const out = join(dir, 'report.html');
  assert.equal(kora(['verify', draftFile, '--db', db, '--format', 'html', '--out', out]).status, 0);
  assert.match(readFileSync(out, 'utf8'), /^<!doctype html>[\s\S]*class="claim supported"/);
  const missing = kora(['verify', join(dir, 'nope.md'), '--db', db]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /nope\.md/);
});
