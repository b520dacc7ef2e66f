/**
 * The defects of one claim sentence against the evidence, as counts: words the evidence never uses, words
 * it uses only away from where the claim aligns, names and numbers it replaces, broken word order, flipped
 * negation or pronoun gender. The judge turns these counts into a score (judge.ts).
 */
import { type Alignment, align, bigramCoverage, type EvidenceIndex, resolveTerms } from './judge-align.ts';
import type { Analysis } from './judge-analysis.ts';

/** Counts of what the evidence fails to state about one claim sentence. */
export interface Findings {
  /** Distinct content terms of the claim sentence. */
  readonly terms: number;
  /** Distinct claim terms absent from the whole evidence. */
  readonly novel: number;
  /** Novel terms that are numbers or written capitalised in the claim: hallucinated facts. */
  readonly novelFacts: number;
  /** Claim terms the evidence has, but not in the best-aligned sentence or adjacent pair. */
  readonly scattered: number;
  /** Claim terms the evidence has, but not in the best single sentence. */
  readonly scatteredSingle: number;
  /** Claim terms the evidence has, but not in the greedy union of the best few sentences (see GREEDY_SENTENCES). */
  readonly scatteredFar: number;
  /** Claim names (capitalised in claim or evidence) the evidence has, but not in the aligned window. */
  readonly names: number;
  /** Consecutive claim term pairs not found in order, close together, in the aligned window. */
  readonly breaks: number;
  /**
   * Evidence terms the claim leaves out from inside the shortest stretch of a window sentence that holds
   * every claim term the sentence has; the least over the window's sentences (see skippedInside).
   */
  readonly skipped: number;
  /**
   * 1 when exactly one of the claim and its window negates the claim's words (see negates). A negated claim
   * whose window lacks the negation counts only when the window is its source (see NEGATION_SOURCE_COVERAGE).
   */
  readonly negation: number;
  /** 1 when the claim's gendered pronouns and its window's are of opposite genders only. */
  readonly gender: number;
  /** Unknown-word placeholders in the claim ("UNK"): the words they stand for are facts no evidence states. */
  readonly placeholders: number;
  /** Claim names or numbers the best single sentence replaces by another in the same context (see substitutions). */
  readonly swaps: number;
  /** IDF-weighted share of the claim's other terms (all but its missing names and numbers) the window states. */
  readonly contextCoverage: number;
  /** The best-aligned window (one sentence or an adjacent pair). */
  readonly alignment: Alignment;
  /** The window plus the sentences that add most coverage, best first: the evidence to quote. */
  readonly wide: Alignment;
}

/** How many content terms after a negation cue it negates ("did not fall in 2020": fall, 2020). */
const NEGATION_SCOPE = 4;

/** Whether a sentence negates one of the claim's terms: a cue followed, within the scope, by such a term. */
function negates(sentence: Analysis, claim: ReadonlySet<string>): boolean {
  return sentence.negations.some((at) => sentence.terms.slice(at, at + NEGATION_SCOPE).some((t) => claim.has(t)));
}

/**
 * Least IDF-weighted share of a negated claim's other terms its window must state for the window's lack of
 * a negation to count; in [0, 1], the same bar as for a contradiction. A window that states little of the
 * claim is not its source, so its silence about the negation says nothing ("no candidate was a clear
 * favourite" against a sentence on the polls), while a window that negates the claim's own words does.
 */
const NEGATION_SOURCE_COVERAGE = 0.75;

/** How far (in content terms) a context word may sit from the slot it anchors, for a substitution. */
const SLOT_REACH = 2;

/** Whether `term` occurs in `terms[from, to)`, clipped to the array. */
function occursIn(terms: readonly string[], term: string | undefined, from: number, to: number): boolean {
  if (term === undefined) return false;
  for (let k = Math.max(0, from); k < Math.min(terms.length, to); k++) if (terms[k] === term) return true;
  return false;
}

/**
 * Counts claim names and numbers the window lacks although it has their context: a neighbouring claim term
 * next to a different name or number in the window ("the judge ordered Stiviano" against the claim
 * "Sterling ordered Stiviano"). These same-role mismatches make a claim contradicted, not just unsupported.
 */
function substitutions(
  terms: readonly string[],
  missing: ReadonlySet<string>,
  window: readonly Analysis[],
  isFact: (t: string) => boolean,
): number {
  let count = 0;
  for (let i = 0; i < terms.length; i++) {
    if (!missing.has(terms[i]!)) continue;
    const before = terms[i - 1];
    const after = terms[i + 1];
    const swapped = window.some((s) =>
      s.terms.some(
        (y, j) =>
          isFact(y) &&
          !terms.includes(y) &&
          (occursIn(s.terms, before, j - SLOT_REACH, j) || occursIn(s.terms, after, j + 1, j + 1 + SLOT_REACH)),
      ),
    );
    if (swapped) count++;
  }
  return count;
}

