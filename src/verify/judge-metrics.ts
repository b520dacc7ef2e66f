/** Metrics for the claim judge's evaluation. */

/** One judged claim: its gold label and the judge's prediction (true = supported). */
export interface Outcome {
  readonly gold: boolean;
  readonly predicted: boolean;
}

/**
 * Mean of the recall on gold-positive and on gold-negative claims; a class with no claims is left out.
 * `balancedAccuracy([{gold: true, predicted: true}, {gold: false, predicted: true}])` → 0.5.
 */
export function balancedAccuracy(outcomes: readonly Outcome[]): number {
  const recalls: number[] = [];
  for (const gold of [true, false]) {
    const group = outcomes.filter((o) => o.gold === gold);
    if (group.length > 0) recalls.push(group.filter((o) => o.predicted === gold).length / group.length);
  }
  return recalls.length === 0 ? 0 : recalls.reduce((a, b) => a + b, 0) / recalls.length;
}
