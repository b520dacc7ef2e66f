/**
 * Aligns one claim to the evidence: finds the evidence sentences that best state it and measures how much
 * of it they state. Coverage is IDF-weighted with the IDF estimated from the evidence itself, so a claim's
 * rare words (names, topic words) count more than words every evidence sentence shares.
 */
import type { Analysis } from './judge-analysis.ts';

/** The evidence, analysed once per judgement. */
export interface EvidenceIndex {
  readonly sentences: readonly Analysis[];
  /** Each sentence's terms as a set, built once. */
  readonly termSets: readonly ReadonlySet<string>[];
  /** Term weight: 1 + log((n + 1) / (df + 0.5)) over the n evidence sentences. */
  readonly idf: ReadonlyMap<string, number>;
  /** Weight of a term no evidence sentence has: as rare as a term seen in no sentence. */
  readonly unseenWeight: number;
  /** Every term of the evidence. */
  readonly terms: ReadonlySet<string>;
  /** Terms the evidence writes capitalised mid-sentence and never in lower case: proper names. */
  readonly names: ReadonlySet<string>;
}

/** Builds the evidence index of analysed sentences. */
export function indexEvidence(sentences: readonly Analysis[]): EvidenceIndex {
  const df = new Map<string, number>();
  const capitalised = new Set<string>();
  const lower = new Set<string>();
  for (const s of sentences) {
    for (const t of new Set(s.terms)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const n of s.names) capitalised.add(n);
    for (const l of s.lower) lower.add(l);
  }
  const n = sentences.length;
  const idf = new Map<string, number>();
  for (const [t, f] of df) idf.set(t, 1 + Math.log((n + 1) / (f + 0.5)));
  const names = new Set([...capitalised].filter((t) => !lower.has(t)));
  const termSets = sentences.map((s) => new Set(s.terms));
  return {
    sentences,
    termSets,
    idf,
    unseenWeight: 1 + Math.log((n + 1) / 0.5),
    terms: new Set(df.keys()),
    names,
  };
}

/** Shortest stem that may match a longer one by prefix ("iraq" ~ "iraqi"); characters. */
const PREFIX_MIN = 4;
/** Most extra characters a prefix match may add ("america" ~ "american", not "state" ~ "statements"). */
const PREFIX_SLACK = 3;

/**
 * Rewrites claim terms the evidence lacks to an evidence term they are a prefix of, or that is a prefix of
 * them, since Porter stems of related forms often differ only in the tail ("iraq"/"iraqi").
 */
export function resolveTerms(claim: readonly string[], index: EvidenceIndex): string[] {
  const resolved = new Map<string, string>();
  return claim.map((t) => {
    if (index.terms.has(t) || t.length < PREFIX_MIN || /^\d/.test(t)) return t;
    let match = resolved.get(t);
    if (match === undefined) {
      match = t;
      for (const d of index.terms) {
        if (d.length < PREFIX_MIN || Math.abs(d.length - t.length) > PREFIX_SLACK) continue;
        if ((d.startsWith(t) || t.startsWith(d)) && (match === t || d < match)) match = d;
      }
      resolved.set(t, match);
    }
    return match;
  });
}

/** Tolerance when comparing coverages, so ties keep the earlier (and shorter) window. */
const EPSILON = 1e-12;

/** Largest gap (in content terms) between the two words of a claim bigram for it to count as stated. */
const BIGRAM_SPAN = 4;

/** Share of the claim's consecutive term pairs that occur in the same order, close together, in a sentence. */
export function bigramCoverage(claim: readonly string[], sentences: readonly Analysis[]): number {
  if (claim.length < 2) return 1;
  let found = 0;
  for (let i = 0; i + 1 < claim.length; i++) {
    const a = claim[i]!;
    const b = claim[i + 1]!;
    if (sentences.some((s) => hasOrderedPair(s.terms, a, b))) found++;
  }
  return found / (claim.length - 1);
}

function hasOrderedPair(terms: readonly string[], a: string, b: string): boolean {
  for (let i = 0; i < terms.length; i++) {
    if (terms[i] !== a) continue;
    for (let j = i + 1; j < Math.min(terms.length, i + 1 + BIGRAM_SPAN); j++) if (terms[j] === b) return true;
  }
  return false;
}

/** The evidence sentences chosen for a claim, best first, and the terms they state together. */
export interface Alignment {
  readonly best: number[];
  readonly terms: ReadonlySet<string>;
  /** Pronoun genders of the best window (see Analysis.genders). */
  readonly genders: number;
  /** Coverage of the best single sentence or adjacent pair; in [0, 1]. */
  readonly windowCoverage: number;
}

/**
 * Greedy alignment: the sentence (or adjacent pair) covering most of the claim's weight, then further
 * sentences while each adds coverage, up to `maxSentences` — claims often combine facts from two places.
 */
export function align(claim: readonly string[], index: EvidenceIndex, maxSentences: number, pairs = true): Alignment {
  const { sentences, termSets } = index;
  const wanted = [...new Set(claim)];
  const weights = wanted.map((t) => index.idf.get(t) ?? index.unseenWeight);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  // hits[i][k]: sentence i states claim term k. Coverage of a union is the weight of the OR of their rows.
  const hits = termSets.map((set) => wanted.map((t) => set.has(t)));
  const covered = (rows: readonly (readonly boolean[])[]): number => {
    let hit = 0;
    for (let k = 0; k < wanted.length; k++) if (rows.some((r) => r[k])) hit += weights[k]!;
    return hit / total;
  };
  let bestWindow: number[] = [];
  let bestCover = -1;
  const singles = hits.map((row) => covered([row]));
  for (let i = 0; i < sentences.length; i++) {
    if (singles[i]! > bestCover + EPSILON) [bestWindow, bestCover] = [[i], singles[i]!];
  }
  // A pair wins only when it states more than either of its sentences alone (and than any single sentence).
  for (let i = 0; pairs && i + 1 < sentences.length; i++) {
    const pair = covered([hits[i]!, hits[i + 1]!]);
    if (pair > bestCover + EPSILON && pair > Math.max(singles[i]!, singles[i + 1]!) + EPSILON) {
      [bestWindow, bestCover] = [[i, i + 1], pair];
    }
  }
  const chosen = [...bestWindow];
  let cover = Math.max(bestCover, 0);
  while (chosen.length < maxSentences && cover < 1 - EPSILON) {
    let next = -1;
    let nextCover = cover;
    const rows = chosen.map((k) => hits[k]!);
    for (let i = 0; i < sentences.length; i++) {
      if (chosen.includes(i)) continue;
      const c = covered([...rows, hits[i]!]);
      if (c > nextCover + EPSILON) [next, nextCover] = [i, c];
    }
    if (next < 0) break;
    chosen.push(next);
    cover = nextCover;
  }
  const parts = chosen.map((k) => sentences[k]!);
  return {
    best: chosen,
    terms: new Set(parts.flatMap((p) => p.terms)),
    genders: bestWindow.reduce((g, k) => g | sentences[k]!.genders, 0),
    windowCoverage: Math.max(bestCover, 0),
  };
}
