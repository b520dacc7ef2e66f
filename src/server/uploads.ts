/**
 * Where uploaded and fetched files go: the library's data folder (`<db>.files/`), under names the server
 * generates from the content hash. A client's file name never becomes a path — only a known extension is
 * kept — so `../../etc/passwd` or `a/b.txt` cannot escape the folder, and re-uploading a file is a no-op.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { extensionOf, SUPPORTED_EXTENSIONS } from '../ingest/readers/index.ts';

/** Hex characters of the content hash used as a stored file's name (64 bits: collisions are negligible). */
const NAME_HASH_CHARS = 16;

/** The data folder for a library file: `my.db` → `my.db.files`. */
export const dataDirFor = (db: string): string => `${resolve(db)}.files`;

/** The original name's last path segment, for messages only (never used to build a path). */
export function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // control characters would garble log lines and messages
  const printable = [...base].filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f).join('');
  return printable.slice(0, 200) || '(unnamed)';
}

/** The extension to store a file under, or undefined when no reader handles it. */
export function safeExtension(name: string): string | undefined {
  const ext = extensionOf(displayName(name));
  return SUPPORTED_EXTENSIONS.includes(ext) ? ext : undefined;
}

/** Writes bytes into the data folder under a generated name and returns the absolute path. */
export async function saveToDataDir(dataDir: string, bytes: Uint8Array, extension: string): Promise<string> {
  if (!SUPPORTED_EXTENSIONS.includes(extension)) throw new Error(`refusing to store unknown extension ${extension}`);
  await mkdir(dataDir, { recursive: true });
  const name = createHash('sha256').update(bytes).digest('hex').slice(0, NAME_HASH_CHARS) + extension;
  const path = join(dataDir, name);
  await writeFile(path, bytes);
  return path;
}

/** The stored file a source location points into, when that file is inside the data folder. */
export function dataFileOf(dataDir: string, location: string): string | undefined {
  const root = resolve(dataDir);
  const file = location.replace(/[#:][^/\\]*$/, '');
  return resolve(file).startsWith(`${root}/`) && resolve(file) === file ? file : undefined;
}

/** Deletes a stored file (ignoring one already gone). */
export async function removeDataFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** Whether a source location belongs to a stored file: the file itself or a record in it (`file#id`). */
export const locationIn = (location: string, file: string): boolean =>
  location === file || location.startsWith(`${file}#`) || location.startsWith(`${file}:`);
