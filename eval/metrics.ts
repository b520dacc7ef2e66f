/** Ranking metrics over graded relevance judgements (TREC conventions). */

/** Relevance grade per document id for one query; grade 0 or absent = not relevant. */
export type Judgements = ReadonlyMap<string, number>;

/** nDCG@k with gain 2^rel − 1 and log2 discount. */
export function ndcgAt(ranking: readonly string[], judged: Judgements, k: number): number {
  const dcg = (grades: readonly number[]) =>
    grades.slice(0, k).reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...judged.values()].filter((g) => g > 0).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranking.map((id) => judged.get(id) ?? 0)) / ideal;
}

/** Average precision (binary: grade > 0 is relevant), over the whole ranking. */
export function averagePrecision(ranking: readonly string[], judged: Judgements): number {
  const relevant = [...judged.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranking.forEach((id, i) => {
    if ((judged.get(id) ?? 0) > 0) sum += ++hits / (i + 1);
  });
  return sum / relevant;
}

/** Reciprocal rank of the first relevant document. */
export function reciprocalRank(ranking: readonly string[], judged: Judgements): number {
  const index = ranking.findIndex((id) => (judged.get(id) ?? 0) > 0);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** Share of the first k that are relevant. */
export function precisionAt(ranking: readonly string[], judged: Judgements, k: number): number {
  return ranking.slice(0, k).filter((id) => (judged.get(id) ?? 0) > 0).length / k;
}
