/**
 * Keyphrases of one text. Candidates are noun phrases (candidates.ts). Their words are ranked by
 * SingleRank (Wan & Xiao 2008): a graph of the text's nouns and adjectives, linked when they occur within a
 * window of each other, weighted by how often they do, ranked by PageRank. A candidate then scores its
 * words' geometric-mean rank times document statistics that separate keyphrases from other noun phrases on
 * Inspec and SemEval-2017 (precision of candidates per feature, measured on both):
 * - length: 2–3 word phrases are keyphrases far more often than single words (0.35–0.55 vs 0.06–0.13);
 * - repetition: a multi-word phrase used twice is a keyphrase far more often than one used once (0.55 vs 0.35);
 * - position: phrases of the title and first lines (PositionRank's finding, Florescu & Caragea 2017);
 * - rarity: words outside the tagger's 87k-word English lexicon (technical terms, names) mark specific phrases,
 *   one-word ones above all (0.19–0.37 of such single words are keyphrases vs 0.07–0.12 of the others);
 * - acronyms: a single word written as one ("SVM", "CO2") is a keyphrase 0.19–0.66 of the time (other single
 *   words 0.09–0.15), a phrase the text defines one for ("support vector machine (SVM)") 0.54–0.73 (others
 *   0.37–0.39); a multi-word phrase holding an acronym is weaker on Inspec (0.27 vs 0.40);
 * - form: phrases opening on an adjective are weaker (0.31–0.37 vs 0.40–0.43), and phrases starting or
 *   ending on a filler noun ("simulation results": 0.23–0.34 vs 0.39–0.41); objects of "of" stronger.
 * `npm run eval -- keyphrases`, F1@10 (F1@5): Inspec 0.337 (0.267), SemEval-2017 0.356 (0.252); plain
 * sum-of-ranks SingleRank on the same candidates scores 0.318 and 0.323. Deterministic: ties break on
 * first position, then on the phrase.
 */
import {
  CANDIDATE_DEFAULTS,
  type CandidateOccurrence,
  type CandidateOptions,
  candidates,
  GENERIC_NOUNS,
  type PhraseRole,
  phraseRoles,
} from './candidates.ts';
import { graphFromEdges, PAGERANK_DEFAULTS, type PageRankOptions, pageRank } from './graph.ts';
import { type TaggedToken, tagText } from './pos.ts';

export { DISTINCTIVE_DEFAULTS, type DistinctiveOptions, distinctiveKeyphrases } from './distinctive.ts';

/** A keyphrase as written in the text (lower-cased) and its score (higher is better, comparable within a text). */
export interface Keyphrase {
  readonly phrase: string;
  readonly score: number;
}

export interface KeyphraseOptions extends CandidateOptions, PageRankOptions {
  /** Number of phrases returned at most, 1+ (fewer when the text has fewer candidates). */
  readonly k: number;
  /** Co-occurrence window in tokens (punctuation counts): words fewer than this apart are linked. 2–20; 10 as SingleRank. */
  readonly window: number;
  /** Length credit grows with the number of words up to this many, 1–5: longer phrases get no more. */
  readonly lengthCap: number;
  /** Score multiplier for one-word candidates, 0–1. */
  readonly singleWordWeight: number;
  /** Exponent on how often a multi-word phrase occurs, 0–1 (0.5: twice counts √2). */
  readonly frequencyExponent: number;
  /** Bonus for a phrase at the very start, 0–2: its score is × (1 + this / (1 + positionDecay × relative position)). */
  readonly positionWeight: number;
  /** How fast the position bonus fades over the text, 1+ (10: a tenth of the way in, the bonus is halved). */
  readonly positionDecay: number;
  /** Score multiplier for a multi-word phrase holding a word outside the tagger's lexicon, 1–3. */
  readonly rareBoost: number;
  /** Score multiplier for a one-word candidate outside the tagger's lexicon (in place of rareBoost), 1–4. */
  readonly rareWordBoost: number;
  /** Score multiplier for a one-word candidate written as an acronym ("SVM", "CO2", "MeV"), 1–4. */
  readonly acronymBoost: number;
  /** Score multiplier for a multi-word phrase holding an acronym ("DFT calculations"), 0–1. */
  readonly acronymPhraseWeight: number;
  /** Score multiplier for a phrase the text defines an acronym for ("support vector machine (SVM)"), 1–3. */
  readonly definedBoost: number;
  /** Score multiplier for a multi-word phrase that starts with an adjective ("severe sign problem"), 0–1. */
  readonly adjectiveStartWeight: number;
  /** Score multiplier for a multi-word phrase that starts or ends on a filler noun ("simulation results"), 0–1. */
  readonly fillerEdgeWeight: number;
  /** Score multiplier for a phrase right after "of" ("the analysis of <phrase>" names the topic), 1–2. */
  readonly afterOfBoost: number;
}

/** Defaults for {@link extractKeyphrases}. */
export const KEYPHRASE_DEFAULTS: KeyphraseOptions = {
  ...CANDIDATE_DEFAULTS,
  ...PAGERANK_DEFAULTS,
  k: 10,
  window: 10,
  lengthCap: 5,
  singleWordWeight: 0.4,
  frequencyExponent: 0.5,
  positionWeight: 1,
  positionDecay: 10,
  rareBoost: 1.6,
  rareWordBoost: 2.4,
  acronymBoost: 2,
  acronymPhraseWeight: 0.8,
  definedBoost: 2,
  adjectiveStartWeight: 0.8,
  fillerEdgeWeight: 0.6,
  afterOfBoost: 1.4,
};

