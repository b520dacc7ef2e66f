/**
 * The claim judge: labels a claim `supported`, `contradicted` or `unsupported` against evidence, with a
 * support score in [0, 1]. Lexical and deterministic (no model). Each claim sentence is aligned to its
 * best-matching evidence sentence or adjacent pair (IDF-weighted with the IDF estimated from the evidence
 * itself), its defects are counted (judge-findings.ts), and the weighted defects become a penalty; the
 * worst sentence decides. Weights and threshold were chosen on the dev files: see docs/verification.md.
 */
import type { Judgement, VerdictLabel } from '../core/model.ts';
import { normalizeText } from '../ingest/normalize.ts';
import { segment } from '../ingest/segment.ts';
import { indexEvidence } from './judge-align.ts';
import { analyse, splitClaim } from './judge-analysis.ts';
import { type Findings, findDefects } from './judge-findings.ts';

/** Weights of each defect in the penalty (penalty units per defect; see docs/verification.md). */
export interface PenaltyWeights {
  /** Per share of the claim's terms absent from all the evidence (×share in [0, 1]). */
  readonly novel: number;
  /** Per share of terms the evidence has only outside the best few aligned sentences. */
  readonly scattered: number;
  /**
   * Per share of terms outside the best window, plus per share outside the best single sentence, for
   * extractive claims (no novel term): a claim made only of the evidence's words must come from one place.
   */
  readonly scatteredExtractive: number;
  /** Per share of broken word pairs, for extractive claims only (abstractive ones reorder freely). */
  readonly breaksExtractive: number;
  /** Per name or number the best sentence replaces in the same context, for extractive claims (see swaps). */
  readonly swapExtractive: number;
  /**
   * When an extractive claim leaves out of the middle of its best sentence at least SKIP_SHARE as many terms
   * as it has: it joins words its source keeps apart (see Findings.skipped).
   */
  readonly skipExtractive: number;
  /** Per novel number or capitalised name. */
  readonly novelFact: number;
  /** Per name the evidence has outside the window. */
  readonly name: number;
  /** When the claim's gendered pronouns and the window's are of opposite genders only. */
  readonly gender: number;
  /** When exactly one of the claim and its window negates the claim's words; set for meaning, not fitted. */
  readonly negation: number;
  /**
   * When the claim has an unknown-word placeholder ("UNK"): the word it stands for is unverifiable. Set for
   * meaning, like negation, not fitted.
   */
  readonly placeholder: number;
}

/** Tuning knobs of the judge; every field has a default in JUDGE_DEFAULTS. */
export interface JudgeOptions {
  /** Score at or above which a claim is `supported`; in [0, 1]. */
  readonly threshold: number;
  /** Penalty that halves the score: score = 2^(-penalty / halfLife); penalty units, > 0. */
  readonly halfLife: number;
  readonly weights: PenaltyWeights;
  /** Least window coverage of the claim's other terms for a mismatch to be a contradiction; in [0, 1]. */
  readonly contradictionCoverage: number;
}

/** The judge's defaults; weights and threshold were fitted once on the dev files (docs/verification.md). */
export const JUDGE_DEFAULTS = {
  threshold: 0.5,
  halfLife: 2.25,
  weights: {
    novel: 5,
    scattered: 3.5,
    scatteredExtractive: 6,
    breaksExtractive: 1.4,
    swapExtractive: 1.7,
    skipExtractive: 2.5,
    novelFact: 1.5,
    name: 0.12,
    gender: 4,
    negation: 2.5,
    placeholder: 2.5,
  },
  contradictionCoverage: 0.75,
} as const satisfies JudgeOptions;

/** A judgement plus the indices of the evidence sentences that decided it, best first. */
export interface AlignedJudgement extends Judgement {
  readonly best: number[];
}

/**
 * Splits an evidence text into sentence strings with Kora's own segmenter, then splits again where a
 * lower-cased text ("he won . she lost .") hides boundaries the segmenter needs a capital to see.
 */
export function evidenceSentences(evidence: string): string[] {
  const text = normalizeText(evidence);
  const sentences: string[] = [];
  for (const s of segment(text).sentences) {
    const piece = text.slice(s.start, s.end);
    const last = sentences.length - 1;
    // "on Nov. 10" or "No. 12": the segmenter ends a sentence at the abbreviation's dot before a number.
    if (last >= 0 && ABBREVIATED_BEFORE_NUMBER.test(sentences[last]!.trimEnd()) && /^\s*\d/.test(piece)) {
      sentences[last] = `${sentences[last]!.trimEnd()} ${piece.trimStart()}`;
    } else sentences.push(piece);
  }
  return sentences.flatMap(splitClaim);
}

