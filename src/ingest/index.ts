/**
 * The ingest stage: paths in, sources stored. Each file is read, normalised and segmented, then stored in
 * one transaction per source; a bad file or record becomes a failure line and the batch goes on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createError, isKoraError } from '../core/errors.ts';
import type { Store } from '../store/store.ts';
import { prepareSource } from './prepare.ts';
import { extensionOf, readerFor, SUPPORTED_EXTENSIONS } from './readers/index.ts';
import { DEFAULT_READ_OPTIONS, type ReadOptions } from './readers/reader.ts';

export interface IngestOptions extends ReadOptions {
  /** Files larger than this are refused (bytes). */
  readonly maxBytes: number;
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
  const plan = await planFiles(paths);
  const failed = [...plan.failed];
  let ingested = 0;
  let unchanged = 0;
  let bytesDone = 0;
  const bytesTotal = plan.files.reduce((sum, f) => sum + f.size, 0);
  for (const [index, file] of plan.files.entries()) {
    try {
      const result = await ingestFile(file, store, options);
      ingested += result.ingested;
      unchanged += result.unchanged;
      failed.push(...result.failed);
    } catch (error) {
      if (!isKoraError(error)) throw error;
      failed.push({ path: file.path, error: error.message });
    }
    bytesDone += file.size;
    onProgress?.({
      filesDone: index + 1,
      filesTotal: plan.files.length,
      bytesDone,
      bytesTotal,
      sources: ingested + unchanged,
    });
  }
  return { ingested, unchanged, failed };
}

async function ingestFile(file: PlannedFile, store: Store, options: Readonly<IngestOptions>): Promise<IngestSummary> {
  if (file.size > options.maxBytes) throw createError('TOO_LARGE', file.path, file.size, options.maxBytes);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file.path);
  } catch (error) {
    throw createError(
      'UNREADABLE',
      file.path,
      (error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message,
    );
  }
  if (bytes.length === 0) throw createError('EMPTY', file.path);
  const reader = readerFor(file.path);
  if (!reader) throw createError('UNSUPPORTED_FORMAT', file.path, extensionOf(file.path));
  const { documents, diagnostics } = await reader.read({ location: file.path, bytes, options });
  const failed: IngestFailure[] = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ path: d.location, error: `cannot ingest "${d.location}": ${d.message}` }));
  let ingested = 0;
  let unchanged = 0;
  for (const document of documents) {
    const source = prepareSource(document);
    if (source.sentences.length === 0) {
      failed.push({ path: document.location, error: createError('EMPTY', document.location).message });
      continue;
    }
    const outcome = await store.putSource(source);
    if (outcome === 'unchanged') unchanged++;
    else ingested++;
  }
  return { ingested, unchanged, failed };
}

export { SUPPORTED_EXTENSIONS };