/** Word-graph ranks of a tagged text's content words, keyed by stem, scaled so the mean rank is 1. */
function wordRanks(
  tokens: readonly TaggedToken[],
  roles: readonly PhraseRole[],
  options: Readonly<KeyphraseOptions>,
): Map<string, number> {
  const ids = new Map<string, number>();
  const nodeOf: number[] = tokens.map((token, i) => {
    if (!roles[i]) return -1;
    let id = ids.get(token.stem);
    if (id === undefined) {
      id = ids.size;
      ids.set(token.stem, id);
    }
    return id;
  });
  const size = ids.size;
  const edges = new Map<number, number>();
  for (let i = 0; i < nodeOf.length; i++) {
    const a = nodeOf[i]!;
    if (a < 0) continue;
    for (let j = i + 1; j < Math.min(i + options.window, nodeOf.length); j++) {
      const b = nodeOf[j]!;
      if (b < 0 || b === a) continue;
      const key = a < b ? a * size + b : b * size + a;
      edges.set(key, (edges.get(key) ?? 0) + 1);
    }
  }
  const scores = pageRank(graphFromEdges(size, edges), options);
  const ranks = new Map<string, number>();
  for (const [stem, id] of ids) ranks.set(stem, scores[id]! * size);
  return ranks;
}

/** Surface text of tokens `[from, to)`: the words as written, lower-cased, with any line break made a space. */
export const surfaceOf = (text: string, tokens: readonly TaggedToken[], from: number, to: number): string =>
  text
    .slice(tokens[from]!.start, tokens[to - 1]!.end)
    .replace(/\s+/g, ' ')
    .toLowerCase();

// An acronym as written: two or more capitals, digits allowed, a lower-case letter only between capitals or
// as a plural s ("SVM", "CO2", "C60", "MeV", "GaAs", "SVMs"); "Fourier" and "pH" are not.
const ACRONYM = /^[A-Z0-9]*[A-Z][A-Z0-9]*[A-Z0-9]$|^[A-Z][a-z]?[A-Z]+s?$/;

/** Whether token `i` is written as an acronym in the text. */
const isAcronym = (text: string, tokens: readonly TaggedToken[], i: number): boolean =>
  ACRONYM.test(text.slice(tokens[i]!.start, tokens[i]!.end));

/** Keys of the candidates written just before a parenthesised acronym: "support vector machine (SVM)". */
function definedByAcronym(text: string, tokens: readonly TaggedToken[], occurrences: readonly CandidateOccurrence[]) {
  const keys = new Set<string>();
  for (const c of occurrences)
    if (tokens[c.to]?.word === '(' && c.to + 1 < tokens.length && isAcronym(text, tokens, c.to + 1)) keys.add(c.key);
  return keys;
}

interface Scored {
  readonly phrase: string;
  readonly score: number;
  readonly first: number;
}

/**
 * The top-k keyphrases of a text, best first.
 * @example extractKeyphrases(abstract, { ...KEYPHRASE_DEFAULTS, k: 5 }) // [{phrase: 'word graph', score: 2.1}, …]
 */
export function extractKeyphrases(text: string, options: Readonly<KeyphraseOptions> = KEYPHRASE_DEFAULTS): Keyphrase[] {
  const tokens = tagText(text);
  if (tokens.length === 0) return [];
  const roles = phraseRoles(tokens, options);
  const ranks = wordRanks(tokens, roles, options);
  const occurrences = candidates(tokens, options, roles);
  const counts = new Map<string, number>();
  for (const c of occurrences) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  const defined = definedByAcronym(text, tokens, occurrences);
  const best = new Map<string, Scored>();
  for (const c of occurrences) {
    if (best.has(c.key)) continue;
    const tokenCount = c.to - c.from;
    const words = c.key.split(' ').length; // a hyphenated compound counts its parts: "web-based platforms" is 3
    // Geometric mean of the words' ranks: a phrase is only as central as its weakest word.
    let logRank = 0;
    for (let i = c.from; i < c.to; i++) logRank += Math.log(ranks.get(tokens[i]!.stem) ?? Number.MIN_VALUE);
    const rank = Math.exp(logRank / tokenCount);
    const repetition = words === 1 ? options.singleWordWeight : (counts.get(c.key) ?? 1) ** options.frequencyExponent;
    const position = 1 + options.positionWeight / (1 + (options.positionDecay * c.from) / tokens.length);
    let rare = false;
    let acronym = false;
    for (let i = c.from; i < c.to; i++) {
      rare ||= tokens[i]!.rare;
      acronym ||= isAcronym(text, tokens, i);
    }
    const single = tokenCount === 1;
    const form =
      (words > 1 && tokens[c.from]!.pos === 'ADJ' ? options.adjectiveStartWeight : 1) *
      (!single && (GENERIC_NOUNS.has(tokens[c.from]!.stem) || GENERIC_NOUNS.has(tokens[c.to - 1]!.stem))
        ? options.fillerEdgeWeight
        : 1) *
      (tokens[c.from - 1]?.word === 'of' ? options.afterOfBoost : 1) *
      (rare ? (single ? options.rareWordBoost : options.rareBoost) : 1) *
      (acronym ? (single ? options.acronymBoost : options.acronymPhraseWeight) : 1) *
      (defined.has(c.key) ? options.definedBoost : 1);
    const score = rank * Math.min(words, options.lengthCap) * repetition * position * form;
    best.set(c.key, { phrase: surfaceOf(text, tokens, c.from, c.to), score, first: c.from });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.first - b.first || (a.phrase < b.phrase ? -1 : 1))
    .slice(0, options.k)
    .map(({ phrase, score }) => ({ phrase, score }));
}
