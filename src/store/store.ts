/**
 * The Store interface: where sources, their sentences and the search index live. Every implementation
 * (SQLite, PostgreSQL) passes the same contract suite (store/contract.ts). Async so that a server database
 * fits behind it; the SQLite implementation is synchronous underneath.
 */
import type { SourceId } from '../core/ids.ts';
import type { SegmentedSource, SentenceHit, SourceHit, SourceSummary, StoredSource } from '../core/model.ts';

/** What storing one source did: new, replaced an older version, or nothing (same content hash). */
export type PutOutcome = 'ingested' | 'updated' | 'unchanged';

/** Restricts a search to sources dated within `[since, until]` (ISO dates; undated sources are excluded). */
export interface DateRange {
  readonly since?: string;
  readonly until?: string;
}

export interface SentenceQuery extends DateRange {
  /** Index terms (see core/text.ts `terms`): stemmed, stopwords removed. OR semantics, BM25 ranking. */
  readonly terms: readonly string[];
  readonly limit: number;
}

export interface SourceQuery extends DateRange {
  readonly terms: readonly string[];
  readonly limit: number;
}

/** What a fingerprint key identifies: a paragraph of a site (cross-page furniture) or a MinHash band (near-copies). */
export type FingerprintKind = 'paragraph' | 'band';

/** A stored fingerprint: `key` found in source `sourceId` at `pos` (passage index or band number). */
export interface FingerprintMatch {
  readonly sourceId: SourceId;
  readonly key: string;
  readonly pos: number;
}

export interface LibraryStats {
  readonly sources: number;
  readonly sentences: number;
}

export interface Store {
  /** Stores one source in one transaction, replacing an older version with the same id. */
  putSource(source: SegmentedSource): Promise<PutOutcome>;
  getSource(id: SourceId): Promise<StoredSource | undefined>;
  listSources(): Promise<SourceSummary[]>;
  /** Removes a source and its sentences; false when there was none. */
  removeSource(id: SourceId): Promise<boolean>;
  /** Records `id` as a near-copy of `canonical`: it stays listed but is no longer searched or cited. */
  markDuplicate(id: SourceId, canonical: SourceId): Promise<void>;
  /** Replaces the fingerprints of one kind kept for a source (removed with it); see ingest/dedupe.ts. */
  putFingerprints(
    id: SourceId,
    kind: FingerprintKind,
    prints: readonly { readonly key: string; readonly pos: number }[],
  ): Promise<void>;
  /** Every stored fingerprint of this kind whose key is among `keys`, ordered by source id, key, pos. */
  findFingerprints(kind: FingerprintKind, keys: readonly string[]): Promise<FingerprintMatch[]>;
  /** Flags the sentences of these passages as boilerplate (never searched or cited); idempotent. */
  markBoilerplate(id: SourceId, passages: readonly number[]): Promise<void>;
  /** Best sentences for the terms, BM25-ranked, boilerplate and duplicates excluded. */
  searchSentences(query: SentenceQuery): Promise<SentenceHit[]>;
  /** Best sources for the terms, BM25 over title and body. */
  searchSources(query: SourceQuery): Promise<SourceHit[]>;
  /** Number of searchable sentences containing each term (for IDF weights). */
  sentenceFrequencies(terms: readonly string[]): Promise<Map<string, number>>;
  stats(): Promise<LibraryStats>;
  /**
   * Optional: runs `work`, whose calls on this store must be its only ones meanwhile, with all its writes in one
   * transaction (each call's own transaction becomes a savepoint). Either every write commits or, if `work`
   * throws, none does. Stores without it simply run `work`.
   */
  batch?<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
