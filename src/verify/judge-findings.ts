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
  /** 1 when exactly one of the claim and its window negates the claim's words (see negates). */
  readonly negation: number;
  /** 1 when the claim's gendered pronouns and its window's are of opposite genders only. */
  readonly gender: number;
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
  return {
    terms: distinct.length,
    novel: distinct.length - inEvidence.length,
    novelFacts: distinct.filter((t) => !index.terms.has(t) && (claimNames.has(t) || isNumber(t))).length,
    scattered: inEvidence.filter((t) => !window.terms.has(t)).length,
    scatteredSingle: inEvidence.filter((t) => !single.terms.has(t)).length,
    scatteredFar: inEvidence.filter((t) => !wide.terms.has(t)).length,
    names: inEvidence.filter((t) => isName(t) && !window.terms.has(t)).length,
    breaks: Math.round((1 - bigramCoverage(terms, windowSentences)) * Math.max(0, terms.length - 1)),
    negation: claim.negated === windowSentences.some((s) => negates(s, new Set(terms))) ? 0 : 1,
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
    contextCoverage: weightedShare(
      distinct.filter((t) => !missingFacts.has(t)),
      window.terms,
      index,
    ),
    alignment: window,
    wide,
  };
}
