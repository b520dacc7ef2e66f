/**
 * What the judge reads from one sentence: its stemmed content terms (in order), the numbers and capitalised
 * names it mentions, and whether it is negated. Shared by the claim and every evidence sentence so both
 * sides are analysed the same way.
 */
import { STOPWORDS, stem, tokenize } from '../core/text.ts';

/** One analysed sentence. */
export interface Analysis {
  /** Stemmed content words in order, duplicates kept. */
  readonly terms: readonly string[];
  /** Numbers as canonical strings ("1,200" → "1200", "3.50" → "3.5"). */
  readonly numbers: ReadonlySet<string>;
  /** Stems of capitalised words that are not sentence-initial (proper names). */
  readonly names: ReadonlySet<string>;
  /** Whether a negation word occurs ("not", "never", "no", "n't"). */
  readonly negated: boolean;
}

// Negation cues: function words the stopword list removes, so they are looked for in the raw tokens.
const NEGATIONS = new Set(['not', 'no', 'never', 'neither', 'nor', 'none', 'nobody', 'nothing', 'without', 'cannot']);
const NUMBER = /^\d[\d,.]*$/;

/** Canonical form of a numeric token, so "1,200" equals "1200" and "3.50" equals "3.5". */
export function canonicalNumber(word: string): string {
  const plain = word.replace(/,(?=\d{3}\b)/g, '');
  const value = Number(plain);
  return Number.isFinite(value) ? String(value) : plain;
}

/** Analyses one sentence (see Analysis). `analyse("Paris is not in Spain.")` → negated, names {spain}. */
export function analyse(text: string): Analysis {
  const terms: string[] = [];
  const numbers = new Set<string>();
  const names = new Set<string>();
  let negated = false;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const word = token.word;
    if (NEGATIONS.has(word) || word.endsWith("n't")) negated = true;
    if (STOPWORDS.has(word)) continue;
    const term = stem(word);
    terms.push(term);
    if (NUMBER.test(word)) numbers.add(canonicalNumber(word));
    else if (i > 0 && /^\p{Lu}/u.test(text[token.start] ?? '')) names.add(term);
  }
  return { terms, numbers, names, negated };
}