/** A sentence piece ending in an abbreviation that a number follows: a month ("Sept.") or "No.". */
const ABBREVIATED_BEFORE_NUMBER = /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos)\.$/;

/** Judges a claim against an evidence text. `check("Paris is in France.", "Paris is in France.")` → supported, 1. */
export function check(claim: string, evidence: string, options: Readonly<Partial<JudgeOptions>> = {}): Judgement {
  const { label, score } = judgeAgainst(claim, evidenceSentences(evidence), options);
  return { label, score };
}

/** Lower-cased words joined by single spaces, for the verbatim test. */
const flatten = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Share of an extractive claim's term count that, left out of the middle of its best sentence, makes it a
 * splice rather than a trimmed copy; > 0. Trimming a clause or two keeps the meaning of a copied sentence
 * ("the drone, found on Wednesday, carried cesium" → "the drone carried cesium"), but cutting out as much as
 * the claim keeps joins a subject to a predicate that was about something else.
 */
const SKIP_SHARE = 0.7;

/** Penalty of one claim sentence's defects (see PenaltyWeights). */
export function penalty(f: Findings, w: PenaltyWeights): number {
  const terms = Math.max(1, f.terms);
  const extractive = f.novel === 0 ? 1 : 0;
  return (
    (w.novel * f.novel) / terms +
    (w.scattered * f.scatteredFar) / terms +
    (extractive * w.scatteredExtractive * (f.scattered + f.scatteredSingle)) / terms +
    (extractive * w.breaksExtractive * f.breaks) / Math.max(1, terms - 1) +
    extractive * w.swapExtractive * f.swaps +
    extractive * w.skipExtractive * (f.skipped >= SKIP_SHARE * terms ? 1 : 0) +
    w.novelFact * f.novelFacts +
    w.name * f.names +
    w.gender * f.gender +
    w.negation * f.negation +
    w.placeholder * (f.placeholders > 0 ? 1 : 0)
  );
}

/** Digits kept in a score, so equal inputs print equal scores whatever the float noise. */
const SCORE_DIGITS = 1e6;

/**
 * Judges a claim against evidence sentences; `best` lists the evidence sentences aligned with the claim,
 * the deciding (worst-supported) claim sentence's first.
 * `judgeAgainst("Rome is in Italy.", ["Rome is in Italy.", "Paris is in France."]).best` → [0].
 */
export function judgeAgainst(
  claim: string,
  sentences: readonly string[],
  options: Readonly<Partial<JudgeOptions>> = {},
): AlignedJudgement {
  const o: JudgeOptions = { ...JUDGE_DEFAULTS, ...options };
  const parts = splitClaim(claim)
    .map(analyse)
    .filter((a) => a.terms.length > 0);
  if (parts.length === 0 || sentences.length === 0) return { label: 'unsupported', score: 0, best: [] };
  // A verbatim quote is supported outright: no lexical defect count may overrule the evidence's own words.
  const flatClaim = flatten(claim);
  const verbatim = sentences.findIndex((s) => ` ${flatten(s)} `.includes(` ${flatClaim} `));
  if (verbatim >= 0) return { label: 'supported', score: 1, best: [verbatim] };
  const index = indexEvidence(sentences.map(analyse));
  const judged = parts.map((part) => {
    const findings = findDefects(part, index);
    return { findings, penalty: penalty(findings, o.weights) };
  });
  const worst = judged.reduce((a, b) => (b.penalty > a.penalty ? b : a));
  const score = Math.round(2 ** (-worst.penalty / o.halfLife) * SCORE_DIGITS) / SCORE_DIGITS;
  const best = [...new Set([worst, ...judged].flatMap((j) => j.findings.wide.best))];
  return { label: labelFor(score, worst.findings, o), score, best };
}

/**
 * Below the threshold a claim is contradicted only when its window states most of it and yet swaps one of
 * its names or numbers, flips its negation or its pronoun: precision matters more than recall here.
 */
function labelFor(score: number, f: Findings, o: JudgeOptions): VerdictLabel {
  if (score >= o.threshold) return 'supported';
  const mismatch = f.swaps > 0 || f.negation > 0 || f.gender > 0;
  return mismatch && f.contextCoverage >= o.contradictionCoverage ? 'contradicted' : 'unsupported';
}
