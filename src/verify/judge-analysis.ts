/**
 * What the judge reads from one sentence: its stemmed content terms (in order), the numbers and capitalised
 * names it mentions, and whether it is negated. Shared by the claim and every evidence sentence so both
 * sides are analysed the same way.
 */
import { STOPWORDS, stem, tokenize } from '../core/text.ts';

/** One analysed sentence. */
export interface Analysis {
  /** Stemmed content words in order, duplicates kept; numbers in canonical form. */
  readonly terms: readonly string[];
  /** Numbers as canonical strings ("1,200" → "1200", "two" → "2"). */
  readonly numbers: ReadonlySet<string>;
  /** Terms written capitalised away from the sentence start (proper names, acronyms). */
  readonly names: ReadonlySet<string>;
  /** Terms written in lower case at least once (so not reliably names). */
  readonly lower: ReadonlySet<string>;
  /** Whether a negation word occurs ("not", "never", "no", "n't"). */
  readonly negated: boolean;
  /** Where negation cues occur, as indices into `terms` (the term that follows the cue). */
  readonly negations: readonly number[];
  /** Which third-person genders its pronouns use: bit 1 male (he, his), bit 2 female (she, her). */
  readonly genders: number;
  /**
   * Unknown-word placeholders ("UNK", "<unk>", "[UNK]"): a generator writes one where it lost a word, so the
   * fact that word carried cannot be checked.
   */
  readonly placeholders: number;
  /** Per term, the index of the aside it sits in (see asideSpans), or -1: words a faithful trim may drop. */
  readonly asides: readonly number[];
}

/**
 * Asides: a parenthesis, a stretch between paired dashes, or a relative clause between commas
 * (", which maintains the site,"). They add to a sentence without changing what its main clause says, so a
 * claim that leaves one out is a trimmed copy, not a splice.
 */
const ASIDES: readonly RegExp[] = [
  /\([^()]*\)/g,
  /(?:\s--\s|—|\s–\s)[^—–]*?(?:\s--\s|—|\s–\s)/g,
  /,\s*(?:which|who|whom|whose|where|when)\b[^,;:()—–]*(?=,)/gi,
  /,\s*\d+\s*(?=,)/g,
];

/** Character spans [start, end) of the asides of a text (see ASIDES), in order of their start. */
export function asideSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pattern of ASIDES) {
    for (const m of text.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

// Negation cues: function words the stopword list removes, so they are looked for in the raw tokens.
const NEGATIONS = new Set(['not', 'no', 'never', 'neither', 'nor', 'none', 'nobody', 'nothing', 'cannot']);
const NUMBER = /^\d[\d,.]*$/;
// Gendered pronouns, as bit flags: swapping "he" for "she" is a classic unfaithful rewrite.
const MALE = 1;
const FEMALE = 2;
const PRONOUNS: ReadonlyMap<string, number> = new Map([
  ...['he', 'him', 'his', 'himself'].map((w): [string, number] => [w, MALE]),
  ...['she', 'her', 'hers', 'herself'].map((w): [string, number] => [w, FEMALE]),
]);
// Spelled-out numbers, so "two" in the evidence matches "2" in a claim. "one" is left out: it is mostly a pronoun.
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  'two three four five six seven eight nine ten eleven twelve'.split(' ').map((w, i) => [w, String(i + 2)]),
);

// Irregular past forms the Porter stemmer leaves apart from their base ("fell" vs "fall"), mapped to the base.
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  `fell fall rose rise won win lost lose grew grow began begin begun begin took take taken take made make said say
went go gone go became become left leave held hold led lead paid pay sold sell bought buy built build found find
gave give given give got get knew know known know met meet ran run saw see seen see sent send spent spend told tell
thought think wrote write written write shown show fought fight struck strike chose choose chosen choose drove drive
driven drive ate eat eaten eat fled flee hid hide kept keep lent lend sank sink sung sing sang sing spoke speak
spoken speak stole steal stolen steal swore swear taught teach threw throw thrown throw woke wake wore wear`
    .split(/\s+/)
    .flatMap((w, i, all): [string, string][] => (i % 2 === 0 ? [[w, all[i + 1]!]] : [])),
);

/**
 * Abbreviated month names, mapped to the full name, so a claim's "November 10" matches a page's "Nov. 10"
 * (web pages, tables and datelines abbreviate; claims mostly spell the month out).
 */
const MONTHS: ReadonlyMap<string, string> = new Map(
  'jan january feb february mar march apr april jun june jul july aug august sep september sept september oct october nov november dec december'
    .split(' ')
    .flatMap((w, i, all): [string, string][] => (i % 2 === 0 ? [[w, all[i + 1]!]] : [])),
);

