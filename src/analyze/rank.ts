/**
 * Sentence centrality and redundancy-aware selection.
 * LexRank: Erkan & Radev 2004 (continuous variant, damped power iteration over cosine similarities).
 * MMR: Carbonell & Goldstein 1998 (relevance minus λ-weighted similarity to what is already chosen).
 */
import { cosine, type SparseVector } from './tfidf.ts';

export interface LexRankOptions {
  /** Damping: probability of following a similarity edge rather than jumping (0.8–0.9). */
  readonly damping: number;
  /** Power-iteration steps; LexRank converges in well under 50 on a few hundred sentences. */
  readonly iterations: number;
  /** Similarities below this are dropped from the graph (0–0.2); removes noise edges from shared stopword-like terms. */
  readonly minSimilarity: number;
}

export const DEFAULT_LEXRANK: LexRankOptions = { damping: 0.85, iterations: 40, minSimilarity: 0.05 };

/** Centrality of each vector in the similarity graph of all of them; sums to 1. */
export function lexRank(
  vectors: readonly SparseVector[],
  options: Readonly<LexRankOptions> = DEFAULT_LEXRANK,
): number[] {
  const n = vectors.length;
  if (n === 0) return [];
  const edges: { to: number; weight: number }[][] = vectors.map(() => []);
  const degree = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sim = cosine(vectors[i] as SparseVector, vectors[j] as SparseVector);
      if (sim < options.minSimilarity) continue;
      edges[i]?.push({ to: j, weight: sim });
      edges[j]?.push({ to: i, weight: sim });
      degree[i] = (degree[i] ?? 0) + sim;
      degree[j] = (degree[j] ?? 0) + sim;
    }
  }
  let rank = new Array<number>(n).fill(1 / n);
  for (let step = 0; step < options.iterations; step++) {
    const next = new Array<number>(n).fill((1 - options.damping) / n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const d = degree[i] ?? 0;
      if (d === 0) {
        dangling += rank[i] ?? 0;
        continue;
      }
      for (const edge of edges[i] ?? [])
        next[edge.to] = (next[edge.to] ?? 0) + (options.damping * (rank[i] ?? 0) * edge.weight) / d;
    }
    rank = next.map((r) => r + (options.damping * dangling) / n);
  }
  return rank;
}

export interface MmrOptions {
  /** Trade-off: 1 = relevance only, 0 = novelty only (0.5–0.8). */
  readonly lambda: number;
  /** Candidates this similar to a chosen one are never chosen (cosine, 0.5–0.9). */
  readonly maxSimilarity: number;
}

export const DEFAULT_MMR: MmrOptions = { lambda: 0.7, maxSimilarity: 0.6 };

/** A candidate for selection: its vector, its score (higher is better) and a group (e.g. its source). */
export interface Candidate {
  readonly vector: SparseVector;
  readonly score: number;
  readonly group: string;
}

/**
 * Picks up to `count` candidates by MMR; a candidate whose group was already picked is considered only when no
 * candidate from a new group remains (source diversity). `avoid` holds vectors chosen elsewhere (other sections).
 * Returns indices into `candidates`, in pick order.
 */
export function selectMmr(
  candidates: readonly Candidate[],
  count: number,
  avoid: readonly SparseVector[] = [],
  options: Readonly<MmrOptions> = DEFAULT_MMR,
): number[] {
  const maxScore = Math.max(1e-12, ...candidates.map((c) => c.score));
  const chosen: number[] = [];
  const usedGroups = new Set<string>();
  const taken = [...avoid];
  while (chosen.length < count) {
    let best = -1;
    let bestValue = Number.NEGATIVE_INFINITY;
    let bestNewGroup = false;
    candidates.forEach((candidate, index) => {
      if (chosen.includes(index)) return;
      const redundancy = Math.max(0, ...taken.map((v) => cosine(candidate.vector, v)));
      if (redundancy >= options.maxSimilarity) return;
      const newGroup = !usedGroups.has(candidate.group);
      const value = options.lambda * (candidate.score / maxScore) - (1 - options.lambda) * redundancy;
      if ((newGroup && !bestNewGroup) || (newGroup === bestNewGroup && value > bestValue)) {
        best = index;
        bestValue = value;
        bestNewGroup = newGroup;
      }
    });
    if (best < 0) break;
    chosen.push(best);
    usedGroups.add((candidates[best] as Candidate).group);
    taken.push((candidates[best] as Candidate).vector);
  }
  return chosen;
}
