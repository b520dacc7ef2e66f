/**
 * Weighted PageRank over a small undirected word graph (TextRank, Mihalcea & Tarau 2004; the weighted form
 * is SingleRank, Wan & Xiao 2008). Nodes are dense integer ids so the iteration runs over typed arrays.
 */

/** An undirected weighted graph on nodes `0..size-1`: adjacency lists with edge weights. */
export interface WordGraph {
  readonly size: number;
  readonly neighbours: readonly (readonly number[])[];
  readonly weights: readonly (readonly number[])[];
}

export interface PageRankOptions {
  /** Probability of following an edge rather than jumping, 0–1; 0.85 as in the original PageRank. */
  readonly damping: number;
  /** Stop when no score moves more than this (absolute); 1e-6 is far below what changes a ranking. */
  readonly tolerance: number;
  /** Iteration cap, for graphs that converge slowly; 100 is ample for word graphs of abstracts. */
  readonly maxIterations: number;
  /** Jump distribution over nodes (PositionRank's bias); uniform when absent. Need not be normalised. */
  readonly personalization?: readonly number[];
}

/** Defaults for {@link pageRank}. */
export const PAGERANK_DEFAULTS: PageRankOptions = { damping: 0.85, tolerance: 1e-6, maxIterations: 100 };

/** Builds a {@link WordGraph} from edge weights keyed by `a * size + b` (a < b). */
export function graphFromEdges(size: number, edges: ReadonlyMap<number, number>): WordGraph {
  const neighbours: number[][] = Array.from({ length: size }, () => []);
  const weights: number[][] = Array.from({ length: size }, () => []);
  // Sorted keys: a fixed summation order, so scores are bit-identical from run to run.
  for (const key of [...edges.keys()].sort((x, y) => x - y)) {
    const a = Math.floor(key / size);
    const b = key % size;
    const w = edges.get(key) ?? 0;
    neighbours[a]!.push(b);
    weights[a]!.push(w);
    neighbours[b]!.push(a);
    weights[b]!.push(w);
  }
  return { size, neighbours, weights };
}

/** Weighted PageRank scores, one per node; e.g. `pageRank(graph, PAGERANK_DEFAULTS)`. */
export function pageRank(graph: WordGraph, options: Readonly<PageRankOptions> = PAGERANK_DEFAULTS): Float64Array {
  const n = graph.size;
  const jump = new Float64Array(n);
  const bias = options.personalization;
  const biasTotal = bias ? bias.reduce((s, x) => s + x, 0) : 0;
  for (let i = 0; i < n; i++) jump[i] = bias && biasTotal > 0 ? (bias[i] ?? 0) / biasTotal : 1 / n;
  const strength = new Float64Array(n); // total edge weight at each node
  for (let i = 0; i < n; i++) for (const w of graph.weights[i]!) strength[i]! += w;
  let scores = Float64Array.from(jump);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    let change = 0;
    for (let v = 0; v < n; v++) {
      let incoming = 0;
      const nb = graph.neighbours[v]!;
      const ws = graph.weights[v]!;
      for (let e = 0; e < nb.length; e++) {
        const u = nb[e]!;
        incoming += (ws[e]! * scores[u]!) / strength[u]!;
      }
      next[v] = (1 - options.damping) * jump[v]! + options.damping * incoming;
      change = Math.max(change, Math.abs(next[v]! - scores[v]!));
    }
    [scores, next] = [next, scores];
    if (change < options.tolerance) break;
  }
  return scores;
}
