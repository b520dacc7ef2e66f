/**
 * Word-level text analysis shared by every stage, so that search, keyphrases, clustering and the judge
 * agree on what a "term" is: lower-cased, Porter-stemmed, stopwords removed.
 */
import { stemmer } from 'stemmer';

/** A word and its offsets in the analysed string. */
export interface Token {
  /** The word as written, lower-cased. */
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

// Letters and digits, keeping inner apostrophes and inner dots of numbers ("3.5", "don't").
const WORD = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

/** A word lower-cased with its typographic apostrophe made plain ("Don’t" → "don't"). */
function lowerWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** Splits text into lower-cased word tokens with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    tokens.push({ word: lowerWord(match[0]), start, end: start + match[0].length });
  }
  return tokens;
}

/**
 * English stopwords: the NLTK list plus a few function words common in speeches and abstracts.
 * Kept small on purpose: content words such as "united" or "states" must stay searchable.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd
she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll
we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't
would wouldn't you you'd you'll you're you've your yours yourself yourselves will shall may might must upon
within without also us one s t`
    .split(/\s+/)
    .filter(Boolean),
);

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000; // entries; bounds memory on huge vocabularies

/** Porter stem of a lower-cased word, memoised (stemming dominates analysis time otherwise). */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d/.test(word) ? word : stemmer(word);
    if (stemCache.size < STEM_CACHE_LIMIT) stemCache.set(word, stemmed);
  }
  return stemmed;
}

export const isStopword = (word: string): boolean => STOPWORDS.has(word);

/** The index terms of a text: stemmed content words, in order, duplicates kept. */
export function terms(text: string): string[] {
  // The same words as tokenize(), without building offset objects: this runs on every stored sentence.
  const out: string[] = [];
  for (const raw of text.match(WORD) ?? []) {
    const word = lowerWord(raw);
    if (!STOPWORDS.has(word)) out.push(stem(word));
  }
  return out;
}

/** Term frequencies of a text's index terms. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
