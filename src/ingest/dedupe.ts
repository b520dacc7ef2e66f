/**
 * Fingerprints for two library-level checks, computed from one source alone (so they run in parse workers):
 *
 * - **Cross-page furniture.** A paragraph whose normalised text appears in two or more sources of one site
 *   (same URL host, same feed or record file, same folder) is a footer, a nav block, a cookie banner or a
 *   "Related articles" list. Its key is a hash of site + paragraph, looked up in the store (see admit.ts).
 * - **Near-duplicates.** The same article from two feeds or with small edits. Word 5-shingles within each
 *   paragraph are summarised by a one-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification
 *   (Shrivastava & Li 2014), split into LSH bands (Broder 1997); sources sharing a band are candidates, and a
 *   candidate is a duplicate only when the exact Jaccard similarity of the shingle sets passes a threshold.
 *
 * Every hash here is a fixed, seeded integer mix, so fingerprints are identical across runs and machines.
 */
import { dirname } from 'node:path';
import type { SentenceSpan, SourceMeta } from '../core/model.ts';
import { forEachWord } from '../core/text.ts';

export interface DedupeOptions {
  /** Words per shingle (2–9; 5 is the usual choice for news-length text). */
  readonly shingleWords: number;
  /** LSH bands (each a store lookup key); with `rows` they set the candidate curve, see DEFAULT comment. */
  readonly bands: number;
  /** MinHash values per band. */
  readonly rows: number;
  /** Two sources are duplicates at or above this Jaccard similarity of their content shingles (0–1). */
  readonly threshold: number;
  /**
   * Content excludes furniture paragraphs, unless that leaves less than this share of the words (0–1): then the
   * source is mostly shared text — a copy of another — and all of it is compared.
   */
  readonly minContentShare: number;
}

/**
 * 20 bands × 3 rows: a pair at Jaccard 0.7 becomes a candidate with probability 1 − (1 − 0.7³)²⁰ ≈ 0.9998,
 * at 0.5 with 0.93, at 0.1 with 0.02 (then rejected by the exact check). 0.7 tolerates a changed headline and an
 * added footer on a 300-word article (≈ 0.85) while two articles sharing a long boilerplate block stay apart.
 */
export const DEFAULT_DEDUPE_OPTIONS: DedupeOptions = {
  shingleWords: 5,
  bands: 20,
  rows: 3,
  threshold: 0.7,
  minContentShare: 0.5,
};

/** A store lookup key and where it points inside its source (a passage index, or a band number). */
export interface Fingerprint {
  readonly key: string;
  readonly pos: number;
}

/**
 * The site a source belongs to, for cross-page furniture: the URL host, else the feed or record file
 * (`feed.xml#item-3` → `feed.xml`), else the folder: `siteOf({ location: 'news/a.html', … })` → `dir:news`.
 */
export function siteOf(meta: Pick<SourceMeta, 'location' | 'url'>): string {
  for (const candidate of [meta.url, meta.location]) {
    if (candidate && /^https?:\/\//i.test(candidate)) {
      try {
        return `host:${new URL(candidate).host.toLowerCase().replace(/^www\./, '')}`;
      } catch {
        // not a parseable URL: fall through to the file-based rules
      }
    }
  }
  const hash = meta.location.indexOf('#');
  if (hash > 0) return `file:${meta.location.slice(0, hash)}`;
  return `dir:${dirname(meta.location)}`;
}

/** Words for shingling and paragraph keys: lower-cased runs of letters and digits (punctuation and spacing drop). */
function lowerWords(text: string, into: string[]): string[] {
  const lower = text.toLowerCase();
  forEachWord(lower, (start, end) => into.push(lower.slice(start, end)), false);
  return into;
}

/**
 * The words of each passage that count as content, by passage index: sentences for which `skip` is false.
 * `passageWords(text, sentences, (s) => s.boilerplate)`.
 */
export function passageWords(
  text: string,
  sentences: readonly SentenceSpan[],
  skip: (sentence: SentenceSpan) => boolean,
): Map<number, string[]> {
  const byPassage = new Map<number, string[]>();
  for (const sentence of sentences) {
    if (skip(sentence)) continue;
    const words = byPassage.get(sentence.passage);
    if (words) lowerWords(text.slice(sentence.start, sentence.end), words);
    else {
      const found = lowerWords(text.slice(sentence.start, sentence.end), []);
      if (found.length > 0) byPassage.set(sentence.passage, found);
    }
  }
  return byPassage;
}

/** The words of each passage that count as content, in passage order (see passageWords). */
export const contentWords = (
  text: string,
  sentences: readonly SentenceSpan[],
  skip: (sentence: SentenceSpan) => boolean,
): string[][] => [...passageWords(text, sentences, skip).values()];

/**
 * The furniture keys of a source's paragraphs, one per passage with words (a repeated paragraph repeats its key):
 * two independent 32-bit hash chains over the site and the paragraph's words, 64 bits as hex, so case,
 * punctuation and spacing do not matter. (Cheaper than SHA-256 of the joined words, which was a tenth of parsing.)
 */
export function paragraphFingerprints(site: string, words: ReadonlyMap<number, readonly string[]>): Fingerprint[] {
  const siteHash = wordHash(site);
  const out: Fingerprint[] = [];
  for (const [pos, list] of words) {
    let a = siteHash ^ KEY_SEED_A;
    let b = siteHash ^ KEY_SEED_B;
    for (const word of list) {
      const h = wordHash(word);
      a = fmix32(Math.imul(a, FNV_PRIME) ^ h);
      b = Math.imul(b ^ h, 0x9e3779b1) ^ (b >>> 15);
    }
    const key =
      fmix32(a).toString(16).padStart(8, '0') +
      fmix32(b ^ a)
        .toString(16)
        .padStart(8, '0');
    out.push({ key, pos });
  }
  return out;
}

