/**
 * Assembles a brief from scored evidence: pure, no I/O. Every statement is a whole stored sentence with a
 * citation whose quote is that sentence, so nothing in a brief is generated.
 */

import { lexRank, selectMmr } from '../analyze/rank.ts';
import { type SparseVector, type TfidfOptions, tfidfVectors } from '../analyze/tfidf.ts';
import type { SourceId } from '../core/ids.ts';
import type { Brief, BriefSource, BriefSubtopic, Citation, Gap, Statement } from '../core/model.ts';
import type { EvidenceSentence } from './evidence.ts';
import { backgroundCue, outlookCue, sentenceQuality } from './hygiene.ts';
import { titleCase } from './labels.ts';

/** A group of evidence for one subtopic: discovered by clustering or given by the user's outline. */
export interface EvidenceGroup {
  /** The outline item's text; undefined for discovered clusters (labelled from keyphrases). */
  readonly label?: string;
  readonly keyphrases: readonly string[];
  readonly evidence: readonly EvidenceSentence[];
  /** How many distinct sources matched this group before selection (for the gaps section). */
  readonly matchingSources: number;
}

export interface AssembleOptions {
  readonly bullets: number;
  readonly summarySentences: number;
  readonly introductionSentences: number;
  readonly conclusionSentences: number;
  readonly tags: number;
}

export const DEFAULT_ASSEMBLE: AssembleOptions = {
  bullets: 3,
  summarySentences: 3,
  introductionSentences: 2,
  conclusionSentences: 2,
  tags: 6,
};

/** Below this share of the best bullet score a subtopic's evidence is "weak" (0–1). */
const WEAK_EVIDENCE = 0.15;
/** Keep every term: near-duplicate detection needs the rare words, and topic words carry centrality. */
const EVERY_TERM: TfidfOptions = { minDf: 1, maxDfRatio: 1, minDfFromTexts: 0 };
/** Weight of centrality against topic relevance when ranking bullets (0–1). */
const CENTRALITY_WEIGHT = 0.4;

interface Scored {
  readonly sentence: EvidenceSentence;
  readonly vector: SparseVector;
  readonly score: number;
}

/** Sentence fitness: relevance × hygiene, blended with centrality in its group. */
function scoreGroup(evidence: readonly EvidenceSentence[], vectorOf: Map<number, SparseVector>): Scored[] {
  const vectors = evidence.map((s) => vectorOf.get(s.sentenceId) as SparseVector);
  const centrality = lexRank(vectors);
  const maxCentrality = Math.max(1e-12, ...centrality);
  return evidence.map((sentence, i) => {
    const quality = sentenceQuality(sentence.text, sentence.kind);
    const central = (centrality[i] ?? 0) / maxCentrality;
    const score = quality * ((1 - CENTRALITY_WEIGHT) * sentence.relevance + CENTRALITY_WEIGHT * central);
    return { sentence, vector: vectors[i] as SparseVector, score };
  });
}

function citationOf(sentence: EvidenceSentence): Citation {
  return { sourceId: sentence.sourceId, start: sentence.start, end: sentence.end, quote: sentence.text };
}

const statementOf = (sentence: EvidenceSentence): Statement => ({
  text: sentence.text,
  citations: [citationOf(sentence)],
});

/** Picks `count` sentences by MMR with source diversity, avoiding everything already in the brief. */
function pick(
  candidates: readonly Scored[],
  count: number,
  taken: SparseVector[],
  usedSentences: Set<number>,
): Scored[] {
  const open = candidates.filter((c) => c.score > 0 && !usedSentences.has(c.sentence.sentenceId));
  const chosen = selectMmr(
    open.map((c) => ({ vector: c.vector, score: c.score, group: c.sentence.sourceId })),
    count,
    taken,
  ).map((i) => open[i] as Scored);
  for (const c of chosen) {
    taken.push(c.vector);
    usedSentences.add(c.sentence.sentenceId);
  }
  return chosen;
}

