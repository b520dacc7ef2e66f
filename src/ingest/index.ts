/**
 * The ingest stage: paths in, sources stored. Each file is read, normalised and segmented, then stored in
 * one transaction (a source, or, where the store batches, the sources of the files parsed within a quarter
 * second; a large JSONL file is parsed and stored in parts, see workers/parts.ts); a bad file or record becomes a
 * failure line and the batch goes on.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { admitSource } from './admit.ts';
import { extensionOf, readerFor, SUPPORTED_EXTENSIONS } from './readers/index.ts';
import { DEFAULT_READ_OPTIONS } from './readers/reader.ts';
import { isUrl, parseUrls, type UrlOptions } from './urls.ts';
import { endsFile, type ParseOptions, taskBytes } from './workers/parse-file.ts';
import { DEFAULT_PART_BYTES, joinParts, splitLargeJsonl } from './workers/parts.ts';
import { type ParseOutcome, parseInOrder } from './workers/pool.ts';

export interface IngestOptions extends ParseOptions, UrlOptions {
  /** Parse threads (1 = in-process, for debugging); default: one per core, in-process for small batches. */
  readonly workers?: number;
  /**
   * Parse only on worker threads, never on the calling thread (which otherwise takes a file whenever it has
   * nothing to store), so that its event loop stays free: the server sets it.
   */
  readonly keepCallerFree?: boolean;
  /**
   * JSONL files larger than this are parsed as line ranges of about this size, several threads at once (bytes;
   * default DEFAULT_PART_BYTES, 1 MB; at least 8 KB). The result is the same whatever the size.
   */
  readonly partBytes?: number;
}

/** Default size cap per file: 50 MB, enough for any text document, small enough to refuse dumps by mistake. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const DEFAULT_INGEST_OPTIONS: IngestOptions = { ...DEFAULT_READ_OPTIONS, maxBytes: DEFAULT_MAX_BYTES };

export interface IngestFailure {
  /** The file (or `file:line`, `file#record`) that failed. */
  readonly path: string;
  readonly error: string;
}

export interface IngestSummary {
  /** Sources stored new or replaced. */
  readonly ingested: number;
  /** Sources already stored with the same content. */
  readonly unchanged: number;
  /** Of the sources stored, those recorded as near-copies of another (listed, never searched or cited). */
  readonly duplicates: number;
  readonly failed: IngestFailure[];
}

export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly sources: number;
}

interface PlannedFile {
  readonly path: string;
  readonly size: number;
}

/** Expands paths into files: folders recursively (sorted, hidden entries skipped, unknown formats ignored). */
export async function planFiles(paths: readonly string[]): Promise<{ files: PlannedFile[]; failed: IngestFailure[] }> {
  const files: PlannedFile[] = [];
  const failed: IngestFailure[] = [];
  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT'
          ? createError('NOT_FOUND', path).message
          : createError('UNREADABLE', path, (error as Error).message).message;
      failed.push({ path, error: message });
      return;
    }
    if (info.isDirectory()) {
      let entries: string[];
      try {
        entries = (await readdir(path)).sort();
      } catch (error) {
        failed.push({ path, error: createError('UNREADABLE', path, (error as Error).message).message });
        return;
      }
      for (const entry of entries) if (!entry.startsWith('.')) await visit(join(path, entry), false);
      return;
    }
    if (!readerFor(path)) {
      if (explicit)
        failed.push({ path, error: createError('UNSUPPORTED_FORMAT', path, extensionOf(path) || '(none)').message });
      return;
    }
    // Inside a folder, .xml may be anything (build files, data dumps): only feeds are taken from there.
    if (!explicit && extensionOf(path) === '.xml' && !(await looksLikeFeed(path))) return;
    files.push({ path, size: info.size });
  };
  for (const path of paths) await visit(path, true);
  return { files, failed };
}

