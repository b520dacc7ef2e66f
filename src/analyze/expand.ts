/**
 * Pseudo-relevance feedback (RM3-style, Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the terms that carry
 * the most weight in the top-ranked documents, weighted by rarity, expand the query.
 */

/** Term counts of one feedback document and how much it should count (its normalised retrieval score). */
export interface FeedbackDocument {
  readonly counts: ReadonlyMap<string, number>;
  readonly weight: number;
}

export interface ExpansionOptions {
  /** Expansion terms added to the query (5–30). */
  readonly terms: number;
  /** Terms must occur in at least this many feedback documents (1–3); 2 avoids one document's quirks. */
  readonly minDocuments: number;
}

export const DEFAULT_EXPANSION: ExpansionOptions = { terms: 10, minDocuments: 2 };

export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/**
 * Best expansion terms: Σ over feedback documents of weight·tf/|d|, times idf = ln(N / df).
 * `frequency` gives df per term over `total` units; query terms are excluded. Ties break by term for determinism.
 */
export function expansionTerms(
  queryTerms: readonly string[],
  feedback: readonly FeedbackDocument[],
  frequency: ReadonlyMap<string, number>,
  total: number,
  options: Readonly<ExpansionOptions> = DEFAULT_EXPANSION,
): WeightedTerm[] {
  const exclude = new Set(queryTerms);
  const mass = new Map<string, number>();
  const spread = new Map<string, number>();
  for (const doc of feedback) {
    let length = 0;
    for (const n of doc.counts.values()) length += n;
    if (length === 0) continue;
    for (const [term, n] of doc.counts) {
      if (exclude.has(term) || term.length < 3 || /^\d+$/.test(term)) continue;
      mass.set(term, (mass.get(term) ?? 0) + (doc.weight * n) / length);
      spread.set(term, (spread.get(term) ?? 0) + 1);
    }
  }
  const scored: WeightedTerm[] = [];
  for (const [term, m] of mass) {
    if ((spread.get(term) ?? 0) < options.minDocuments) continue;
    const df = Math.max(1, frequency.get(term) ?? 1);
    scored.push({ term, weight: m * Math.log(Math.max(total, df + 1) / df) });
  }
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  return scored.slice(0, options.terms);
}
