/**
 * Retrieval with query expansion: BM25, then pseudo-relevance feedback — the top documents' most characteristic
 * terms form a second query, and the two BM25 scores are blended.
 */
import type { SentenceHit, SourceHit } from '../core/model.ts';
import { termCounts, terms } from '../core/text.ts';
import type { DateRange, Store } from '../store/store.ts';
import { DEFAULT_EXPANSION, type ExpansionOptions, expansionTerms, type WeightedTerm } from './expand.ts';

export interface RetrieveOptions extends DateRange {
  readonly limit: number;
  /** Pseudo-relevance feedback; `false` gives plain BM25. */
  readonly expansion?: Readonly<FeedbackOptions> | false;
}

export interface FeedbackOptions extends ExpansionOptions {
  /** Top documents read for feedback (5–20). */
  readonly documents: number;
  /** Weight of the expansion query's normalised score against the original's 1 (0–1). */
  readonly blend: number;
  /** Depth of each BM25 list before blending (documents). */
  readonly depth: number;
}

export const DEFAULT_FEEDBACK: FeedbackOptions = { ...DEFAULT_EXPANSION, documents: 10, blend: 0.5, depth: 1000 };

/** The first BM25 list for a query and the expansion terms its top documents suggest. */
export interface Expansion {
  readonly queryTerms: string[];
  readonly first: SourceHit[];
  readonly extra: WeightedTerm[];
}

/** Runs the first BM25 pass and derives expansion terms from its top documents. */
export async function expandQuery(
  store: Store,
  query: string,
  range: DateRange,
  feedback: Readonly<FeedbackOptions> = DEFAULT_FEEDBACK,
): Promise<Expansion> {
  const queryTerms = terms(query);
  const first = await store.searchSources({ ...range, terms: queryTerms, limit: feedback.depth });
  const top = first.slice(0, feedback.documents);
  if (top.length === 0) return { queryTerms, first, extra: [] };
  const docs = await Promise.all(top.map((hit) => store.getSource(hit.sourceId)));
  const best = top[0]?.score || 1;
  const feedbackDocs = docs.flatMap((doc, i) =>
    doc ? [{ counts: termCounts(`${doc.title}\n${doc.text}`), weight: (top[i]?.score ?? 0) / best }] : [],
  );
  const candidates = [...new Set(feedbackDocs.flatMap((d) => [...d.counts.keys()]))];
  const [frequency, stats] = await Promise.all([store.sentenceFrequencies(candidates), store.stats()]);
  return { queryTerms, first, extra: expansionTerms(queryTerms, feedbackDocs, frequency, stats.sentences, feedback) };
}

/** Sources best matching a free-text query, BM25 with pseudo-relevance feedback. */
export async function retrieveSources(
  store: Store,
  query: string,
  options: Readonly<RetrieveOptions>,
): Promise<SourceHit[]> {
  const { expansion, limit, ...range } = options;
  if (expansion === false) return store.searchSources({ ...range, limit, terms: terms(query) });
  const feedback = {
    ...(expansion ?? DEFAULT_FEEDBACK),
    depth: Math.max(limit, (expansion ?? DEFAULT_FEEDBACK).depth),
  };
  const { first, extra } = await expandQuery(store, query, range, feedback);
  if (extra.length === 0) return first.slice(0, limit);
  const second = await store.searchSources({ ...range, terms: extra.map((t) => t.term), limit: feedback.depth });
  return blend(first, second, feedback.blend).slice(0, limit);
}

/** Sum of max-normalised scores; ties by id so the order is deterministic. */
function blend(first: readonly SourceHit[], second: readonly SourceHit[], weight: number): SourceHit[] {
  const scores = new Map<string, SourceHit>();
  const add = (list: readonly SourceHit[], w: number) => {
    const max = list[0]?.score || 1;
    for (const hit of list) {
      const previous = scores.get(hit.sourceId);
      scores.set(hit.sourceId, { ...hit, score: (previous?.score ?? 0) + (w * hit.score) / max });
    }
  };
  add(first, 1);
  add(second, weight);
  return [...scores.values()].sort((a, b) => b.score - a.score || (a.sourceId < b.sourceId ? -1 : 1));
}

/** Sentences best matching a free-text query (plain BM25 over sentences). */
export async function retrieveSentences(
  store: Store,
  query: string,
  options: Readonly<RetrieveOptions>,
): Promise<SentenceHit[]> {
  const { expansion: _e, ...range } = options;
  return store.searchSentences({ ...range, terms: terms(query) });
}
