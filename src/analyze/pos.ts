/**
 * Part-of-speech tagging for the analysis stages: wink-nlp's Universal POS tags on every token, with the
 * offsets of each token in the input and hyphenated compounds ("Web-based", "real-time") joined into one
 * word, so that phrase candidates keep the spelling of the text. The model loads once, on first use
 * (about 130 ms), and tagging runs at about 0.8 M tokens/s (../shared/LIBRARIES.md §2).
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { stem, tokenize } from '../core/text.ts';

/** One token: a word (with its Universal POS tag) or a break (punctuation, number, symbol). */
export interface TaggedToken {
  /** The token as written, lower-cased. */
  readonly word: string;
  /** Porter stem of each part of the word, joined by a space ("web-based" → "web base"). */
  readonly stem: string;
  /** Universal POS tag (NOUN, PROPN, ADJ, VERB, …); `PUNCT` for anything that is not a word. */
  readonly pos: string;
  readonly start: number;
  readonly end: number;
  /** Not in the tagger's English lexicon (~87k words): a technical term, a name or a coinage ("Langevin"). */
  readonly rare: boolean;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;
/** wink numbers its lexicon's words first and gives unknown words ids after them, in order of appearance. */
let lexiconSize = 0;
const tagger = (): Nlp => {
  if (!nlp) {
    nlp = winkNLP(model, ['pos']);
    lexiconSize = nlp
      .readDoc('qqxqqzqqx')
      .tokens()
      .out(nlp.its.uniqueId as never)[0] as unknown as number;
  }
  return nlp;
};

// A word has at least one letter; "1998", "[1,2]" and "%" are breaks between phrases.
const HAS_LETTER = /\p{L}/u;
// Hyphen-like joiners inside a compound word, written without spaces: "state-of-the-art", "Web-based",
// "Levenberg–Marquardt", "pump–probe" (en dash, as scientific text joins names and pairs).
const JOINERS = new Set(['-', '‐', '‑', '–']);

// A paragraph break, or a line break not followed by indentation (a heading, a list item): phrases never
// run across it. Wrapped lines that continue indented ("\n\t", as in Inspec's abstracts) do not break.
const LINE_BREAK = /\n[ \t]*\n|\n(?![ \t])/;

interface RawToken {
  word: string;
  pos: string;
  start: number;
  end: number;
  /** Whitespace right before the token in the text. */
  spaced: boolean;
  rare: boolean;
}

/** wink tokens with offsets found by scanning forward, so offsets stay right even if wink normalises a token. */
function rawTokens(text: string): RawToken[] {
  const nlp = tagger();
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out();
  const tags = doc.tokens().out(nlp.its.pos) as string[];
  const spaces = doc.tokens().out(nlp.its.precedingSpaces) as string[];
  const ids = doc.tokens().out(nlp.its.uniqueId as never) as unknown as number[];
  const out: RawToken[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    if (value.trim() === '') continue; // wink keeps newlines and tabs as tokens
    const found = text.indexOf(value, cursor);
    const start = found >= 0 ? found : cursor;
    const end = found >= 0 ? start + value.length : cursor;
    cursor = end;
    const spaced = (spaces[i] ?? '') !== '' || (i > 0 && (values[i - 1] ?? '').trim() === '');
    const gap = text.slice(out.length ? out[out.length - 1]!.end : 0, start);
    if (LINE_BREAK.test(gap)) out.push({ word: '\n', pos: 'PUNCT', start: start - 1, end: start, spaced, rare: false });
    out.push({
      word: value.toLowerCase(),
      pos: HAS_LETTER.test(value) ? (tags[i] ?? 'X') : 'PUNCT',
      start,
      end,
      spaced,
      rare: (ids[i] ?? 0) >= lexiconSize,
    });
  }
  return out;
}

/** POS of a hyphenated compound: its head (last part), except a participle head makes an adjective ("Web-based"). */
function compoundPos(parts: readonly RawToken[]): string {
  const head = parts[parts.length - 1]?.pos ?? 'X';
  return head === 'VERB' || head === 'AUX' ? 'ADJ' : head;
}

/** Tags a text: words with Universal POS tags and offsets, hyphenated compounds joined, punctuation kept as breaks. */
export function tagText(text: string): TaggedToken[] {
  const raw = rawTokens(text);
  const tokens: TaggedToken[] = [];
  let i = 0;
  while (i < raw.length) {
    const first = raw[i]!;
    const parts = [first];
    let j = i + 1;
    // Join word - word - word while nothing is spaced: "state-of-the-art".
    while (
      first.pos !== 'PUNCT' &&
      j + 1 < raw.length &&
      JOINERS.has(raw[j]!.word) &&
      !raw[j]!.spaced &&
      !raw[j + 1]!.spaced &&
      raw[j + 1]!.pos !== 'PUNCT'
    ) {
      parts.push(raw[j + 1]!);
      j += 2;
    }
    const last = parts[parts.length - 1]!;
    const word = text.slice(first.start, last.end).toLowerCase();
    const pos = parts.length > 1 ? compoundPos(parts) : first.pos;
    const rare = parts.some((p) => p.rare);
    tokens.push({ word, stem: wordKey(word), pos, start: first.start, end: last.end, rare });
    i = j;
  }
  return tokens;
}

/** The stems of core/text.ts's words in a string, joined by a space: the one normal form every stage compares. */
export const wordKey = (text: string): string =>
  tokenize(text)
    .map((t) => stem(t.word))
    .join(' ');
