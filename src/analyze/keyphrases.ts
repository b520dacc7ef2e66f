/**
 * Keyphrases of one text, by SingleRank (Wan & Xiao 2008): a graph of the text's nouns and adjectives,
 * linked when they occur within a window of each other and weighted by how often they do, ranked by
 * PageRank; each candidate (a noun phrase, see candidates.ts) scores the sum of its words' ranks.
 * Measured with `npm run eval -- keyphrases`: see docs or the report in the commit log.
 * Deterministic: fixed tie-breaks (score, then first position, then the phrase).
 */
import { CANDIDATE_DEFAULTS, type CandidateOptions, candidates, type PhraseRole, phraseRoles } from './candidates.ts';
import { graphFromEdges, PAGERANK_DEFAULTS, type PageRankOptions, pageRank } from './graph.ts';
import { type TaggedToken, tagText } from './pos.ts';

export { DISTINCTIVE_DEFAULTS, type DistinctiveOptions, distinctiveKeyphrases } from './distinctive.ts';

/** A keyphrase as written in the text (lower-cased) and its score (higher is better, comparable within a text). */
export interface Keyphrase {
  readonly phrase: string;
  readonly score: number;
}

export interface KeyphraseOptions extends CandidateOptions, PageRankOptions {
  /** Number of phrases returned, 1 or more. */
  readonly k: number;
  /** Co-occurrence window in tokens (punctuation counts): words fewer than this apart are linked. 2–20. */
  readonly window: number;
  /**
   * Weight of PositionRank's bias (Florescu & Caragea 2017) toward words met early, 0–1: the jump
   * distribution is this mix of 1/position weights and uniform. 0 is plain SingleRank.
   */
  readonly positionBias: number;
  /** Multiplier on one-word candidates' scores, 0–1 (1 = plain SingleRank). */
  readonly singleWordWeight: number;
  /** Exponent on the number of times a candidate occurs, 0–1 (0 = plain SingleRank). */
  readonly frequencyExponent: number;
  readonly nestedMode: 'count' | 'candidate';
  readonly lengthExponent: number;
  readonly redundancy: 'none' | 'permutation' | 'subset';
}

/** Defaults for {@link extractKeyphrases}. */
export const KEYPHRASE_DEFAULTS: KeyphraseOptions = {
  ...CANDIDATE_DEFAULTS,
  ...PAGERANK_DEFAULTS,
  k: 10,
  window: 10,
  positionBias: 0,
  singleWordWeight: 1,
  frequencyExponent: 0,
  nestedMode: 'candidate',
  lengthExponent: 0,
  redundancy: 'none',
};

/** Word-graph ranks of a tagged text's content words, keyed by stem. */
function wordRanks(
  tokens: readonly TaggedToken[],
  roles: readonly PhraseRole[],
  options: Readonly<KeyphraseOptions>,
): Map<string, number> {
  const ids = new Map<string, number>();
  const positionWeight: number[] = [];
  const nodeOf: number[] = tokens.map((token, i) => {
    if (!roles[i]) return -1;
    let id = ids.get(token.stem);
    if (id === undefined) {
      id = ids.size;
      ids.set(token.stem, id);
      positionWeight.push(0);
    }
    positionWeight[id]! += 1 / (i + 1);
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
  let personalization: number[] | undefined;
  if (options.positionBias > 0) {
    const total = positionWeight.reduce((s, x) => s + x, 0);
    personalization = positionWeight.map(
      (w) => options.positionBias * (w / total) + (1 - options.positionBias) * (1 / size),
    );
  }
  const scores = pageRank(graphFromEdges(size, edges), {
    damping: options.damping,
    tolerance: options.tolerance,
    maxIterations: options.maxIterations,
    ...(personalization ? { personalization } : {}),
  });
  const ranks = new Map<string, number>();
  for (const [stem, id] of ids) ranks.set(stem, scores[id]!);
  return ranks;
}

/** Surface text of tokens `[from, to)`: the words as written, lower-cased, with any line break made a space. */
export const surfaceOf = (text: string, tokens: readonly TaggedToken[], from: number, to: number): string =>
  text
    .slice(tokens[from]!.start, tokens[to - 1]!.end)
    .replace(/\s+/g, ' ')
    .toLowerCase();

/**
 * The top-k keyphrases of a text, best first.
 * @example extractKeyphrases(abstract, { ...KEYPHRASE_DEFAULTS, k: 5 }) // [{phrase: 'word graph', score: 0.21}, …]
 */
export function extractKeyphrases(text: string, options: Readonly<KeyphraseOptions> = KEYPHRASE_DEFAULTS): Keyphrase[] {
  const tokens = tagText(text);
  const roles = phraseRoles(tokens, options);
  const ranks = wordRanks(tokens, roles, options);
  const best = new Map<string, { phrase: string; score: number; first: number }>();
  const all = candidates(tokens, options, roles);
  const counts = new Map<string, number>();
  for (const c of all) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
  for (const c of all) {
    if (best.has(c.key) || (!c.maximal && options.nestedMode === 'count')) continue;
    let score = 0;
    for (let i = c.from; i < c.to; i++) score += ranks.get(tokens[i]!.stem) ?? 0;
    if (c.to - c.from === 1 && !c.key.includes(' ')) score *= options.singleWordWeight;
    score *= (counts.get(c.key) ?? 1) ** options.frequencyExponent;
    score *= (c.to - c.from) ** -options.lengthExponent;
    best.set(c.key, { phrase: surfaceOf(text, tokens, c.from, c.to), score, first: c.from });
  }
  const ranked = [...best.entries()].sort(
    ([, a], [, b]) => b.score - a.score || a.first - b.first || (a.phrase < b.phrase ? -1 : 1),
  );
  const chosen: { phrase: string; score: number }[] = [];
  const chosenWords: Set<string>[] = [];
  for (const [key, c] of ranked) {
    if (chosen.length >= options.k) break;
    const words = new Set(key.split(' '));
    if (options.redundancy !== 'none') {
      const redundant = chosenWords.some((w) =>
        options.redundancy === 'permutation'
          ? w.size === words.size && [...words].every((x) => w.has(x))
          : [...words].every((x) => w.has(x)),
      );
      if (redundant) continue;
    }
    chosen.push({ phrase: c.phrase, score: c.score });
    chosenWords.push(words);
  }
  return chosen;
}
