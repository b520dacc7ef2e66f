/**
 * Text clustering: TF-IDF vectors (tfidf.ts) grouped by spherical k-means (Dhillon & Modha 2001: cosine
 * similarity, unit-length centroids), seeded by k-means++ (Arthur & Vassilvitskii 2007) from a fixed-seed
 * PRNG, restarted several times keeping the run with the best objective. Deterministic: same texts and
 * options, same assignment. Cluster numbers are renumbered by first appearance in the input.
 */
import { seededRandom } from './random.ts';
import { cosine, type SparseVector, TFIDF_DEFAULTS, type TfidfOptions, tfidfVectors } from './tfidf.ts';

export interface ClusterOptions extends TfidfOptions {
  /** Number of clusters wanted, 1+; capped at the number of texts. */
  readonly k: number;
  /** Independent k-means++ starts; the best objective wins. 1–50; 10 as in scikit-learn's KMeans. */
  readonly restarts: number;
  /** Lloyd iterations per start at most; spherical k-means on text settles in 10–30. */
  readonly maxIterations: number;
  /** PRNG seed: change it to see how stable a clustering is. Any 32-bit integer. */
  readonly seed: number;
}

/** Defaults for {@link clusterTexts} (k has none: the caller knows how many groups it wants). */
export const CLUSTER_DEFAULTS: Omit<ClusterOptions, 'k'> = {
  ...TFIDF_DEFAULTS,
  restarts: 10,
  maxIterations: 50,
  seed: 20_061_123,
};

const dot = (v: SparseVector, centroid: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.ids.length; i++) s += v.weights[i]! * centroid[v.ids[i]!]!;
  return s;
};

/** k-means++ seeds: each next seed drawn with probability proportional to its cosine distance² to the nearest seed. */
function seeds(vectors: readonly SparseVector[], k: number, random: () => number): number[] {
  const n = vectors.length;
  const chosen = [Math.floor(random() * n)];
  const nearest = new Float64Array(n).fill(Infinity);
  while (chosen.length < k) {
    const last = vectors[chosen[chosen.length - 1]!]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - cosine(vectors[i]!, last));
      nearest[i] = Math.min(nearest[i]!, d * d);
      total += nearest[i]!;
    }
    let next = -1;
    if (total > 0) {
      let target = random() * total;
      for (let i = 0; i < n && next < 0; i++) {
        target -= nearest[i]!;
        if (target <= 0 && nearest[i]! > 0) next = i;
      }
    }
    // All remaining points coincide with a seed (or rounding ran past the end): take the first unused one.
    if (next < 0) next = [...Array(n).keys()].find((i) => !chosen.includes(i)) ?? 0;
    chosen.push(next);
  }
  return chosen;
}

/** One spherical k-means run from the given seeds: assignment and objective (sum of cosine to own centroid). */
function sphericalKMeans(
  vectors: readonly SparseVector[],
  vocabulary: number,
  seedIds: readonly number[],
  maxIterations: number,
): { assignment: Int32Array; objective: number } {
  const k = seedIds.length;
  const n = vectors.length;
  let centroids = seedIds.map((s) => {
    const c = new Float64Array(vocabulary);
    const v = vectors[s]!;
    for (let i = 0; i < v.ids.length; i++) c[v.ids[i]!] = v.weights[i]!;
    return c;
  });
  const assignment = new Int32Array(n).fill(-1);
  const similarity = new Float64Array(n);
  let objective = 0;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let moved = 0;
    objective = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const sim = dot(vectors[i]!, centroids[c]!);
        if (sim > bestSim) {
          bestSim = sim;
          best = c;
        }
      }
      if (assignment[i] !== best) moved++;
      assignment[i] = best;
      similarity[i] = bestSim;
      objective += bestSim;
    }
    if (moved === 0) break;
    // New centroids: the normalised sum of members. An empty cluster takes the worst-fitting point.
    const sums = Array.from({ length: k }, () => new Float64Array(vocabulary));
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      const sum = sums[assignment[i]!]!;
      sizes[assignment[i]!]! += 1;
      for (let j = 0; j < v.ids.length; j++) sum[v.ids[j]!]! += v.weights[j]!;
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c]! > 0) continue;
      let worst = 0;
      for (let i = 1; i < n; i++) if (similarity[i]! < similarity[worst]!) worst = i;
      similarity[worst] = Infinity; // not picked twice
      const v = vectors[worst]!;
      for (let j = 0; j < v.ids.length; j++) sums[c]![v.ids[j]!] = v.weights[j]!;
    }
    centroids = sums.map((sum) => {
      let norm = 0;
      for (let t = 0; t < sum.length; t++) norm += sum[t]! * sum[t]!;
      norm = Math.sqrt(norm) || 1;
      for (let t = 0; t < sum.length; t++) sum[t]! /= norm;
      return sum;
    });
  }
  return { assignment, objective };
}

/** Renumbers clusters by first appearance, so equal partitions print equal. */
function canonical(assignment: ArrayLike<number>): number[] {
  const renumber = new Map<number, number>();
  return Array.from(assignment, (c) => {
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    return renumber.get(c)!;
  });
}

/**
 * Clusters texts into `k` groups by topic; returns each text's cluster index (0..k-1).
 * @example clusterTexts(sentences, { k: 4 }) // [0, 0, 1, 2, 1, 3, …]
 */
export function clusterTexts(
  texts: readonly string[],
  options: Readonly<Partial<ClusterOptions> & Pick<ClusterOptions, 'k'>>,
): number[] {
  const o: ClusterOptions = { ...CLUSTER_DEFAULTS, ...options };
  const k = Math.max(1, Math.min(Math.floor(o.k), texts.length));
  if (texts.length === 0) return [];
  if (k === 1) return texts.map(() => 0);
  const { vectors, vocabulary } = tfidfVectors(texts, o);
  const random = seededRandom(o.seed);
  let best: { assignment: Int32Array; objective: number } | undefined;
  for (let r = 0; r < o.restarts; r++) {
    const run = sphericalKMeans(vectors, vocabulary, seeds(vectors, k, random), o.maxIterations);
    if (!best || run.objective > best.objective) best = run;
  }
  return canonical(best!.assignment);
}
