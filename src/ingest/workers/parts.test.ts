/**
 * Large JSONL files as line ranges: planning cuts them after line breaks into ranges that cover the file exactly,
 * each knowing its first line, and parsing the ranges gives what one parse of the whole file gives.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/helpers.ts';
import { jsonlInParts, TEST_PART_BYTES } from '../../../test/ingest-fixtures.ts';
import { createError } from '../../core/errors.ts';
import type { ParseTask } from './parse-file.ts';
import { joinParts, lineRanges, splitLargeJsonl } from './parts.ts';
import { type ParseOutcome, parseInOrder } from './pool.ts';

const dir = tempDir('kora-parts-');
const OPTIONS = { textField: 'text', titleField: 'title', idField: 'id', maxBytes: 50 * 1024 * 1024 };

function file(name: string, content: string | Uint8Array): ParseTask {
  const path = join(dir, name);
  writeFileSync(path, content);
  return { path, size: Buffer.byteLength(content) };
}

/** The ranges cover the bytes end to end, each cut right after a "\n", each numbered by the lines before it. */
function assertCovers(tasks: readonly ParseTask[], bytes: Buffer, partBytes: number): void {
  assert.ok(tasks.length > 1, 'several tasks');
  let start = 0;
  for (const [i, { range, size }] of tasks.entries()) {
    assert.ok(range);
    assert.equal(size, bytes.length, 'each task knows its whole file’s size');
    assert.equal(range.start, start, 'ranges follow each other');
    if (start > 0) assert.equal(bytes[start - 1], 0x0a, 'a cut follows a line break');
    assert.equal(range.firstLine, 1 + bytes.subarray(0, start).filter((b) => b === 0x0a).length);
    if (i < tasks.length - 1) assert.ok(range.end - range.start >= partBytes, 'only the last range is short');
    start = range.end;
  }
  assert.equal(start, bytes.length, 'the last range ends the file');
}

test('a large JSONL file is planned as line ranges that cover it exactly, each knowing its first line', async () => {
  const { text } = jsonlInParts();
  const task = file('big.jsonl', text);
  const tasks = await splitLargeJsonl([task], TEST_PART_BYTES, OPTIONS.maxBytes);
  assertCovers(tasks, Buffer.from(text), TEST_PART_BYTES);
  assert.ok(tasks.length >= 5);
});

test('cuts and line numbers stay right across scan blocks, with characters split between blocks', async () => {
  // 3-byte characters on lines of 1,000: some character straddles each 1 MB block boundary of the scan.
  const line = `{"text": "${'€'.repeat(330)}"}\n`;
  const bytes = Buffer.from(line.repeat(3500));
  const task = file('wide.ndjson', bytes);
  const partBytes = 256 * 1024;
  assertCovers(await splitLargeJsonl([task], partBytes, OPTIONS.maxBytes), bytes, partBytes);
  // The same without line breaks near the block boundary: one line longer than a block.
  const long = Buffer.from(`{"text": "a"}\n{"text": "${'€'.repeat(400_000)}"}\n{"text": "b"}\n`);
  const ranges = await lineRanges(file('long.jsonl', long).path, long.length, 14);
  assert.deepEqual(ranges, [
    { start: 0, end: 14, firstLine: 1 },
    { start: 14, end: long.length - 14, firstLine: 2 },
    { start: long.length - 14, end: long.length, firstLine: 3 },
  ]);
});

test('small, capped, other-format, invalid-UTF-8 and missing files stay one task each', async () => {
  const { text } = jsonlInParts();
  const invalid = Buffer.from(text);
  invalid[invalid.length - 100] = 0xff; // in the last range: refused whole, as before, never after a first range
  const files = [
    file('small.jsonl', '{"text": "One record."}\n'),
    file('notes.txt', text),
    file('invalid.jsonl', invalid),
    { path: join(dir, 'gone.jsonl'), size: text.length },
  ];
  assert.deepEqual(await splitLargeJsonl(files, TEST_PART_BYTES, OPTIONS.maxBytes), files);
  const capped = file('capped.jsonl', text);
  assert.deepEqual(await splitLargeJsonl([capped], TEST_PART_BYTES, capped.size - 1), [capped]);
});

