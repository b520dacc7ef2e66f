/**
 * Evidence for a brief: the library's sentences about the topic, scored by how well they match it.
 * BM25 over sentences with the topic's terms and with pseudo-relevance-feedback terms, blended with the
 * relevance of each sentence's source and the share of topic terms the sentence itself names.
 */

import { expandQuery } from '../analyze/retrieve.ts';
import type { SentenceHit } from '../core/model.ts';
import { terms } from '../core/text.ts';
import type { DateRange, Store } from '../store/store.ts';

/** A candidate sentence with its relevance to the topic, in [0, 1]. */
export interface EvidenceSentence extends SentenceHit {
  readonly relevance: number;
  /** Share of the topic's distinct terms that this sentence contains, in [0, 1]. */
  readonly coverage: number;
}

export interface EvidenceOptions extends DateRange {
  /** Sentences fetched per query before scoring (100–2000). */
  readonly depth: number;
  /** Terms an evidence sentence must mostly contain (an outline item's terms): see REQUIRED_SHARE. */
  readonly requireTerms?: readonly string[];
}

export const DEFAULT_EVIDENCE: EvidenceOptions = { depth: 800 };

/** Weights of the relevance blend; they sum to 1. */
const WEIGHT = { coverage: 0.5, sentenceBm25: 0.3, sourceBm25: 0.2 } as const;
/**
 * Share of the required terms a sentence must contain (0–1), rounded up: all of a one- or two-word outline item
 * ("Religious ties" needs both words, so "economic ties" does not qualify), two of three, three of four.
 */
const REQUIRED_SHARE = 2 / 3;
/** Sentences found only through expansion terms count this much of their BM25 (0–1). */
const EXPANSION_DISCOUNT = 0.5;

export async function gatherEvidence(
  store: Store,
  topic: string,
  options: Readonly<EvidenceOptions> = DEFAULT_EVIDENCE,
): Promise<EvidenceSentence[]> {
  const range: DateRange = {
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  };
  const expansion = await expandQuery(store, topic, range);
  const topicTerms = [...new Set(expansion.queryTerms)];
  if (topicTerms.length === 0) return [];
  const direct = await store.searchSentences({ ...range, terms: topicTerms, limit: options.depth });
  const expanded = expansion.extra.length
    ? await store.searchSentences({
        ...range,
        terms: [...topicTerms, ...expansion.extra.map((t) => t.term)],
        limit: options.depth,
      })
    : [];
  const sourceScore = new Map(expansion.first.map((hit) => [hit.sourceId as string, hit.score]));
  const maxSource = expansion.first[0]?.score || 1;
  const maxDirect = direct[0]?.score || 1;
  const maxExpanded = expanded[0]?.score || 1;
  const bm25 = new Map<number, { hit: SentenceHit; score: number }>();
  for (const hit of direct) bm25.set(hit.sentenceId, { hit, score: hit.score / maxDirect });
  for (const hit of expanded) {
    const score = (EXPANSION_DISCOUNT * hit.score) / maxExpanded;
    const known = bm25.get(hit.sentenceId);
    if (!known || known.score < score) bm25.set(hit.sentenceId, { hit, score });
  }
  const required = options.requireTerms ? [...new Set(options.requireTerms)] : undefined;
  const requiredCount = required ? Math.ceil(REQUIRED_SHARE * required.length) : 0;
  const evidence: EvidenceSentence[] = [];
  for (const { hit, score } of bm25.values()) {
    const sentenceTerms = new Set(terms(hit.text));
    if (required && required.filter((t) => sentenceTerms.has(t)).length < requiredCount) continue;
    const coverage = topicTerms.filter((t) => sentenceTerms.has(t)).length / topicTerms.length;
    if (coverage === 0) continue;
    const relevance =
      WEIGHT.coverage * coverage +
      WEIGHT.sentenceBm25 * score +
      WEIGHT.sourceBm25 * ((sourceScore.get(hit.sourceId) ?? 0) / maxSource);
    evidence.push({ ...hit, relevance, coverage });
  }
  return evidence.sort((a, b) => b.relevance - a.relevance || a.sentenceId - b.sentenceId);
}
