/**
 * Keyphrase candidates: the longest runs of adjectives and nouns in a tagged text (Hulth 2003; the
 * candidate rule of SingleRank and TopicRank in pke), trimmed so they end on a noun.
 */
import { isStopword, stem } from '../core/text.ts';
import type { TaggedToken } from './pos.ts';

/** One occurrence of a candidate phrase. */
export interface CandidateOccurrence {
  /** Normal form: the Porter stems of its words, space-joined; equal keys are the same phrase. */
  readonly key: string;
  /** Index of the first and one past the last token in the tagged text. */
  readonly from: number;
  readonly to: number;
}

export interface CandidateOptions {
  /** Longest candidate kept, in words (hyphenated compounds count as one); longer runs are dropped. 1–10. */
  readonly maxWords: number;
  /** Shortest word allowed inside a candidate, in characters: drops "x", "i" and stray initials. */
  readonly minWordLength: number;
}

/** Defaults for {@link candidates}: pke's SingleRank filter (5 words at most, words of 2+ characters). */
export const CANDIDATE_DEFAULTS: CandidateOptions = { maxWords: 5, minWordLength: 2 };

/**
 * Adjectives that quantify, order or evaluate rather than name a thing ("several methods", "a novel
 * approach", "important results"), and participles that only point back at the text ("the proposed
 * scheme", "the obtained values"): they never start a keyphrase, so they break a candidate. Kept to words
 * that carry no topic; "linear", "fuzzy", "independent" or "distributed" stay.
 */
export const GENERIC_MODIFIERS: ReadonlySet<string> = new Set(
  `additional appropriate available basic best better certain clear common complete corresponding current
different difficult easy effective efficient entire existing experimental extensive few first following further
general given good great important interesting key last main major many minor most necessary new next novel
numerous obvious other overall own particular possible potential present previous primary proper recent
related relevant respective same second several significant similar simple so-called specific successful
such suitable third total traditional typical unique useful usual various whole conventional powerful
alternative modern original small large expected pronounced excellent proposed called desired obtained presented
suggested based developed perceived described mentioned used considered studied investigated increased`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Nouns of academic and journalistic filler ("the results show", "this paper", "a new approach", "the way"):
 * a candidate made only of these (and generic modifiers) is not a keyphrase, though the words may sit in
 * one ("simulation results"). Held as stems, so plurals and verb forms are covered.
 */
export const GENERIC_NOUNS: ReadonlySet<string> = new Set(
  `paper article result approach method work way case problem technique analysis study author term kind role
set data value class example number part type use issue aspect fact form level order point purpose range respect
show step time year thing lot area field effect detail mr ms mrs dr view measure framework regard context
basis process question matter situation effort need world today`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
);

const HEAD_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN']);
/** A token's part in a noun phrase: its head (a noun), a modifier (an adjective), or neither. */
export type PhraseRole = 'head' | 'modifier' | undefined;

const eligible = (token: TaggedToken | undefined, options: Readonly<CandidateOptions>): boolean =>
  token !== undefined &&
  token.word.length >= options.minWordLength &&
  !isStopword(token.word) &&
  !GENERIC_MODIFIERS.has(token.word);

/**
 * Nouns are heads, adjectives modifiers, anything else (or a stopword, a generic modifier) neither; a past
 * participle in front of a noun phrase modifies it too ("the embedded system", see {@link modifyingParticiple}).
 */
export function phraseRoles(
  tokens: readonly TaggedToken[],
  options: Readonly<CandidateOptions> = CANDIDATE_DEFAULTS,
): PhraseRole[] {
  const roles: PhraseRole[] = tokens.map((t, i) => {
    if (!eligible(t, options)) return undefined;
    if (t.pos === 'ADJ') return 'modifier';
    if (!HEAD_POS.has(t.pos)) return undefined;
    if (looksLikeVerb(t, tokens[i - 1], tokens[i + 1])) return undefined;
    return 'head';
  });
  // Judged against the first pass, so a participle never licenses another before it.
  return roles.map((role, i) =>
    role === undefined && roles[i + 1] !== undefined && eligible(tokens[i], options) && modifyingParticiple(tokens, i)
      ? 'modifier'
      : role,
  );
}

// Tags after which an -ed verb opens a noun phrase rather than being the clause's verb: "the distributed
// system", "of closed loops", ", embedded systems"; at the start of a text too.
const PARTICIPLE_OPENERS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'ADP', 'CCONJ', 'PUNCT']);
// Shortest participle, in characters: "used", "led" and "need" are verbs, not modifiers.
const MIN_PARTICIPLE_LENGTH = 5;

/**
 * A past participle the tagger calls a verb but that modifies the noun after it ("distributed systems",
 * "embedded systems", "integrated circuits"; about a third of the phrases they open are keyphrases on
 * Inspec and SemEval-2017, as many as of adjective-led ones): an -ed verb after a determiner, adjective,
 * preposition, conjunction or a break. After a noun or an auxiliary it is the clause's verb ("the model
 * predicted values", "was measured").
 */
const modifyingParticiple = (tokens: readonly TaggedToken[], i: number): boolean => {
  const t = tokens[i]!;
  return (
    t.pos === 'VERB' &&
    t.word.length >= MIN_PARTICIPLE_LENGTH &&
    t.word.endsWith('ed') &&
    PARTICIPLE_OPENERS.has(tokens[i - 1]?.pos ?? 'PUNCT')
  );
};

// Determiners and object pronouns: a plural noun is almost never followed by one, a verb often is.
const OBJECT_STARTERS: ReadonlySet<string> = new Set(['DET', 'PRON']);

/**
 * A third-person verb the tagger took for a plural noun: "a word graph links the words". After a noun or
 * adjective and before a determiner or pronoun, an -s word is a verb ("the method ranks them").
 */
const looksLikeVerb = (t: TaggedToken, previous?: TaggedToken, next?: TaggedToken): boolean =>
  t.pos === 'NOUN' &&
  /[^su]s$/.test(t.word) &&
  previous !== undefined &&
  (previous.pos === 'NOUN' || previous.pos === 'PROPN' || previous.pos === 'ADJ') &&
  next !== undefined &&
  OBJECT_STARTERS.has(next.pos);

/** Candidate occurrences in text order: maximal adjective/noun runs, trailing adjectives trimmed. */
export function candidates(
  tokens: readonly TaggedToken[],
  options: Readonly<CandidateOptions> = CANDIDATE_DEFAULTS,
  roles: readonly PhraseRole[] = phraseRoles(tokens, options),
): CandidateOccurrence[] {
  const out: CandidateOccurrence[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!roles[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && roles[j]) j++;
    let end = j;
    while (end > i && roles[end - 1] !== 'head') end--; // "systems theoretical" → "systems"
    const keyOf = (a: number, b: number): string =>
      tokens
        .slice(a, b)
        .map((t) => t.stem)
        .join(' ');
    const generic = tokens.slice(i, end).every((t) => GENERIC_NOUNS.has(t.stem));
    if (end > i && end - i <= options.maxWords && !generic) out.push({ key: keyOf(i, end), from: i, to: end });
    i = j;
  }
  return out;
}
