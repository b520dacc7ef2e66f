/**
 * Parses files on worker threads and hands the results back in input order, so that what is stored (and the
 * row ids it gets) is identical whatever the thread count. `workers: 1` parses in-process (for debugging).
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isKoraError } from '../../core/errors.ts';
import { sha256 } from '../../core/hash.ts';
import { TaskCursor } from './cursor.ts';
import { type ParsedFile, type ParseOptions, type ParseTask, parseFile, taskBytes } from './parse-file.ts';
import { unpackFile, type WorkerReply, type WorkerStart } from './protocol.ts';

/** The outcome for one task: parsed, or a message saying why the whole input was unusable. */
export type ParseOutcome =
  | { readonly task: ParseTask; readonly result: ParsedFile }
  | { readonly task: ParseTask; readonly failure: string };

/**
 * Tasks claimed or parsed but not yet consumed, per parse thread, and their input bytes in all: parsing runs this
 * far ahead of the writer, so that one slow file (a long PDF) leaves no thread idle, while memory stays bounded
 * when the store is the bottleneck. A window of 6 left the parse threads idle a tenth of the time.
 */
const WINDOW_PER_THREAD = 24;
const WINDOW_BYTES = 64 * 1024 * 1024;

/** Fallback worker entry: registers tsx in the worker, then loads worker.ts (≈0.6 CPU-s more per worker). */
const TSX_ENTRY = new URL('./entry.mjs', import.meta.url);
/** Where the bundled worker is cached: inside the package, so its bare imports resolve to our node_modules. */
const BUNDLE_DIR = new URL('../../../node_modules/.cache/kora/', import.meta.url);

let bundled: Promise<URL> | undefined;

/**
 * The parse worker as one plain-JavaScript ESM file (esbuild, dependencies left as imports), built once per
 * process and cached by content hash: a worker then starts without tsx's loader thread and TypeScript
 * transforms. Falls back to the tsx entry when the bundle cannot be built or written (read-only install).
 */
function workerEntry(): Promise<URL> {
  bundled ??= (async () => {
    try {
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        write: false,
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.text ?? '';
      const file = new URL(`parse-worker-${sha256(code).slice(0, 16)}.mjs`, BUNDLE_DIR);
      if (!existsSync(file)) {
        await mkdir(BUNDLE_DIR, { recursive: true });
        // Write then rename: another Kora process may be starting workers from the same file right now.
        const temporary = `${fileURLToPath(file)}.${process.pid}.tmp`;
        await writeFile(temporary, code);
        await rename(temporary, file);
      }
      return file;
    } catch {
      return TSX_ENTRY;
    }
  })();
  return bundled;
}

const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

async function parseHere(task: ParseTask, options: Readonly<ParseOptions>): Promise<ParseOutcome> {
  try {
    return { task, result: await parseFile(task, options) };
  } catch (error) {
    if (!isKoraError(error)) throw error;
    return { task, failure: error.message };
  }
}

/**
 * Parses `tasks` with `workers` threads (1 = in-process), yielding outcomes in input order. The calling thread
 * counts as one of them unless `callerParses` is false (a server keeps its event loop free for requests).
 */
export async function* parseInOrder(
  tasks: readonly ParseTask[],
  options: Readonly<ParseOptions>,
  workers: number,
  callerParses = true,
): AsyncGenerator<ParseOutcome> {
  const threads = Math.min(workers, tasks.length);

  if (threads <= 1) {
    for (const task of tasks) yield await parseHere(task, options);
    return;
  }
  const done = new Map<number, { result: ParsedFile } | { failure: string } | { crash: string }>();
  const pool: Worker[] = [];
  const cursor = new TaskCursor(tasks.length);
  let fatal: Error | undefined;
  let wake: (() => void) | undefined;
  let next = 0;
  // Tasks below `limit` may be claimed: at most WINDOW_PER_THREAD per thread and WINDOW_BYTES of input ahead of
  // the writer (always at least the next task, however large).
  let limit = 0;
  let windowBytes = 0;
  const widen = () => {
    while (
      limit < tasks.length &&
      limit - next < threads * WINDOW_PER_THREAD &&
      (limit === next || windowBytes + taskBytes(tasks[limit]!) <= WINDOW_BYTES)
    ) {
      windowBytes += taskBytes(tasks[limit]!);
      limit++;
    }
    cursor.allow(limit);
  };
  /**
   * Parses a task on this thread when one is free to claim, instead of waiting idle for a worker. False when
   * the next result is not in and nothing is left to claim: then only waiting helps.
   */
  const parseOneHere = async (): Promise<boolean> => {
    await yieldToEventLoop(); // results a worker sent while this thread was storing arrive first
    if (done.has(next)) return true;
    const id = cursor.tryClaim();
    if (id < 0) return false;
    done.set(id, await parseHere(tasks[id]!, options));
    await yieldToEventLoop(); // a parse can finish without one
    return true;
  };
  widen();
  const entry = await workerEntry();
  const start: WorkerStart<ParseTask, ParseOptions> = { tasks, options, cursor: cursor.buffer };
  // The calling thread is one of the parse threads: it stores results, and parses whenever none is ready to
  // store. A worker per core instead made three threads share two cores, with a third heap to collect: 8 % slower
  // on the mixed bench library, and 10 % more CPU.
  for (let i = 0; i < (callerParses ? threads - 1 : threads); i++) {
    // execArgv: [] — the bundle needs no loader, and entry.mjs registers tsx itself (never twice).
    const worker = new Worker(entry, { execArgv: [], workerData: start });
    worker.on('message', (reply: WorkerReply) => {
      done.set(reply.id, 'result' in reply ? { result: unpackFile(reply.result) } : reply);
      wake?.();
    });
    worker.on('error', (error) => {
      fatal ??= error;
      wake?.();
    });
    worker.on('exit', (code) => {
      // A worker leaves on its own (code 0) once every task is claimed, having answered each of its own.
      if (code !== 0 && next < tasks.length) fatal ??= new Error(`a parse worker exited early (code ${code})`);
      wake?.();
    });
    pool.push(worker);
  }
  try {
    for (; next < tasks.length; ) {
      while (!done.has(next) && !fatal) {
        if (!(callerParses && (await parseOneHere()))) await new Promise<void>((resolve) => (wake = resolve));
      }
      if (fatal) throw fatal;
      const reply = done.get(next)!;
      done.delete(next);
      const task = tasks[next]!;
      windowBytes -= taskBytes(task);
      next++;
      widen();
      if ('crash' in reply) throw new Error(`parsing "${task.path}" failed in a worker: ${reply.crash}`);
      yield 'failure' in reply ? { task, failure: reply.failure } : { task, result: reply.result };
    }
  } finally {
    next = tasks.length; // exits from here on are ours
    cursor.close();
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