test('below 8 KB, ranges grow to 8 KB: the head sniffed for binary bytes stays in the first range', async () => {
  const { text } = jsonlInParts();
  const tasks = await splitLargeJsonl([file('floor.jsonl', text)], 100, OPTIONS.maxBytes);
  assertCovers(tasks, Buffer.from(text), TEST_PART_BYTES);
});

/** What ingestPaths takes from outcomes: every source, and every failure line in order. */
async function ingested(outcomes: AsyncIterable<ParseOutcome>) {
  const sources = [];
  const failed = [];
  for await (const outcome of outcomes) {
    if ('failure' in outcome) failed.push({ path: outcome.task.path, error: outcome.failure });
    else {
      sources.push(...outcome.result.sources);
      failed.push(...outcome.result.failed);
    }
  }
  return { sources, failed };
}

async function parsedBothWays(task: ParseTask) {
  const tasks = await splitLargeJsonl([task], TEST_PART_BYTES, OPTIONS.maxBytes);
  return {
    tasks,
    whole: await ingested(parseInOrder([task], OPTIONS, 1)),
    inParts: await ingested(joinParts(parseInOrder(tasks, OPTIONS, 1))),
  };
}

test('a file parsed in ranges gives the whole file’s sources and failures, with whole-file line numbers', async () => {
  const { text, badLines, blankFrom } = jsonlInParts();
  const task = file('mixed.jsonl', text);
  const { tasks, whole, inParts } = await parsedBothWays(task);
  const second = tasks[1]?.range;
  const firstBad = Buffer.byteLength(
    `${text
      .split('\n')
      .slice(0, badLines[0]! - 1)
      .join('\n')}\n`,
  );
  assert.ok(second && second.start <= firstBad && firstBad < second.end, 'a bad line is in the second range');
  const blankOnly = tasks.find(
    ({ range }) => range && range.start > blankFrom && !text.slice(range.start, range.end).trim(),
  );
  assert.ok(blankOnly, 'a range holds blank lines only');
  assert.deepEqual(inParts, whole);
  // Failures as one parse of the file lists them: bad lines, bad records, then records without words.
  assert.deepEqual(
    whole.failed.map((f) => f.path.slice(task.path.length)),
    [`:${badLines[0]}`, `:${badLines[1]}`, ':34', ':35', `:${badLines[1]! + 1}`, '#wordless'],
  );
  assert.match(whole.failed[1]?.error ?? '', new RegExp(`line ${badLines[1]} is not valid JSON`));
  assert.ok(
    whole.sources.some((s) => s.source.location === `${task.path}#${badLines[1]! + 2}`),
    'keyed by line',
  );
});

test('blank, binary-headed and late-NUL files give in ranges what they give whole: one refusal, or one bad line', async () => {
  const blank = await parsedBothWays(file('blank.jsonl', ' \n\n\t\r\n'.repeat(6000)));
  assert.ok(blank.tasks.length > 1);
  assert.deepEqual(blank.inParts, blank.whole);
  assert.deepEqual(blank.whole, {
    sources: [],
    failed: [{ path: blank.tasks[0]?.path, error: createError('EMPTY', blank.tasks[0]!.path).message }],
  });

  const { text } = jsonlInParts();
  const binary = Buffer.from(text);
  binary[100] = 0;
  const refused = await parsedBothWays(file('binary.jsonl', binary));
  assert.ok(refused.tasks.length > 1);
  assert.deepEqual(refused.inParts, refused.whole);
  assert.deepEqual(refused.whole, {
    sources: [],
    failed: [{ path: refused.tasks[0]?.path, error: createError('BINARY', refused.tasks[0]!.path).message }],
  });

  // Past the sniffed head a NUL is no sign of a binary file: only its line is bad, in one parse as in ranges.
  const late = Buffer.from(text);
  late[Buffer.byteLength(text.slice(0, text.indexOf('Record 40')))] = 0;
  const nul = await parsedBothWays(file('late-nul.jsonl', late));
  assert.deepEqual(nul.inParts, nul.whole);
  assert.equal(nul.whole.failed.length, 7);
});
