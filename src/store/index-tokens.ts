/**
 * The index tokens SQLite's FTS5 would see, so that PostgreSQL ranks exactly the same tokens. Both stores index
 * Kora's analysed terms (core/text.ts `terms`) joined by spaces; FTS5's default `unicode61` tokenizer then
 * splits that string again — on the dots, commas and apostrophes a term may hold ("3.5" → "3", "5") — and
 * folds diacritics ("café" → "cafe"). This module reproduces that second step.
 * A multi-token term is searched by FTS5 as a phrase (consecutive tokens, possibly across two terms: "3" then
 * "5.1" hold the phrase "3 5"), so each indexed text also keeps its token stream for phrase counting.
 */

// unicode61 treats letters, numbers and private-use characters as token characters; all else separates.
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;
const PLAIN = /^[a-z0-9]+$/;
const COMBINING_MARK = /^\p{Mn}$/u;

/** unicode61's remove_diacritics=1: a letter with exactly one combining mark becomes its base letter. */
function foldChar(ch: string): string {
  const parts = Array.from(ch.normalize('NFD'));
  return parts.length === 2 && COMBINING_MARK.test(parts[1] ?? '') ? (parts[0] ?? ch) : ch;
}

const cache = new Map<string, readonly string[]>();
const CACHE_LIMIT = 200_000; // entries; bounds memory on huge vocabularies

/** The FTS5 tokens of one Kora term: `ftsTokens("3.5")` → `["3", "5"]`, `ftsTokens("café")` → `["cafe"]`. */
export function ftsTokens(term: string): readonly string[] {
  if (PLAIN.test(term)) return [term];
  let tokens = cache.get(term);
  if (!tokens) {
    tokens = term
      .split(SEPARATORS)
      .filter((t) => t.length > 0)
      .map((t) => Array.from(t.toLowerCase(), foldChar).join(''));
    if (cache.size < CACHE_LIMIT) cache.set(term, tokens);
  }
  return tokens;
}

/** What one indexed text contributes: its tokens in order, and the frequency of each token. */
export interface IndexEntry {
  readonly stream: string[];
  readonly counts: Map<string, number>;
}

/** Index tokens of a list of Kora terms (one sentence, a title, or a body): `indexEntry(terms(text))`. */
export function indexEntry(termList: readonly string[]): IndexEntry {
  const counts = new Map<string, number>();
  const stream: string[] = [];
  for (const term of termList) {
    for (const token of ftsTokens(term)) {
      stream.push(token);
      counts.set(token, (counts.get(token) ?? 0) + 1);
    }
  }
  return { stream, counts };
}

/** The FTS5 tokens of a list of Kora terms, in order: the list itself when no term splits or folds (the norm). */
export function tokenStream(termList: readonly string[]): readonly string[] {
  let i = 0;
  while (i < termList.length && PLAIN.test(termList[i] as string)) i++;
  if (i === termList.length) return termList;
  const stream = termList.slice(0, i);
  for (; i < termList.length; i++) stream.push(...ftsTokens(termList[i] as string));
  return stream;
}

/** The phrases of an FTS5 OR-query as store/fts.ts builds it, as token arrays: unique non-empty terms, in order. */
export function queryTokenPhrases(terms: readonly string[]): (readonly string[])[] {
  return [...new Set(terms)].filter((t) => t.length > 0).map(ftsTokens);
}

/** The same phrases as keys: tokens joined by a space. */
export function queryPhrases(terms: readonly string[]): string[] {
  return queryTokenPhrases(terms).map((tokens) => tokens.join(' '));
}
