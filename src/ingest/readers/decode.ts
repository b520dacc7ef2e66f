import { createError } from '../../core/errors.ts';

/** Bytes at a file's head inspected for NUL characters when deciding text vs binary. */
export const SNIFF_BYTES = 8192;

/** Decodes UTF-8 strictly: binary files and invalid UTF-8 are refused with a message naming the file. */
export function decodeUtf8(location: string, bytes: Uint8Array): string {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) throw createError('BINARY', location);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw createError('INVALID_UTF8', location);
  }
}

/**
 * Decodes bytes that continue a file after a line break (a later part of a JSONL file, workers/parts.ts) exactly as
 * decodeUtf8 decodes them inside the whole file: not sniffed, since only a file's head is, and a leading U+FEFF kept
 * as a character, since it is no byte order mark there. A cut after a "\n" byte never splits a UTF-8 sequence, so
 * each part is valid exactly when the whole file is.
 */
export function decodeUtf8Continuation(location: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw createError('INVALID_UTF8', location);
  }
}

/** The file name without folders or extension, as a fallback title. */
export function baseTitle(location: string): string {
  const name = location.split(/[\\/]/).pop() ?? location;
  return name.replace(/\.[^.]+$/, '');
}