/** Ingests files and folders into the store. Never throws for bad input: failures are listed in the summary. */
export async function ingestPaths(
  paths: readonly string[],
  store: Store,
  options: Readonly<IngestOptions> = DEFAULT_INGEST_OPTIONS,
  onProgress?: (progress: IngestProgress) => void,
): Promise<IngestSummary> {
  const plan = await planFiles(paths.filter((p) => !isUrl(p)));
  const urls = paths.filter(isUrl); // fetched after the files, see urls.ts
  const failed = [...plan.failed];
  let ingested = 0;
  let unchanged = 0;
  let duplicates = 0;
  let bytesDone = 0;
  let filesDone = 0;
  const bytesTotal = plan.files.reduce((sum, f) => sum + f.size, 0);
  const workers = parseThreads(options, bytesTotal);
  const tasks = await splitLargeJsonl(plan.files, options.partBytes ?? DEFAULT_PART_BYTES, options.maxBytes);
  const admitFile = async (parsed: ParseOutcome) => {
    if ('failure' in parsed) {
      failed.push({ path: parsed.task.path, error: parsed.failure });
    } else {
      failed.push(...parsed.result.failed);
      for (const prepared of parsed.result.sources) {
        const admitted = await admitSource(store, prepared);
        if (admitted.outcome === 'unchanged') unchanged++;
        else ingested++;
        if (admitted.duplicateOf) duplicates++;
      }
    }
    // A file in parts counts once, when its last part is in; its bytes as each part is.
    bytesDone += taskBytes(parsed.task);
    if (endsFile(parsed.task)) filesDone++;
    onProgress?.({
      filesDone,
      filesTotal: plan.files.length + urls.length,
      bytesDone,
      bytesTotal,
      sources: ingested + unchanged,
    });
  };
  // Parsing runs ahead on worker threads; writes stay here, in input order. A source is never half-written: each
  // is one transaction, or, where the store batches, it commits with the files parsed around it (all or none).
  const outcomes = concat(
    joinParts(parseInOrder(tasks, options, workers, !options.keepCallerFree)),
    parseUrls(urls, options),
  );
  if (!store.batch) {
    for await (const parsed of outcomes) await admitFile(parsed);
  } else {
    try {
      for (let next = outcomes.next(); ; ) {
        const first = await next;
        if (first.done) break;
        ({ next } = await store.batch(() => admitGroup(first.value, outcomes, admitFile)));
      }
    } finally {
      await outcomes.return(undefined); // stops the parse threads when a write failed (for-await would)
    }
  }
  return { ingested, unchanged, duplicates, failed };
}

/**
 * Longest a write transaction stays open for files that keep arriving. Every commit writes index rows for each
 * distinct token of its sentences (store/sqlite/sentence-index.ts) and an FTS5 segment for source search, so
 * fewer, larger commits are cheaper: on 100 k JSONL sentences the index's writes took 2.4 s in commits of 3 k
 * sentences, 0.9 s at 10 k and 0.4 s at 30 k.
 */
const GROUP_MS = 2000;

/** Longest the writer waits for the next file inside a transaction; a slower one is awaited after the commit. */
const STALL_MS = 250;

/**
 * Admits `first`, then the files that follow it while the group is young, and returns the pending next
 * outcome. A file that is not ready within STALL_MS is not waited for inside the transaction: the writer
 * commits and waits outside it, so a slow parse or download never holds the write lock for long.
 */
async function admitGroup(
  first: ParseOutcome,
  outcomes: AsyncGenerator<ParseOutcome>,
  admitFile: (parsed: ParseOutcome) => Promise<void>,
): Promise<{ next: Promise<IteratorResult<ParseOutcome>> }> {
  // The pending outcome travels in an object: an async function returning a bare promise would wait for it.
  const opened = performance.now();
  await admitFile(first);
  for (;;) {
    const next = outcomes.next();
    const left = Math.min(GROUP_MS - (performance.now() - opened), STALL_MS);
    if (left <= 0) return { next };
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'expired'>((resolve) => (timer = setTimeout(resolve, left, 'expired')));
    const arrived = await Promise.race([next, expired]);
    clearTimeout(timer);
    if (arrived === 'expired' || arrived.done) return { next };
    await admitFile(arrived.value);
  }
}

/** Bytes read from the head of an .xml file to tell a feed from other XML. */
const XML_SNIFF_BYTES = 2048;

/** True when an XML file's head opens an RSS, Atom or RDF feed element. */
async function looksLikeFeed(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(XML_SNIFF_BYTES), 0, XML_SNIFF_BYTES, 0);
    return /<(?:rss|feed|rdf:RDF)[\s>]/.test(buffer.toString('utf8', 0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** Below this many bytes in total, parse in-process: starting a worker (≈0.3 s with tsx) costs more than it saves. */
const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

/** Parse threads for a batch: the option, else one per core; in-process for small batches. */
function parseThreads(options: Readonly<IngestOptions>, bytesTotal: number): number {
  if (options.workers !== undefined) return options.workers;
  return bytesTotal < PARALLEL_MIN_BYTES ? 1 : availableParallelism();
}

/** Yields everything from each iterable in turn. */
async function* concat<T>(...iterables: AsyncIterable<T>[]): AsyncGenerator<T> {
  for (const iterable of iterables) yield* iterable;
}

export { SUPPORTED_EXTENSIONS };
