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

/**
 * Words: runs of letters and digits, keeping inner apostrophes, dots and commas ("3.5", "1,000", "don't"); the
 * regular expression `[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*` scanned by hand, which takes half its time on
 * English text: ASCII is decided by range checks, other code points once each by the expression below.
 */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet known, 1 a letter or digit, 2 not. */
const bmpClass = new Uint8Array(0x10000);

/** Code units of the letter or digit at `i` (1, or 2 for a surrogate pair), or 0 when there is none. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const point = text.codePointAt(i) as number;
    return point > 0xffff && LETTER_OR_DIGIT.test(String.fromCodePoint(point)) ? 2 : 0;
  }
  if (Number.isNaN(c)) return 0; // past the end
  let known = bmpClass[c] as number;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    bmpClass[c] = known;
  }
  return known === 1 ? 1 : 0;
}

const isJoiner = (c: number) => c === 0x2e || c === 0x2c || c === 0x27 || c === 0x2019; // . , ' ’

/**
 * Calls `visit(start, end)` for each word of `text`, in order; with `joined` false, inner dots, commas and
 * apostrophes split words (`[\p{L}\p{N}]+`, the rule near-duplicate shingles use).
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void, joined = true): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (wordCharAt(text, i) === 0) {
      i++;
      continue;
    }
    const start = i;
    for (;;) {
      for (let width = wordCharAt(text, i); width > 0; width = i < n ? wordCharAt(text, i) : 0) i += width;
      if (joined && i + 1 < n && isJoiner(text.charCodeAt(i)) && wordCharAt(text, i + 1) > 0) i++;
      else break;
    }
    visit(start, i);
  }
}

/** A word lower-cased with its typographic apostrophe made plain ("Don’t" → "don't"). */
function lowerWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** Splits text into lower-cased word tokens with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (start, end) => tokens.push({ word: lowerWord(text.slice(start, end)), start, end }));
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

/** Index term of a word as written (null for a stopword), memoised: most words of a library repeat. */
const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 400_000; // entries: case variants of a 200k-word vocabulary

function termOf(raw: string): string | null {
  let term = termCache.get(raw);
  if (term === undefined) {
    const word = lowerWord(raw);
    term = STOPWORDS.has(word) ? null : stem(word);
    if (termCache.size < TERM_CACHE_LIMIT) termCache.set(raw, term);
  }
  return term;
}

/** The index terms of a text: stemmed content words, in order, duplicates kept. */
export function terms(text: string): string[] {
  // The same words as tokenize(), without building offset objects: this runs on every stored sentence, and one
  // lookup per word as written replaced lower-casing, the stopword check and the stem lookup (−60 % time).
  const out: string[] = [];
  forEachWord(text, (start, end) => {
    const term = termOf(text.slice(start, end));
    if (term !== null) out.push(term);
  });
  return out;
}

/** Term frequencies of a text's index terms. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
