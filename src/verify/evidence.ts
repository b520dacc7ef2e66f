/**
 * Evidence retrieval for one claim: BM25 over the library's sentences with the claim's terms, re-ranked so
 * that sentences naming the claim's entities and numbers come first, then widened to each hit's neighbouring
 * sentences (a claim often spans two sentences of its source). A claim that names proper nouns only gets
 * evidence whose context names all of them: a sentence about another country is not evidence, however many
 * words it shares. Likewise for the numbers it writes in digits (years, amounts): evidence must state them; a
 * sentence that matches but for the number is kept apart, as a candidate contradiction.
 * A hit naming none of the names is skipped without reading its neighbours: the trade-off loses evidence split
 * as "Tibet … . It …" across sentences, and saves a source read per hit on drafts the library cannot support.
 * Very common terms are left out of the query (see `queryBudget`), which is where FTS5 spends its time.
 */
import type { SourceId } from '../core/ids.ts';
import type { SentenceHit, Span, StoredSource } from '../core/model.ts';
import { STOPWORDS, stem, terms, tokenize } from '../core/text.ts';
import type { DateRange, Store } from '../store/store.ts';
import { analyse, canonicalNumber } from './judge-analysis.ts';

export interface EvidenceOptions extends DateRange {
  /** BM25 hits fetched per claim before re-ranking (sentences, 10–200). */
  readonly pool: number;
  /** Hits kept after re-ranking, each widened to its neighbours (sentences, 1–20). */
  readonly candidates: number;
  /** Sentences on each side of a hit added as context (0–2; 0 turns neighbours off). */
  readonly neighbours: number;
  /** Re-ranking weight of the share of claim names a hit contains, against a BM25 score scaled to [0, 1]. */
  readonly nameWeight: number;
  /** Re-ranking weight of the share of claim numbers (years, figures) a hit contains. */
  readonly numberWeight: number;
  /**
   * Bound on the query's postings: the rarest terms are kept while their sentence frequencies sum to at most
   * this share of the library's sentences (0–1; 1 keeps every term). Common terms add little BM25 weight but
   * most of FTS5's work: at 0.05 a query costs half the CPU on the bench library, and the source sentence of
   * verbatim and word-dropped claims is still in the top 8 for 60 of 60 (bench/verify.ts).
   */
  readonly queryBudget: number;
  /** Fewest query terms kept after dropping common ones: the rarest are kept (terms, 1–10). */
  readonly minQueryTerms: number;
}

/** Defaults, measured on a 17,000-source library in bench/verify.ts. */
export const DEFAULT_EVIDENCE_OPTIONS = {
  pool: 40,
  candidates: 8,
  neighbours: 1,
  nameWeight: 1,
  numberWeight: 0.5,
  queryBudget: 0.05,
  minQueryTerms: 3,
} as const satisfies EvidenceOptions;

/** One evidence sentence: its text is `storedText(sourceId).slice(start, end)`. */
export interface EvidenceSentence extends Span {
  readonly sourceId: SourceId;
  readonly text: string;
}

/** A retrieved hit with its context: the hit and its neighbours, in document order. */
export interface EvidenceGroup {
  readonly hit: SentenceHit;
  readonly sentences: readonly EvidenceSentence[];
}

/** What the claim names: proper-noun stems and canonical numbers, as the judge reads them. */
export interface ClaimAnchors {
  readonly names: ReadonlySet<string>;
  /** Numbers written in digits (years, amounts), canonical ("1,200" → "1200"). */
  readonly numbers: ReadonlySet<string>;
}

/** What one verify run reads once: source texts (neighbours of many hits cost one read per source), library size. */
export interface SourceCache {
  readonly sources: Map<SourceId, StoredSource | undefined>;
  /** Searchable sentences in the library, read on first need. */
  sentences?: number;
}

/** An empty cache for one verify run. */
export const newSourceCache = (): SourceCache => ({ sources: new Map() });

/**
 * Sentence-initial words that are not names even when capitalised: discourse adverbs and common openers,
 * together with stopwords and -ly adverbs. A following comma is no sign: "Mongolia, a landlocked country, …".
 */
const OPENERS = new Set(
  `today now yesterday here there thus yet still moreover however therefore meanwhile finally first second third
fourth fifth sixth last next again indeed instead overall together recently since later earlier already currently
historically similarly likewise furthermore additionally consequently nevertheless nonetheless accordingly hence
besides otherwise afterwards ultimately unfortunately fortunately clearly`.split(/\s+/),
);

