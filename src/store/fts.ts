/** Full-text query helpers shared by the stores. */

/** An FTS5 OR-query over index terms, each quoted so that no term is read as query syntax. */
export function ftsMatch(terms: readonly string[]): string {
  const unique = [...new Set(terms)].filter((t) => t.length > 0);
  return unique.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}