/** Seeds of the two paragraph-key hash chains (arbitrary odd constants; changing them changes every stored key). */
const KEY_SEED_A = 0x243f6a89;
const KEY_SEED_B = 0x85a308d3;

/**
 * Content words with furniture passages left out, unless that leaves too little (see `minContentShare`);
 * `skip` says which sentences never count (calls to action, stored boilerplate flags).
 */
export function contentWordsExcluding(
  text: string,
  sentences: readonly SentenceSpan[],
  skip: (sentence: SentenceSpan) => boolean,
  furniturePassages: ReadonlySet<number>,
  options: Readonly<DedupeOptions> = DEFAULT_DEDUPE_OPTIONS,
): string[][] {
  const all = contentWords(text, sentences, skip);
  if (furniturePassages.size === 0) return all;
  const content = contentWords(text, sentences, (s) => skip(s) || furniturePassages.has(s.passage));
  const count = (groups: string[][]) => groups.reduce((sum, g) => sum + g.length, 0);
  return count(content) >= options.minContentShare * count(all) ? content : all;
}

/** murmur3's 32-bit finaliser: a fast, well-mixed, seedless integer hash. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const FNV_OFFSET = 0x811c9dc5; // FNV-1a 32-bit offset basis
const FNV_PRIME = 0x01000193; // FNV-1a 32-bit prime

function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * Calls `visit` with the 32-bit hash of each word shingle of each passage (shingles never cross a paragraph
 * break, so a moved or added paragraph changes only its own shingles). A passage shorter than a shingle is one.
 */
function forEachShingle(
  passages: readonly (readonly string[])[],
  options: Readonly<DedupeOptions>,
  visit: (hash: number) => void,
): void {
  const k = options.shingleWords;
  for (const words of passages) {
    if (words.length === 0) continue;
    const hashes = words.map(wordHash);
    const last = Math.max(0, hashes.length - k);
    for (let i = 0; i <= last; i++) {
      let h = FNV_OFFSET;
      const end = Math.min(i + k, hashes.length);
      for (let j = i; j < end; j++) h = Math.imul(h ^ (hashes[j] as number), FNV_PRIME);
      visit(fmix32(h));
    }
  }
}

/** The set of shingle hashes of some passages' words (for the exact Jaccard check). */
export function shingleHashes(
  passages: readonly (readonly string[])[],
  options: Readonly<DedupeOptions> = DEFAULT_DEDUPE_OPTIONS,
): Set<number> {
  const out = new Set<number>();
  forEachShingle(passages, options, (h) => out.add(h));
  return out;
}

/** Salt that spreads a borrowed value by its borrowing distance (the golden-ratio constant, odd). */
const DENSIFY_SALT = 0x9e3779b1;

/**
 * One-permutation MinHash: each shingle hash falls in one of `bands × rows` bins by its value; a bin keeps its
 * minimum. Empty bins borrow the next non-empty bin's value, salted by the distance, so that two sources with
 * equal sets still agree bin by bin. Empty input gives an empty signature. `feed` calls its argument per shingle.
 */
function oneShotMinhash(feed: (add: (shingle: number) => void) => void, options: Readonly<DedupeOptions>) {
  const bins = options.bands * options.rows;
  const signature = new Uint32Array(bins).fill(0xffffffff);
  const filled = new Uint8Array(bins);
  let any = false;
  feed((shingle) => {
    const h = fmix32(shingle ^ DENSIFY_SALT);
    const bin = h % bins;
    const value = fmix32(h);
    if (!filled[bin] || value < (signature[bin] as number)) signature[bin] = value;
    filled[bin] = 1;
    any = true;
  });
  if (!any) return new Uint32Array(0);
  const dense = new Uint32Array(bins);
  for (let bin = 0; bin < bins; bin++) {
    let distance = 0;
    while (!filled[(bin + distance) % bins]) distance++;
    const borrowed = signature[(bin + distance) % bins] as number;
    dense[bin] = distance === 0 ? borrowed : fmix32(borrowed ^ Math.imul(distance, DENSIFY_SALT));
  }
  return dense;
}

/** MinHash signature of a set of shingle hashes (see oneShotMinhash). */
export const minhash = (shingles: ReadonlySet<number>, options: Readonly<DedupeOptions> = DEFAULT_DEDUPE_OPTIONS) =>
  oneShotMinhash((add) => {
    for (const shingle of shingles) add(shingle);
  }, options);

/** LSH band keys of a MinHash signature, `"<band>.<hash>"`, with the band number as `pos`. */
export function bandFingerprints(
  signature: Uint32Array,
  options: Readonly<DedupeOptions> = DEFAULT_DEDUPE_OPTIONS,
): Fingerprint[] {
  if (signature.length === 0) return [];
  const out: Fingerprint[] = [];
  for (let band = 0; band < options.bands; band++) {
    let h = band + 1;
    for (let row = 0; row < options.rows; row++) {
      h = fmix32(Math.imul(h, 31) + (signature[band * options.rows + row] as number));
    }
    out.push({ key: `${band}.${h.toString(36)}`, pos: band });
  }
  return out;
}

/** Band keys of a source's content words in one call (streaming: no shingle set is built). */
export const nearDuplicateFingerprints = (
  passages: readonly (readonly string[])[],
  options: Readonly<DedupeOptions> = DEFAULT_DEDUPE_OPTIONS,
): Fingerprint[] =>
  bandFingerprints(
    oneShotMinhash((add) => forEachShingle(passages, options, add), options),
    options,
  );

/** Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two shingle sets (0 when both are empty). */
export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const value of small) if (large.has(value)) shared++;
  return shared / (a.size + b.size - shared);
}