/** Words after "not" that make it additive, not negating: "not only X but also Y" states X. */
const ADDITIVE = new Set(['only', 'just', 'merely', 'simply']);

/**
 * Whether a negation cue is a false alarm given the word after it: "not only X but also Y" states X and Y.
 * `notNegation("not", "only")` → true.
 */
function notNegation(cue: string, next: string | undefined, after = ''): boolean {
  if (next === undefined) return false;
  return (cue === 'not' && ADDITIVE.has(next)) || (cue === 'no' && after.startsWith('.') && /^\d/.test(next));
}

/**
 * An unknown-word placeholder with the characters on either side of it: "UNK" in capitals, or "unk" in
 * angle or square brackets, as sequence models write it.
 */
const PLACEHOLDER = /^(?:[^\p{L}\p{N}]?UNK[^\p{L}\p{N}]?|[<[][uU][nN][kK][>\]])$/u;

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
  const lower = new Set<string>();
  let negated = false;
  const negations: number[] = [];
  let genders = 0;
  let placeholders = 0;
  const asides: number[] = [];
  const spans = asideSpans(text);
  const asideOf = (at: number): number => spans.findIndex(([from, to]) => at >= from && at < to);
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    // Possessives: "Tokyo's" must match the tokenised "tokyo 's" of a summary, and "players'" match "players".
    const word = token.word.replace(/'s$|(?<=s)'$/, '');
    if (
      (NEGATIONS.has(word) || word.endsWith("n't")) &&
      !notNegation(word, tokens[i + 1]?.word, text.slice(token.end, token.end + 1))
    ) {
      negated = true;
      negations.push(terms.length);
    }
    genders |= PRONOUNS.get(word) ?? 0;
    if (PLACEHOLDER.test(text.slice(Math.max(0, token.start - 1), token.end + 1))) placeholders++;
    if (STOPWORDS.has(word)) continue;
    const spelled = NUMBER_WORDS.get(word);
    if (spelled !== undefined || NUMBER.test(word)) {
      const n = spelled ?? canonicalNumber(word);
      numbers.add(n);
      terms.push(n);
      asides.push(asideOf(token.start));
      continue;
    }
    const capitalised = /^\p{Lu}/u.test(text[token.start] ?? '');
    // A capitalised "Nov" is the month; lower-case "mar" or "dec" may be other words.
    const month = capitalised ? MONTHS.get(word) : undefined;
    const term = stem(month ?? IRREGULAR.get(word) ?? word);
    terms.push(term);
    asides.push(asideOf(token.start));
    if (!capitalised) lower.add(term);
    // An acronym ("NATO", "IEEE") is a name even where it opens the sentence.
    else if (i > 0 || /^\p{Lu}{2,}$/u.test(text.slice(token.start, token.end))) names.add(term);
  }
  return { terms, numbers, names, lower, negated, negations, genders, placeholders, asides };
}

// Abbreviations whose dot never ends a claim sentence ("dr. smith" in lower-cased summaries).
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'no',
  'vs',
  'prof',
  'gen',
  'sen',
  'jr',
  'sr',
  'inc',
  'co',
]);

/**
 * Splits a claim into its sentences, judged one by one (a multi-sentence claim holds only if every
 * sentence does). Works on lower-cased and tokenised text ("he won . she lost ."), where the
 * segmenter, which expects a capital after a boundary, would not split.
 */
export function splitClaim(claim: string): string[] {
  const parts: string[] = [];
  for (const line of claim.split(/\n+/)) {
    let from = 0;
    // A line that opens with a capital is cased text, whose sentences open with a capital too: there a
    // lower-case word after "!" or "." continues the sentence (the "Kerrang!" release, "Yahoo!" said).
    const cased = /^\P{L}*\p{Lu}/u.test(line);
    for (const match of line.matchAll(/[.!?]+["”’')]*\s+(?=["“‘'(]?[\p{L}\p{N}])/gu)) {
      if (cased && /^["“‘'(]?\p{Ll}/u.test(line.slice(match.index + match[0].length))) continue;
      const before = /([\p{L}\p{N}.]+)\s?$/u.exec(line.slice(from, match.index))?.[1] ?? '';
      const word = before.toLowerCase();
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /\p{L}\.\p{L}$/u.test(word)) continue;
      // "on Nov. 10": a month abbreviation before a number ends no sentence.
      if (MONTHS.has(word) && /\d/.test(line[match.index + match[0].length] ?? '')) continue;
      parts.push(line.slice(from, match.index + match[0].length).trim());
      from = match.index + match[0].length;
    }
    parts.push(line.slice(from).trim());
  }
  return parts.filter((p) => /[\p{L}\p{N}]/u.test(p));
}