/** Builds the brief's sections from evidence groups (subtopics) and the whole evidence pool. */
export function assembleBrief(
  topic: string,
  pool: readonly EvidenceSentence[],
  groups: readonly EvidenceGroup[],
  tags: readonly string[],
  options: Readonly<AssembleOptions> = DEFAULT_ASSEMBLE,
): Brief {
  const everything = [...pool, ...groups.flatMap((g) => g.evidence)];
  const unique = [...new Map(everything.map((s) => [s.sentenceId as number, s])).values()].sort(
    (a, b) => a.sentenceId - b.sentenceId,
  );
  const { vectors } = tfidfVectors(
    unique.map((s) => s.text),
    EVERY_TERM,
  );
  const vectorOf = new Map(unique.map((s, i) => [s.sentenceId as number, vectors[i] as SparseVector]));
  const taken: SparseVector[] = [];
  const used = new Set<number>();

  const scoredPool = scoreGroup(pool, vectorOf);
  const executive = pick(scoredPool, options.summarySentences, taken, used);
  const scoredGroups = groups.map((g) => scoreGroup(g.evidence, vectorOf));
  const bulletsPerGroup = scoredGroups.map((scored) => pick(scored, options.bullets, taken, used));
  const introduction = pick(
    scoredPool.map((c) => ({ ...c, score: c.score * backgroundCue(c.sentence.text) })),
    options.introductionSentences,
    taken,
    used,
  );
  const conclusion = pick(
    scoredPool.map((c) => ({ ...c, score: c.score * outlookCue(c.sentence.text) })),
    options.conclusionSentences,
    taken,
    used,
  );

  const bestBullet = Math.max(1e-12, ...bulletsPerGroup.flat().map((c) => c.score));
  const subtopics: BriefSubtopic[] = groups.map((group, i) => ({
    label: group.label ?? titleCase(labelOf(group.keyphrases) ?? `Subtopic ${i + 1}`),
    keyphrases: group.keyphrases,
    bullets: (bulletsPerGroup[i] ?? []).map((c) => statementOf(c.sentence)),
  }));
  const gaps: Gap[] = [];
  subtopics.forEach((subtopic, i) => {
    const chosen = bulletsPerGroup[i] ?? [];
    const group = groups[i] as EvidenceGroup;
    const sourcesUsed = new Set(chosen.map((c) => c.sentence.sourceId)).size;
    if (chosen.length === 0) {
      gaps.push({ subtopic: subtopic.label, reason: 'No evidence in the library' });
    } else if (
      chosen.length < options.bullets ||
      Math.max(...chosen.map((c) => c.score)) < WEAK_EVIDENCE * bestBullet
    ) {
      gaps.push({
        subtopic: subtopic.label,
        reason: `weak evidence: ${chosen.length} of ${options.bullets} bullets, from ${sourcesUsed} of ${group.matchingSources} matching sources`,
      });
    }
  });
  for (const [name, list] of [
    ['Introduction', introduction],
    ['Conclusion', conclusion],
  ] as const) {
    if (list.length === 0) gaps.push({ subtopic: name, reason: 'No suitable sentences in the evidence' });
  }

  const sections = {
    executiveSummary: executive.map((c) => statementOf(c.sentence)),
    introduction: introduction.map((c) => statementOf(c.sentence)),
    subtopics,
    conclusion: conclusion.map((c) => statementOf(c.sentence)),
  };
  return {
    schema: 'kora.brief/v1',
    topic,
    title: briefTitle(topic, subtopics),
    ...sections,
    tags: tags.slice(0, options.tags),
    sources: numberSources(sections, pool.concat(groups.flatMap((g) => g.evidence))),
    gaps,
  };
}

/** Keyphrases read as a label: the first of several words among the strongest few, else the strongest one. */
const LABEL_CANDIDATES = 3;
function labelOf(keyphrases: readonly string[]): string | undefined {
  return keyphrases.slice(0, LABEL_CANDIDATES).find((p) => p.includes(' ')) ?? keyphrases[0];
}

/** The title: the topic as the user gave it, then the two strongest subtopic labels. */
function briefTitle(topic: string, subtopics: readonly BriefSubtopic[]): string {
  const labels = subtopics.filter((s) => s.bullets.length > 0).map((s) => s.label);
  const head = titleCase(topic.trim());
  return labels.length >= 2
    ? `${head}: ${labels[0]} and ${labels[1]}`
    : labels.length === 1
      ? `${head}: ${labels[0]}`
      : head;
}

/**
 * Numbers the cited sources in order of first citation, so `[1]` is the first source the reader meets.
 * Locations are filled in by the caller, which can read the store.
 */
function numberSources(
  sections: {
    executiveSummary: readonly Statement[];
    introduction: readonly Statement[];
    subtopics: readonly BriefSubtopic[];
    conclusion: readonly Statement[];
  },
  evidence: readonly EvidenceSentence[],
): BriefSource[] {
  const statements = [
    ...sections.executiveSummary,
    ...sections.introduction,
    ...sections.subtopics.flatMap((s) => s.bullets),
    ...sections.conclusion,
  ];
  const meta = new Map(evidence.map((s) => [s.sourceId as string, s]));
  const order: SourceId[] = [];
  for (const statement of statements) {
    for (const citation of statement.citations) if (!order.includes(citation.sourceId)) order.push(citation.sourceId);
  }
  return order.map((id, i) => {
    const m = meta.get(id);
    return { id, n: i + 1, title: m?.title ?? id, location: '', ...(m?.date ? { date: m.date } : {}) };
  });
}
