/** Sentence search over a store: the query is analysed exactly as the indexed text was. */
import { createError } from '../core/errors.ts';
import type { SentenceHit } from '../core/model.ts';
import { terms } from '../core/text.ts';
import type { DateRange, Store } from './store.ts';

export interface SearchOptions extends DateRange {
  /** Number of hits (default 10). */
  readonly k: number;
}

export const DEFAULT_SEARCH_OPTIONS: SearchOptions = { k: 10 };

export interface SearchResult {
  readonly query: string;
  readonly hits: SentenceHit[];
}

/** BM25-ranked sentences for a free-text query: `search(store, 'Central Asia', { k: 5 })`. */
export async function search(
  store: Store,
  query: string,
  options: Readonly<SearchOptions> = DEFAULT_SEARCH_OPTIONS,
): Promise<SearchResult> {
  const queryTerms = terms(query);
  if (queryTerms.length === 0) throw createError('EMPTY_QUERY');
  const hits = await store.searchSentences({ ...options, terms: queryTerms, limit: options.k });
  return { query, hits };
}
