/**
 * `brief(store, topic)`: Kora's main job. Reads as the list of its stages: gather evidence, group it into
 * subtopics (clusters, or the user's outline), label the groups, assemble the sections. Deterministic.
 */

import { clusterTexts } from '../analyze/cluster.ts';
import { DISTINCTIVE_DEFAULTS, distinctiveKeyphrases } from '../analyze/keyphrases.ts';
import type { Brief } from '../core/model.ts';
import { stem, terms, tokenize } from '../core/text.ts';
import type { DateRange, Store } from '../store/store.ts';
import { assembleBrief, DEFAULT_ASSEMBLE, type EvidenceGroup } from './assemble.ts';
import { type EvidenceSentence, gatherEvidence } from './evidence.ts';
import { sentenceQuality } from './hygiene.ts';
import { titleCase } from './labels.ts';

export interface BriefOptions extends DateRange {
  /** Number of discovered subtopics (ignored with an outline). */
  readonly subtopics: number;
  readonly bullets: number;
  /** The user's own subtopics, each filled with its best evidence. */
  readonly outline?: readonly string[];
}

export const DEFAULT_BRIEF: BriefOptions = { subtopics: 5, bullets: 3 };

/** Evidence sentences clustered into subtopics (sentences; more is slower and noisier, fewer misses themes). */
const POOL_SIZE = 240;
/** Evidence sentences considered per outline item. */
const OUTLINE_POOL_SIZE = 60;
/** Keyphrases kept per subtopic. */
const KEYPHRASES_PER_SUBTOPIC = 5;

const usable = (evidence: readonly EvidenceSentence[], size: number) =>
  evidence.filter((s) => sentenceQuality(s.text, s.kind) > 0).slice(0, size);

const sourcesIn = (evidence: readonly EvidenceSentence[]) => new Set(evidence.map((s) => s.sourceId)).size;

/** Words too general to name a subtopic on their own. */
const GENERIC_LABELS = new Set(
  terms(
    'country countries state states nation nations world people way time year years region issue issues question questions effort efforts situation process part number today side sides member members',
  ),
);

/** The text without the topic's own words: every evidence sentence names them, so they cannot tell themes apart. */
function withoutTopic(text: string, topicTerms: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const token of tokenize(text)) {
    if (!topicTerms.has(stem(token.word))) continue;
    out += text.slice(last, token.start);
    last = token.end;
  }
  return out + text.slice(last);
}

/** Keyphrases fit for a label: not made only of the topic's words or of generic words. */
function labelPhrases(phrases: readonly string[], topicTerms: ReadonlySet<string>): string[] {
  return phrases.filter((phrase) => {
    const words = terms(phrase);
    return words.length > 0 && words.some((w) => !topicTerms.has(w) && !GENERIC_LABELS.has(w));
  });
}

/** Discovers `k` subtopics by clustering the pool; the strongest (by relevance mass) come first. */
function discoverGroups(
  pool: readonly EvidenceSentence[],
  k: number,
  topicTerms: ReadonlySet<string>,
): EvidenceGroup[] {
  if (pool.length === 0) return [];
  const assignment = clusterTexts(
    pool.map((s) => withoutTopic(s.text, topicTerms)),
    { k: Math.min(k, pool.length) },
  );
  const clusters = new Map<number, EvidenceSentence[]>();
  pool.forEach((sentence, i) => {
    const c = assignment[i] ?? 0;
    clusters.set(c, [...(clusters.get(c) ?? []), sentence]);
  });
  const ordered = [...clusters.values()]
    .map((evidence) => ({ evidence, mass: evidence.reduce((sum, s) => sum + s.relevance, 0) }))
    .sort((a, b) => b.mass - a.mass || (a.evidence[0]?.sentenceId ?? 0) - (b.evidence[0]?.sentenceId ?? 0))
    .map((c) => c.evidence);
  const labels = distinctiveKeyphrases(
    ordered.map((group) => group.map((s) => s.text)),
    { ...DISTINCTIVE_DEFAULTS, k: KEYPHRASES_PER_SUBTOPIC * 3 },
  );
  return ordered.map((evidence, i) => ({
    keyphrases: labelPhrases(labels[i] ?? [], topicTerms).slice(0, KEYPHRASES_PER_SUBTOPIC),
    evidence,
    matchingSources: sourcesIn(evidence),
  }));
}

/** Fills each outline item with evidence naming (most of) its own terms; none → an empty group (a gap). */
async function outlineGroups(
  store: Store,
  topic: string,
  outline: readonly string[],
  range: DateRange,
): Promise<EvidenceGroup[]> {
  const groups: EvidenceGroup[] = [];
  for (const item of outline) {
    const evidence = await gatherEvidence(store, `${topic} ${item}`, {
      ...range,
      depth: 400,
      requireTerms: terms(item),
    });
    const pool = usable(evidence, OUTLINE_POOL_SIZE);
    groups.push({
      label: titleCase(item.trim()),
      keyphrases: [],
      evidence: pool,
      matchingSources: sourcesIn(evidence),
    });
  }
  const labels = distinctiveKeyphrases(groups.map((g) => g.evidence.map((s) => s.text)));
  return groups.map((g, i) => ({
    ...g,
    keyphrases: g.evidence.length ? (labels[i] ?? []).slice(0, KEYPHRASES_PER_SUBTOPIC) : [],
  }));
}

/** Keyword tags: each subtopic's two strongest keyphrases; a word already inside a longer tag is dropped. */
function tagsOf(groups: readonly EvidenceGroup[]): string[] {
  const phrases = [...new Set(groups.flatMap((g) => g.keyphrases.slice(0, 2)).map((t) => t.toLowerCase()))];
  return phrases.filter((t) => !phrases.some((other) => other !== t && ` ${other} `.includes(` ${t} `)));
}

/** Writes a grounded brief on `topic` from the library: `await brief(store, 'Russia China relations')`. */
export async function brief(store: Store, topic: string, options: Partial<BriefOptions> = {}): Promise<Brief> {
  const settings: BriefOptions = { ...DEFAULT_BRIEF, ...options };
  const range: DateRange = {
    ...(settings.since ? { since: settings.since } : {}),
    ...(settings.until ? { until: settings.until } : {}),
  };
  const evidence = await gatherEvidence(store, topic, { ...range, depth: 800 });
  const pool = usable(evidence, POOL_SIZE);
  const groups = settings.outline?.length
    ? await outlineGroups(store, topic, settings.outline, range)
    : discoverGroups(pool, settings.subtopics, new Set(terms(topic)));
  const tags = tagsOf(groups);
  const assembled = assembleBrief(topic, pool, groups, tags, { ...DEFAULT_ASSEMBLE, bullets: settings.bullets });
  if (evidence.length === 0) {
    return {
      ...assembled,
      gaps: [{ subtopic: topic, reason: 'No evidence in the library for this topic' }, ...assembled.gaps],
    };
  }
  const sources = await Promise.all(
    assembled.sources.map(async (source) => ({
      ...source,
      location: (await store.getSource(source.id))?.location ?? '',
    })),
  );
  return { ...assembled, sources };
}