/**
 * Terms of `sentence` that are not claim terms, inside its shortest stretch that holds every claim term it
 * has (the minimum-window scan, linear in the sentence length); 0 when it has fewer than two claim terms.
 * `skippedInside(["a", "x", "y", "b"], new Set(["a", "b"]))` → 2.
 */
export function skippedInside(
  sentence: readonly string[],
  claim: ReadonlySet<string>,
  asides: readonly number[] = [],
): number {
  const wanted = new Set(sentence.filter((t) => claim.has(t)));
  // An aside that holds none of the claim's terms was trimmed whole: its words are not skipped.
  const quoted = new Set(sentence.flatMap((t, k) => (claim.has(t) ? [asides[k] ?? -1] : [])));
  const trimmed = (k: number): boolean => (asides[k] ?? -1) >= 0 && !quoted.has(asides[k]!);
  if (wanted.size < 2) return 0;
  const counts = new Map<string, number>();
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let lo = 0, hi = 0; hi < sentence.length; hi++) {
    const t = sentence[hi]!;
    if (!wanted.has(t)) continue;
    const c = (counts.get(t) ?? 0) + 1;
    counts.set(t, c);
    if (c === 1) have++;
    // Shrink from the left while [lo, hi] still holds every wanted term; each shrink step is a candidate.
    while (have === wanted.size) {
      const first = sentence[lo]!;
      if (wanted.has(first)) {
        let inside = 0;
        for (let k = lo; k <= hi; k++) if (!claim.has(sentence[k]!) && !trimmed(k)) inside++;
        best = Math.min(best, inside);
        const left = counts.get(first)! - 1;
        counts.set(first, left);
        if (left === 0) have--;
      }
      lo++;
    }
  }
  return Number.isFinite(best) ? best : 0;
}

/** How many evidence sentences one claim sentence may draw on: claims often join facts from two or three places. */
const GREEDY_SENTENCES = 3;

/** IDF-weighted share of `wanted` found in `found`; 0 when nothing is wanted. */
function weightedShare(wanted: readonly string[], found: ReadonlySet<string>, index: EvidenceIndex): number {
  let total = 0;
  let hit = 0;
  for (const t of wanted) {
    const w = index.idf.get(t) ?? index.unseenWeight;
    total += w;
    if (found.has(t)) hit += w;
  }
  return total === 0 ? 0 : hit / total;
}

const isNumber = (t: string): boolean => /^\d/.test(t);

/** Counts the defects of one analysed claim sentence against indexed evidence. */
export function findDefects(claim: Analysis, index: EvidenceIndex): Findings {
  const terms = resolveTerms(claim.terms, index);
  const window = align(terms, index, 1);
  const wide = align(terms, index, GREEDY_SENTENCES);
  const single = align(terms, index, 1, false);
  const distinct = [...new Set(terms)];
  const claimNames = new Set(resolveTerms([...claim.names], index));
  const isName = (t: string): boolean => claimNames.has(t) || index.names.has(t);
  const inEvidence = distinct.filter((t) => index.terms.has(t));
  const windowSentences = window.best.map((k) => index.sentences[k]!);
  const missingFacts = new Set(distinct.filter((t) => (isName(t) || isNumber(t)) && !single.terms.has(t)));
  const contextCoverage = weightedShare(
    distinct.filter((t) => !missingFacts.has(t)),
    window.terms,
    index,
  );
  const claimTerms = new Set(terms);
  return {
    terms: distinct.length,
    novel: distinct.length - inEvidence.length,
    novelFacts: distinct.filter((t) => !index.terms.has(t) && (claimNames.has(t) || isNumber(t))).length,
    scattered: inEvidence.filter((t) => !window.terms.has(t)).length,
    scatteredSingle: inEvidence.filter((t) => !single.terms.has(t)).length,
    scatteredFar: inEvidence.filter((t) => !wide.terms.has(t)).length,
    names: inEvidence.filter((t) => isName(t) && !window.terms.has(t)).length,
    breaks: Math.round((1 - bigramCoverage(terms, windowSentences)) * Math.max(0, terms.length - 1)),
    skipped: Math.min(
      ...window.best.map((k) => skippedInside(index.sentences[k]!.terms, claimTerms, index.sentences[k]!.asides)),
    ),
    negation:
      claim.negated !== windowSentences.some((s) => negates(s, claimTerms)) &&
      (!claim.negated || contextCoverage >= NEGATION_SOURCE_COVERAGE)
        ? 1
        : 0,
    placeholders: claim.placeholders,
    gender: claim.genders !== 0 && window.genders !== 0 && (claim.genders & window.genders) === 0 ? 1 : 0,
    swaps:
      missingFacts.size === 0
        ? 0
        : substitutions(
            terms,
            missingFacts,
            single.best.map((k) => index.sentences[k]!),
            (t) => isNumber(t) || index.names.has(t),
          ),
    contextCoverage,
    alignment: window,
    wide,
  };
}
