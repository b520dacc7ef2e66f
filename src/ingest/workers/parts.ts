/**
 * Large JSONL files as several parse tasks, so that all parse threads work on one big file at once (with one task
 * per file, a 7 MB JSONL file kept one thread busy while the other idled). Planning cuts such a file into line
 * ranges (ParseTask.range); joinParts turns the ranges' outcomes into what one parse of the whole file gives.
 *
 * Planning reads each such file once, a block at a time: a range's records are keyed by their line number in the
 * whole file, and only counting every line break before a cut tells it. The same pass checks that the bytes are
 * UTF-8 (isUtf8 took 0.3 ms on 7 MB where a streaming TextDecoder took 54 ms): a file that is not stays one task,
 * so it is refused whole as before, never after some of its ranges were stored.
 */
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { createError } from '../../core/errors.ts';
import { SNIFF_BYTES } from '../readers/decode.ts';
import { readerFor } from '../readers/index.ts';
import { jsonlReader } from '../readers/records.ts';
import { endsFile, type LineRange, type ParsedFile, type ParseFailure, type ParseTask } from './parse-file.ts';
import type { ParseOutcome } from './pool.ts';

/**
 * Bytes per range, about (a range ends at the first line break past this size); default 1 MB. The bench's
 * 1 M-sentence library is 1 MB JSONL files and ingests 1.98× faster on 2 threads than on 1, so tasks this size keep
 * two threads busy. A range takes about 0.2 CPU-s to parse (the 7.2 MB UN debates file: 1.4 s), so its fixed costs
 * (an open, a read, a message each way: under a millisecond) stay below 1 %, while the writer waits at most that
 * long for a big file's first sources and the threads end a file at most that far apart; at 4 MB it would be 0.8 s.
 */
export const DEFAULT_PART_BYTES = 1024 * 1024;

/** Bytes read at a time while planning scans a file for line breaks. */
const SCAN_BLOCK_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;

/**
 * The parse tasks for planned files: a JSONL file larger than `partBytes` as its line ranges, any other file
 * whole. So is a JSONL file the size cap refuses, or one that cannot be read or is not UTF-8: it is refused whole.
 */
export async function splitLargeJsonl(
  files: readonly ParseTask[],
  partBytes: number,
  maxBytes: number,
): Promise<ParseTask[]> {
  // Only the first range is sniffed for binary bytes (decode.ts), so it must hold the whole head that is sniffed.
  const least = Math.max(partBytes, SNIFF_BYTES);
  const tasks: ParseTask[] = [];
  for (const file of files) {
    const splittable = file.size > least && file.size <= maxBytes && readerFor(file.path) === jsonlReader;
    // A file that cannot be read now is parsed whole, to be refused with the reason, as any other.
    const ranges = splittable ? await lineRanges(file.path, file.size, least).catch(() => undefined) : undefined;
    if (ranges && ranges.length > 1) tasks.push(...ranges.map((range) => ({ ...file, range })));
    else tasks.push(file);
  }
  return tasks;
}

/**
 * Consecutive line ranges of at least `partBytes` (the last may be shorter) covering the file's `size` bytes, or
 * undefined when the file is not UTF-8 or is shorter than `size` (it changed since planning's stat).
 */
export async function lineRanges(path: string, size: number, partBytes: number): Promise<LineRange[] | undefined> {
  const ranges: LineRange[] = [];
  let start = 0;
  let firstLine = 1;
  let line = 1; // the number of the line the next byte scanned is in
  const handle = await open(path, 'r');
  try {
    const block = Buffer.allocUnsafe(Math.min(SCAN_BLOCK_BYTES, size));
    for (let offset = 0; offset < size; ) {
      const wanted = Math.min(block.length, size - offset);
      const { bytesRead } = await handle.read(block, 0, wanted, offset);
      if (bytesRead < wanted) return undefined;
      // Up to the block's last character start, so that no character is split between two checks; the bytes
      // after it are read again with the next block.
      const bytes = block.subarray(0, offset + wanted === size ? wanted : lastCharacterStart(block));
      if (!isUtf8(bytes)) return undefined;
      for (let i = bytes.indexOf(NEWLINE); i !== -1; i = bytes.indexOf(NEWLINE, i + 1)) {
        line++;
        const end = offset + i + 1;
        if (end - start >= partBytes && end < size) {
          ranges.push({ start, end, firstLine });
          start = end;
          firstLine = line;
        }
      }
      offset += bytes.length;
    }
  } finally {
    await handle.close();
  }
  ranges.push({ start, end: size, firstLine });
  return ranges;
}

/** Where the last character of a full block starts: the sequence from there on may end in the next block. */
function lastCharacterStart(bytes: Uint8Array): number {
  // A character is one byte that is not 0b10xxxxxx, then at most three that are.
  for (let i = bytes.length - 1; i >= bytes.length - 4; i--) if ((bytes[i]! & 0xc0) !== 0x80) return i;
  return bytes.length; // four continuation bytes in a row: invalid whatever follows
}

/** What a split file's ranges leave for its last one: their failures of each kind, or the file's refusal. */
interface Held {
  readonly badLines: ParseFailure[][];
  readonly badRecords: ParseFailure[][];
  readonly emptyRecords: ParseFailure[][];
  /** True once a range held a record or a bad line (blank lines are neither). */
  found: boolean;
  refusal?: string;
}

const holdNothing = (): Held => ({ badLines: [], badRecords: [], emptyRecords: [], found: false });

/**
 * Outcomes as one parse of each whole file gives them. A range's sources pass at once, so the writer stores a big
 * file's first range while later ones parse. Its failures wait for the file's last range, to be listed kind by
 * kind as the whole file lists them (ParsedFile.failedKinds); a file none of whose ranges held anything is refused
 * there, once, as EMPTY. A range refused on its own (the file changed since planning) refuses the rest of its file.
 */
export async function* joinParts(outcomes: AsyncIterable<ParseOutcome>): AsyncGenerator<ParseOutcome> {
  let held = holdNothing();
  for await (const outcome of outcomes) {
    const { task } = outcome;
    if (!task.range) {
      yield outcome;
      continue;
    }
    if (task.range.start === 0) held = holdNothing();
    if ('failure' in outcome) held.refusal ??= outcome.failure;
    const sources = held.refusal === undefined && 'result' in outcome ? hold(held, outcome.result) : [];
    if (!endsFile(task)) yield { task, result: { sources, failed: [] } };
    else if (held.refusal !== undefined) yield { task, failure: held.refusal };
    else if (!held.found) yield { task, failure: createError('EMPTY', task.path).message };
    else {
      const failed = [...held.badLines.flat(), ...held.badRecords.flat(), ...held.emptyRecords.flat()];
      yield { task, result: { sources, failed } };
    }
  }
}

/** Keeps a range's failures by kind, and gives back its sources. */
function hold(held: Held, { sources, failed, failedKinds }: ParsedFile): ParsedFile['sources'] {
  const { badLines = 0, badRecords = 0 } = failedKinds ?? {};
  held.badLines.push(failed.slice(0, badLines));
  held.badRecords.push(failed.slice(badLines, badLines + badRecords));
  held.emptyRecords.push(failed.slice(badLines + badRecords));
  held.found ||= sources.length > 0 || failed.length > 0;
  return sources;
}
