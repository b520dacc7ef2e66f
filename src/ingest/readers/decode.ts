import { createError } from '../../core/errors.ts';

const SNIFF_BYTES = 8192; // bytes inspected for NUL characters when deciding text vs binary

/** Decodes UTF-8 strictly: binary files and invalid UTF-8 are refused with a message naming the file. */
export function decodeUtf8(location: string, bytes: Uint8Array): string {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) throw createError('BINARY', location);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw createError('INVALID_UTF8', location);
  }
}

/** The file name without folders or extension, as a fallback title. */
export function baseTitle(location: string): string {
  const name = location.split(/[\\/]/).pop() ?? location;
  return name.replace(/\.[^.]+$/, '');
}
