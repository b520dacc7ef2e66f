/**
 * Copies a library from one store to another (SQLite → PostgreSQL and back) through the Store interface, then
 * proves the copy: both sides are summarised as counts and a SHA-256 over every source's metadata, text, passages
 * and sentence spans (boilerplate flags and duplicate marks included), which must be equal.
 * Not copied: ingest fingerprints (see Store.putFingerprints); they only steer near-copy detection of later ingests.
 */
import { sha256 } from '../core/hash.ts';
import type { SegmentedSource, StoredSource } from '../core/model.ts';
import type { Store } from './store.ts';

/** Counts and content hash of a library. */
export interface LibraryDigest {
  readonly sources: number;
  readonly sentences: number;
  readonly duplicates: number;
  /** SHA-256 (hex) of the canonical JSON of every stored source, in id order. */
  readonly sha256: string;
}

export interface CopyReport {
  readonly from: LibraryDigest;
  readonly to: LibraryDigest;
  /** True when both digests are equal. */
  readonly verified: boolean;
}

/** JSON with object keys sorted, so that equal values serialise equally whatever built them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Counts and content hash of every source in `store`: `await digest(store)`. */
export async function digest(store: Store): Promise<LibraryDigest> {
  const list = (await store.listSources()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const hash = { parts: [] as string[] };
  let sentences = 0;
  for (const summary of list) {
    const source = await store.getSource(summary.id);
    if (!source) continue;
    sentences += source.sentenceSpans.length;
    hash.parts.push(sha256(canonical(source)));
  }
  return {
    sources: list.length,
    sentences,
    duplicates: list.filter((s) => s.duplicateOf).length,
    sha256: sha256(hash.parts.join('\n')),
  };
}

/** The stored source as putSource takes it. */
function toSegmented(source: StoredSource): SegmentedSource {
  const { sentenceSpans, sentences: _count, characters: _chars, duplicateOf: _dup, ...rest } = source;
  return { ...rest, sentences: sentenceSpans };
}

/**
 * Copies every source of `from` into the empty store `to`, then marks duplicates as they were, and verifies.
 * Calls `onProgress(done, total)` after each source.
 */
export async function copyLibrary(
  from: Store,
  to: Store,
  onProgress?: (done: number, total: number) => void,
): Promise<CopyReport> {
  const list = await from.listSources();
  for (const [index, summary] of list.entries()) {
    const source = await from.getSource(summary.id);
    if (source) await to.putSource(toSegmented(source));
    onProgress?.(index + 1, list.length);
  }
  for (const summary of list) if (summary.duplicateOf) await to.markDuplicate(summary.id, summary.duplicateOf);
  const [a, b] = await Promise.all([digest(from), digest(to)]);
  return { from: a, to: b, verified: canonical(a) === canonical(b) };
}
