/**
 * The verify stage: a draft in, a claim-by-claim report out. Reads as a list of stage calls: split the draft
 * into claims, retrieve evidence for each from the library, judge each claim against its evidence, and cite
 * the deciding sentences verbatim. Deterministic: same library and draft give the same report.
 */
import type { Citation, Claim, ClaimReport, Judgement, VerdictLabel, VerifyReport } from '../core/model.ts';
import { tokenize } from '../core/text.ts';
import type { DateRange, Store } from '../store/store.ts';
import { type ClaimOptions, DEFAULT_CLAIM_OPTIONS, splitClaims } from './claims.ts';
import {
  type ClaimEvidence,
  claimAnchors,
  DEFAULT_EVIDENCE_OPTIONS,
  type EvidenceGroup,
  type EvidenceOptions,
  type EvidenceSentence,
  newSourceCache,
  retrieveEvidence,
} from './evidence.ts';
import { type JudgeOptions, judgeAgainst } from './judge.ts';
import { canonicalNumber } from './judge-analysis.ts';

export interface VerifyOptions extends DateRange {
  /** Evidence quotes reported per claim (0–10). */
  readonly evidence: number;
  readonly claims: Readonly<ClaimOptions>;
  readonly retrieval: Readonly<Omit<EvidenceOptions, keyof DateRange>>;
  readonly judge: Readonly<Partial<JudgeOptions>>;
}

/** Defaults: three quotes per claim, and each stage's own defaults. */
export const DEFAULT_VERIFY_OPTIONS = {
  evidence: 3,
  claims: DEFAULT_CLAIM_OPTIONS,
  retrieval: DEFAULT_EVIDENCE_OPTIONS,
  judge: {},
} as const satisfies VerifyOptions;

const key = (s: { sourceId: string; start: number }): string => `${s.sourceId}:${s.start}`;

/**
 * The judge's input: each group's sentences in document order, groups separated by an empty string so that
 * the judge's two-sentence windows never join sentences of different sources. Groups already covered by an
 * earlier group are skipped.
 */
function judgeInput(groups: readonly EvidenceGroup[]): (EvidenceSentence | undefined)[] {
  const seen = new Set<string>();
  const seenText = new Set<string>(); // the same speech stored twice (two corpora) gives identical hits
  const out: (EvidenceSentence | undefined)[] = [];
  for (const group of groups) {
    if (seen.has(key(group.hit)) || seenText.has(group.hit.text)) continue;
    seenText.add(group.hit.text);
    if (out.length > 0) out.push(undefined);
    for (const sentence of group.sentences) {
      seen.add(key(sentence));
      out.push(sentence);
    }
  }
  return out;
}

const citationOf = (s: EvidenceSentence): Citation => ({
  sourceId: s.sourceId,
  start: s.start,
  end: s.end,
  quote: s.text,
});

/** The judge's label and score for a claim against some groups, with the sentences that decided it. */
interface Decision extends Judgement {
  readonly decided: readonly EvidenceSentence[];
}

function decide(claim: string, groups: readonly EvidenceGroup[], options: Readonly<VerifyOptions>): Decision {
  const input = judgeInput(groups);
  const judgement = judgeAgainst(
    claim,
    input.map((s) => s?.text ?? ''),
    options.judge,
  );
  const hits = new Set(groups.map((g) => key(g.hit)));
  // The retrieved hit of a two-sentence window is quoted before its neighbour.
  const decided = judgement.best
    .map((i) => input[i])
    .filter((s): s is EvidenceSentence => s !== undefined)
    .sort((a, b) => Number(hits.has(key(b))) - Number(hits.has(key(a))));
  return { label: judgement.label, score: judgement.score, decided };
}

/**
 * Up to `count` quotes. A supported or contradicted claim is quoted with the sentences that decided it, and
 * nothing else (further hits would read as more support); an unsupported claim with the closest sentences
 * the library holds (those that match but for a number first), so the reader sees what is there.
 */
function pickCitations(decision: Decision, evidence: ClaimEvidence, count: number): Citation[] {
  const chosen = new Map<string, Citation>();
  const nearest = [...evidence.groups, ...evidence.numberless].map((g) => g.hit);
  const fallback =
    decision.label === 'unsupported' || decision.decided.length === 0
      ? nearest.length > 0
        ? nearest
        : evidence.ranked
      : [];
  const quoted = new Set<string>();
  for (const s of [...decision.decided, ...fallback]) {
    if (chosen.size >= count) break;
    if (chosen.has(key(s)) || quoted.has(s.text)) continue;
    chosen.set(key(s), citationOf(s));
    quoted.add(s.text);
  }
  return [...chosen.values()];
}

/**
 * True when the sentences state a number (in digits) the claim does not: a real swap ("in 1995" for "in
 * 1992"), not a number merely left unsaid, which the judge may also count as a contradiction.
 */
function statesOtherNumber(sentences: readonly EvidenceSentence[], claimNumbers: ReadonlySet<string>): boolean {
  return sentences.some((s) =>
    tokenize(s.text).some((t) => /^\d/.test(t.word) && !claimNumbers.has(canonicalNumber(t.word))),
  );
}

/**
 * Judges one claim. The label comes from the evidence that states all the claim's names and numbers; when
 * that does not support it, the sentences that match but for a number are asked too, and a contradiction
 * the judge finds there is reported ("in 1992" against "in 1995"). Support is never taken from them: a
 * sentence that lacks the claim's number does not back it, whatever the word overlap.
 */
function judgeClaim(claim: Claim, evidence: ClaimEvidence, options: Readonly<VerifyOptions>): ClaimReport {
  let decision = decide(claim.text, evidence.groups, options);
  if (decision.label !== 'supported' && evidence.numberless.length > 0) {
    const other = decide(claim.text, evidence.numberless, options);
    const swapped =
      other.label === 'contradicted' && statesOtherNumber(other.decided, claimAnchors(claim.text).numbers);
    if (swapped && decision.label !== 'contradicted') decision = other;
  }
  return {
    text: claim.text,
    start: claim.start,
    end: claim.end,
    label: decision.label,
    score: decision.score,
    evidence: pickCitations(decision, evidence, options.evidence),
  };
}

/**
 * Verifies a draft against the library: `await verify(store, draft, { ...DEFAULT_VERIFY_OPTIONS, since: '2010' })`
 * → `{ schema: 'kora.verify/v1', summary: { supported, contradicted, unsupported }, claims: [...] }`.
 */
export async function verify(
  store: Store,
  draft: string,
  options: Readonly<Partial<VerifyOptions>> = {},
): Promise<VerifyReport> {
  const o: VerifyOptions = { ...DEFAULT_VERIFY_OPTIONS, ...options };
  const retrieval: EvidenceOptions = {
    ...o.retrieval,
    ...(o.since ? { since: o.since } : {}),
    ...(o.until ? { until: o.until } : {}),
  };
  const cache = newSourceCache();
  const claims: ClaimReport[] = [];
  for (const claim of splitClaims(draft, o.claims)) {
    const evidence = await retrieveEvidence(store, claim.text, retrieval, cache);
    claims.push(judgeClaim(claim, evidence, o));
  }
  return { schema: 'kora.verify/v1', summary: summarise(claims), claims };
}

/** Claim counts per label, every label present. */
export function summarise(claims: readonly ClaimReport[]): Record<VerdictLabel, number> {
  const summary: Record<VerdictLabel, number> = { supported: 0, contradicted: 0, unsupported: 0 };
  for (const claim of claims) summary[claim.label]++;
  return summary;
}
