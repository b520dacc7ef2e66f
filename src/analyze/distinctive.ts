/**
 * Distinctive keyphrases of groups of texts (subtopic labels and tags): the noun phrases frequent in one
 * group and rare in the others, scored like TF-IDF with groups as documents — the share of the group's
 * texts that contain the phrase, times log(1 + groups / groups containing it). Each phrase is returned as
 * written in one of the group's texts (lower-cased), so it occurs verbatim, case-insensitively.
 */
import { CANDIDATE_DEFAULTS, type CandidateOptions, candidates, GENERIC_NOUNS, phraseRoles } from './candidates.ts';
import { tagText } from './pos.ts';

export interface DistinctiveOptions extends CandidateOptions {
  /** Phrases returned per group, 1+. */
  readonly k: number;
  /** Longest label, in words; 3 keeps labels readable ("central asian gas", not a whole title). */
  readonly maxLabelWords: number;
  /** Score bonus per extra word, 0–1: at equal spread a two-word phrase reads better than one word. */
  readonly lengthBonus: number;
  /** Texts a phrase must occur in, within its group, to be kept; 2 avoids one-off labels on big groups. */
  readonly minTexts: number;
}

/** Defaults for {@link distinctiveKeyphrases}. */
export const DISTINCTIVE_DEFAULTS: DistinctiveOptions = {
  ...CANDIDATE_DEFAULTS,
  k: 5,
  maxLabelWords: 3,
  lengthBonus: 0.25,
  minTexts: 2,
};

interface PhraseStats {
  /** Texts of the group that contain the phrase. */
  texts: number;
  /** Surface spellings and how often each occurs. */
  surfaces: Map<string, number>;
  first: number;
}

/** Noun phrases of one group (sub-phrases of 1..maxLabelWords words ending on a noun), keyed by stems. */
function groupPhrases(texts: readonly string[], options: Readonly<DistinctiveOptions>): Map<string, PhraseStats> {
  const stats = new Map<string, PhraseStats>();
  let order = 0;
  for (const text of texts) {
    const tokens = tagText(text);
    const roles = phraseRoles(tokens, options);
    const seen = new Set<string>();
    for (const c of candidates(tokens, { ...options, maxWords: Number.MAX_SAFE_INTEGER }, roles)) {
      // Every sub-phrase ending on a noun: "russian gas exports" also counts as "gas exports" and "exports".
      for (let a = c.from; a < c.to; a++) {
        for (let b = a + 1; b <= Math.min(c.to, a + options.maxLabelWords); b++) {
          if (roles[b - 1] !== 'head' || tokens.slice(a, b).every((t) => GENERIC_NOUNS.has(t.stem))) continue;
          const key = tokens
            .slice(a, b)
            .map((t) => t.stem)
            .join(' ');
          const surface = text.slice(tokens[a]!.start, tokens[b - 1]!.end).toLowerCase();
          let s = stats.get(key);
          if (!s) {
            s = { texts: 0, surfaces: new Map(), first: order++ };
            stats.set(key, s);
          }
          if (!seen.has(key)) s.texts += 1;
          seen.add(key);
          s.surfaces.set(surface, (s.surfaces.get(surface) ?? 0) + 1);
        }
      }
    }
  }
  return stats;
}

/** The most frequent spelling, preferring one without line breaks or tabs; ties go to the first seen. */
function bestSurface(surfaces: ReadonlyMap<string, number>): string {
  let best = '';
  let bestRank = -Infinity;
  for (const [surface, count] of surfaces) {
    const rank = count + (/^\S+(?: \S+)*$/.test(surface) ? surfaces.size * 1e6 : 0);
    if (rank > bestRank) {
      best = surface;
      bestRank = rank;
    }
  }
  return best;
}

interface Scored {
  readonly group: number;
  readonly key: string;
  readonly words: readonly string[];
  readonly score: number;
  readonly first: number;
  /** Whether it occurs in enough of the group's texts (minTexts) to be chosen before the fallback. */
  readonly frequent: boolean;
}

/** Shared words that make two multi-word phrases one label ("international atomic energy", "atomic energy agency"). */
const OVERLAP_WORDS = 2;

/** Whether two phrases say the same thing: one's words within the other's ("gas", "russian gas"), or 2+ shared. */
const redundant = (a: readonly string[], b: readonly string[]): boolean =>
  a.every((w) => b.includes(w)) ||
  b.every((w) => a.includes(w)) ||
  a.filter((w) => b.includes(w)).length >= OVERLAP_WORDS;

/**
 * For each group of texts, its characteristic keyphrases, best first; a phrase is given to one group only
 * when others have alternatives.
 * @example distinctiveKeyphrases([['Gas prices rose…', …], ['The election…', …]]) // [['gas prices', …], ['election', …]]
 */
export function distinctiveKeyphrases(
  groups: readonly (readonly string[])[],
  options: Readonly<DistinctiveOptions> = DISTINCTIVE_DEFAULTS,
): string[][] {
  const perGroup = groups.map((texts) => groupPhrases(texts, options));
  const spread = new Map<string, number>(); // groups containing each phrase
  for (const stats of perGroup) for (const key of stats.keys()) spread.set(key, (spread.get(key) ?? 0) + 1);
  const scored: Scored[] = [];
  perGroup.forEach((stats, group) => {
    const size = groups[group]!.length;
    const minTexts = Math.min(options.minTexts, size);
    for (const [key, s] of stats) {
      const words = key.split(' ');
      const idf = Math.log(1 + groups.length / (spread.get(key) ?? 1));
      const score = (s.texts / size) * idf * (1 + options.lengthBonus * (words.length - 1));
      scored.push({ group, key, words, score, first: s.first, frequent: s.texts >= minTexts });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.group - b.group || a.first - b.first || (a.key < b.key ? -1 : 1));
  const chosen: Scored[][] = groups.map(() => []);
  const taken = new Set<string>();
  // Best phrases first across all groups: a phrase goes to the group where it scores highest.
  for (const s of scored) {
    const mine = chosen[s.group]!;
    if (!s.frequent || mine.length >= options.k || taken.has(s.key) || mine.some((c) => redundant(c.words, s.words))) {
      continue;
    }
    mine.push(s);
    taken.add(s.key);
  }
  // A group left without a label (its phrases are one-offs, or went elsewhere) takes its best one anyway.
  for (const s of scored) if (chosen[s.group]!.length === 0) chosen[s.group]!.push(s);
  return chosen.map((list, group) => list.map((s) => bestSurface(perGroup[group]!.get(s.key)!.surfaces)));
}