/**
 * Names and numbers of a claim. The judge skips the sentence-initial word when reading names; here it counts
 * as a name unless it is a stopword or a common opener, because drafts usually open with their subject
 * ("Russia is …", "India remains …") and a changed subject must not find the original sentence as evidence.
 */
export function claimAnchors(claim: string): ClaimAnchors {
  const analysis = analyse(claim);
  const names = new Set(analysis.names);
  const first = tokenize(claim)[0];
  if (first && /^\p{Lu}/u.test(claim[first.start] ?? '')) {
    const word = first.word.replace(/['’]s$/, '');
    // a number word ("Two years ago …") is a number to the judge, not a name
    const opener = STOPWORDS.has(word) || OPENERS.has(word) || /ly$/.test(word) || analyse(word).numbers.size > 0;
    if (!opener) names.add(stem(word));
  }
  // Only numbers written in digits are facts to check: "two countries" is phrasing, "in 1992" is a claim.
  const numbers = new Set(
    tokenize(claim)
      .filter((t) => /^\d/.test(t.word))
      .map((t) => canonicalNumber(t.word)),
  );
  return { names, numbers };
}

const share = (wanted: ReadonlySet<string>, found: ReadonlySet<string>): number => {
  if (wanted.size === 0) return 0;
  let n = 0;
  for (const w of wanted) if (found.has(w)) n++;
  return n / wanted.size;
};

/** Terms and numbers of a sentence, for the anchor checks. */
function anchorSet(text: string): Set<string> {
  const a = analyse(text);
  return new Set([...a.terms, ...a.numbers]);
}

/** Re-ranks hits: BM25 (scaled by the best hit) plus bonuses for the claim names and numbers they contain. */
export function rerank(
  hits: readonly SentenceHit[],
  anchors: ClaimAnchors,
  options: Readonly<EvidenceOptions> = DEFAULT_EVIDENCE_OPTIONS,
): SentenceHit[] {
  const top = Math.max(...hits.map((h) => h.score), Number.MIN_VALUE);
  const scored = hits.map((hit, order) => {
    const found = anchorSet(hit.text);
    const score =
      hit.score / top +
      options.nameWeight * share(anchors.names, found) +
      options.numberWeight * share(anchors.numbers, found);
    return { hit, order, score };
  });
  // Ties keep the store's order, which is deterministic (rank, then sentence id).
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map((s) => s.hit);
}

async function sourceOf(store: Store, cache: SourceCache, id: SourceId): Promise<StoredSource | undefined> {
  if (!cache.sources.has(id)) cache.sources.set(id, await store.getSource(id));
  return cache.sources.get(id);
}

/** The hit and up to `neighbours` non-boilerplate sentences on each side, from the same passage. */
async function contextOf(
  store: Store,
  cache: SourceCache,
  hit: SentenceHit,
  neighbours: number,
): Promise<EvidenceSentence[]> {
  const self: EvidenceSentence = { sourceId: hit.sourceId, start: hit.start, end: hit.end, text: hit.text };
  if (neighbours === 0) return [self];
  const source = await sourceOf(store, cache, hit.sourceId);
  if (!source) return [self];
  const spans = source.sentenceSpans;
  const at = spans.findIndex((s) => s.start === hit.start && s.end === hit.end);
  if (at < 0) return [self];
  const passage = spans[at]?.passage;
  const out: EvidenceSentence[] = [];
  for (let i = Math.max(0, at - neighbours); i <= Math.min(spans.length - 1, at + neighbours); i++) {
    const span = spans[i];
    if (!span || (i !== at && (span.boilerplate || span.passage !== passage))) continue;
    out.push({
      sourceId: hit.sourceId,
      start: span.start,
      end: span.end,
      text: source.text.slice(span.start, span.end),
    });
  }
  return out;
}

/**
 * Country and region names with their adjectives, as word pairs: "the Chinese delegation" names China. Only
 * the pairs the corpora need most; stemmed when read, so the table stays readable.
 */
const DEMONYMS = `china chinese, russia russian, america american, india indian, japan japanese, ukraine ukrainian,
kazakhstan kazakh, mongolia mongolian, belarus belarusian, tibet tibetan, europe european, africa african,
asia asian, korea korean, iran iranian, germany german, france french, britain british, brazil brazilian,
afghanistan afghan, syria syrian, iraq iraqi, pakistan pakistani, turkey turkish, israel israeli,
palestine palestinian, vietnam vietnamese`;

/** Each name stem's equivalents: the stem itself and its country or adjective ("chines" ↔ "china"). */
const NAME_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
  DEMONYMS.split(',').flatMap((pair): [string, string[]][] => {
    const [country = '', adjective = ''] = pair.trim().split(/\s+/).map(stem);
    return [
      [country, [country, adjective]],
      [adjective, [adjective, country]],
    ];
  }),
);

/** True when the group's sentences together state every one of `wanted` (name stems or canonical numbers). */
function statesAll(group: readonly EvidenceSentence[], wanted: ReadonlySet<string>): boolean {
  if (wanted.size === 0) return true;
  const found = new Set(group.flatMap((s) => [...anchorSet(s.text)]));
  for (const w of wanted) if (!(NAME_FORMS.get(w) ?? [w]).some((form) => found.has(form))) return false;
  return true;
}

/** True when the hit names none of the claim's names: its neighbours are then not worth a source read. */
function namesNone(hit: SentenceHit, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  const found = anchorSet(hit.text); // the judge's reading, so "Japan’s" holds the name "japan"
  for (const name of names) if ((NAME_FORMS.get(name) ?? [name]).some((form) => found.has(form))) return false;
  return true;
}

/**
 * The BM25 query for a claim: its distinct terms, rarest first, while their sentence frequencies sum to at
 * most `queryBudget` of the library's sentences, and at least the `minQueryTerms` rarest. Terms the library
 * lacks are dropped (they match nothing); frequency ties are broken by the term, so the query is deterministic.
 */
export async function queryTerms(
  store: Store,
  claim: string,
  options: Readonly<EvidenceOptions> = DEFAULT_EVIDENCE_OPTIONS,
  cache: SourceCache = newSourceCache(),
): Promise<string[]> {
  const distinct = [...new Set(terms(claim))];
  if (options.queryBudget >= 1 || distinct.length <= options.minQueryTerms) return distinct;
  cache.sentences ??= (await store.stats()).sentences;
  const budget = options.queryBudget * cache.sentences;
  const frequencies = await store.sentenceFrequencies(distinct);
  const df = (t: string): number => frequencies.get(t) ?? 0;
  const known = distinct.filter((t) => df(t) > 0).sort((a, b) => df(a) - df(b) || (a < b ? -1 : a > b ? 1 : 0));
  const kept: string[] = [];
  let postings = 0;
  for (const term of known) {
    if (kept.length >= options.minQueryTerms && postings + df(term) > budget) break;
    kept.push(term);
    postings += df(term);
  }
  return kept;
}

/** Evidence for one claim: qualifying groups for the judge, and every hit re-ranked (for display). */
export interface ClaimEvidence {
  /** Groups stating all the claim's names and numbers: the evidence the claim is judged on. */
  readonly groups: readonly EvidenceGroup[];
  /**
   * Groups stating all the claim's names but not all its numbers: where a changed figure or year shows up as
   * a contradiction (the orchestrator asks the judge about them only to find one; see verify/index.ts).
   */
  readonly numberless: readonly EvidenceGroup[];
  /** All pool hits, best first, whether or not they name the claim's names. */
  readonly ranked: readonly SentenceHit[];
}

/**
 * Evidence for a claim, best first: `retrieveEvidence(store, 'China joined the WTO in 2001.')` → groups whose
 * `hit` is a BM25 sentence hit and whose `sentences` add its neighbours. Empty when the claim has no terms.
 */
export async function retrieveEvidence(
  store: Store,
  claim: string,
  options: Readonly<EvidenceOptions> = DEFAULT_EVIDENCE_OPTIONS,
  cache: SourceCache = newSourceCache(),
): Promise<ClaimEvidence> {
  const query = await queryTerms(store, claim, options, cache);
  if (query.length === 0) return { groups: [], numberless: [], ranked: [] };
  const hits = await store.searchSentences({
    terms: query,
    limit: options.pool,
    ...(options.since ? { since: options.since } : {}),
    ...(options.until ? { until: options.until } : {}),
  });
  const anchors = claimAnchors(claim);
  const ranked = rerank(hits, anchors, options);
  const groups: EvidenceGroup[] = [];
  const numberless: EvidenceGroup[] = [];
  for (const hit of ranked) {
    if (groups.length >= options.candidates) break;
    if (namesNone(hit, anchors.names)) continue;
    const sentences = await contextOf(store, cache, hit, options.neighbours);
    if (!statesAll(sentences, anchors.names)) continue;
    if (statesAll(sentences, anchors.numbers)) groups.push({ hit, sentences });
    else if (numberless.length < options.candidates) numberless.push({ hit, sentences });
  }
  return { groups, numberless, ranked };
}
