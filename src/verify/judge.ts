/**
 * The claim judge: labels a claim `supported`, `contradicted` or `unsupported` against evidence, with a
 * support score in [0, 1]. Lexical and deterministic (no model): the claim is aligned to its best-matching
 * evidence sentence (or pair of adjacent sentences), scored by IDF-weighted coverage of its content words,
 * and penalised for numbers and names the aligned evidence does not state. See docs/verification.md.
 */
import type { Judgement } from '../core/model.ts';
import { normalizeText } from '../ingest/normalize.ts';
import { segment } from '../ingest/segment.ts';
import { type Analysis, analyse } from './judge-analysis.ts';

/** Tuning knobs of the judge; every field has a default in JUDGE_DEFAULTS. */
export interface JudgeOptions {
  /** Score at or above which a claim is `supported`; in [0, 1]. */
  readonly threshold: number;
  /** Multiplier applied per claim number absent from the aligned evidence; in [0, 1]. */
  readonly numberPenalty: number;
  /** Multiplier applied per claim name absent from the aligned evidence; in [0, 1]. */
  readonly namePenalty: number;
  /** Multiplier applied when exactly one side is negated; in [0, 1]. */
  readonly negationPenalty: number;
  /** Minimum coverage of the claim's other words for a mismatch to count as a contradiction; in [0, 1]. */
  readonly contradictionCoverage: number;
}

/** The judge's defaults; the threshold was chosen on the dev files (docs/verification.md). */
export const JUDGE_DEFAULTS = {
  threshold: 0.6,
  numberPenalty: 0.5,
  namePenalty: 0.7,
  negationPenalty: 0.5,
  contradictionCoverage: 0.7,
} as const satisfies JudgeOptions;

/** A judgement plus the indices of the evidence sentences that decided it, best first. */
export interface AlignedJudgement extends Judgement {
  readonly best: number[];
}

/** Splits an evidence text into sentence strings with Kora's own segmenter. */
export function evidenceSentences(evidence: string): string[] {
  const text = normalizeText(evidence);
  return segment(text).sentences.map((s) => text.slice(s.start, s.end));
}

/** Lower-cased, whitespace-collapsed text, for the verbatim test. */
const flatten = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Judges a claim against an evidence text. `check("Paris is in France.", "Paris is in France.")` → supported, 1. */
export function check(claim: string, evidence: string, options: Readonly<Partial<JudgeOptions>> = {}): Judgement {
  const { label, score } = judgeAgainst(claim, evidenceSentences(evidence), options);
  return { label, score };
}

/** Inverse sentence frequency of each term over the evidence sentences, plus one so no weight is zero. */
function idfWeights(sentences: readonly Analysis[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const s of sentences) for (const t of new Set(s.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sentences.length;
  const weights = new Map<string, number>();
  for (const [t, f] of df) weights.set(t, 1 + Math.log((n + 1) / (f + 0.5)));
  return weights;
}

interface Window {
  readonly indices: number[];
  readonly terms: Set<string>;
  readonly numbers: Set<string>;
  readonly names: Set<string>;
  readonly negated: boolean;
}

function windowsOf(sentences: readonly Analysis[]): Window[] {
  const windows: Window[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const group = i + 1 < sentences.length ? [[i], [i, i + 1]] : [[i]];
    for (const indices of group) {
      const parts = indices.map((k) => sentences[k]!);
      windows.push({
        indices,
        terms: new Set(parts.flatMap((p) => p.terms)),
        numbers: new Set(parts.flatMap((p) => [...p.numbers])),
        names: new Set(parts.flatMap((p) => [...p.names])),
        negated: parts.some((p) => p.negated),
      });
    }
  }
  return windows;
}

/** Weight of claim terms found in `found`, over the weight of all claim terms; in [0, 1]. */
function coverage(claim: readonly string[], found: ReadonlySet<string>, idf: ReadonlyMap<string, number>): number {
  const unseen = 1 + Math.log(2); // weight of a term no evidence sentence has: rarer than any seen term
  let total = 0;
  let hit = 0;
  for (const t of new Set(claim)) {
    const w = idf.get(t) ?? unseen;
    total += w;
    if (found.has(t)) hit += w;
  }
  return total === 0 ? 0 : hit / total;
}

/**
 * Judges a claim against evidence sentences; `best` lists the sentences of the best-aligned window.
 * `judgeAgainst("Rome is in Italy.", ["Rome is in Italy.", "Paris is in France."]).best` → [0].
 */
export function judgeAgainst(
  claim: string,
  sentences: readonly string[],
  options: Readonly<Partial<JudgeOptions>> = {},
): AlignedJudgement {
  const o: JudgeOptions = { ...JUDGE_DEFAULTS, ...options };
  const flatClaim = flatten(claim);
  if (flatClaim.length > 0) {
    const verbatim = sentences.findIndex((s) => ` ${flatten(s)} `.includes(` ${flatClaim} `));
    if (verbatim >= 0) return { label: 'supported', score: 1, best: [verbatim] };
  }
  const c = analyse(claim);
  const analysed = sentences.map(analyse);
  if (c.terms.length === 0 || analysed.length === 0) return { label: 'unsupported', score: 0, best: [] };
  const idf = idfWeights(analysed);
  let best: { window: Window; score: number; cover: number } | undefined;
  for (const window of windowsOf(analysed)) {
    const cover = coverage(c.terms, window.terms, idf);
    let score = cover;
    for (const n of c.numbers) if (!window.numbers.has(n)) score *= o.numberPenalty;
    for (const n of c.names) if (!window.terms.has(n)) score *= o.namePenalty;
    if (c.negated !== window.negated) score *= o.negationPenalty;
    if (!best || score > best.score + 1e-12) best = { window, score, cover };
  }
  if (!best) return { label: 'unsupported', score: 0, best: [] };
  const { window, score, cover } = best;
  const rounded = Math.round(score * 1e6) / 1e6;
  if (rounded >= o.threshold) return { label: 'supported', score: rounded, best: window.indices };
  // Contradiction needs the rest of the claim to be stated, so the mismatch is in the same role.
  const rest = c.terms.filter((t) => !c.numbers.has(t));
  const restCover = coverage(rest, window.terms, idf);
  const missingNumber = [...c.numbers].some((n) => !window.numbers.has(n)) && window.numbers.size > 0;
  const flipped = c.negated !== window.negated;
  const contradicted =
    restCover >= o.contradictionCoverage && (missingNumber || (flipped && cover >= o.contradictionCoverage));
  return { label: contradicted ? 'contradicted' : 'unsupported', score: rounded, best: window.indices };
}
