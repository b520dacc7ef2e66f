/**
 * Splits normalised text into passages (paragraphs) and sentences with exact `[start, end)` offsets.
 * Hand-written because the offsets are Kora's core promise: `text.slice(start, end)` must be the sentence,
 * and no general NLP library both keeps offsets and handles bullets, headings and abbreviations (see
 * ../shared/LIBRARIES.md §2: wink-nlp misses block structure, compromise is 20× slower).
 */
import type { PassageSpan, SentenceKind, SentenceSpan, Span } from '../core/model.ts';
import { isStructuralLine } from './normalize.ts';

/** Never end a sentence: titles and reference abbreviations ("Dr. Smith", "Fig. 3", "e.g. the"). */
const TITLE_ABBREVIATIONS = new Set(
  `mr mrs ms dr prof gen sen rep gov lt col capt sgt cmdr adm maj brig hon rev fr st mt ft fig figs eq eqs vol vols
pp cf al vs v e.g i.e viz approx dept messrs mme mlle gov't ph.d b.a m.a m.sc u.s.a`.split(/\s+/),
);
/** End a sentence only before a capitalised word, never before a number ("No. 5", "Jan. 12", "Art. 51"). */
const NUMBERED_ABBREVIATIONS = new Set(
  'no nos art arts sec ch para paras jan feb mar apr jun jul aug sep sept oct nov dec p'.split(' '),
);
/** Words that start sentences; after "U.S." or "a.m." only these make a boundary. */
const SENTENCE_STARTERS = new Set(
  `the this that these those it its he she we they i in on at but and however a an there our my his her their
as for if when while after before since although yet so thus therefore moreover today now`.split(/\s+/),
);

const HEADING_MAX_WORDS = 12;
const BULLET_MARKER = /^(?:[•◦▪‣●○■□–—*+-]|\d{1,3}[.)]|[a-zA-Z][.)])\s+/;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
const TERMINAL_END = /[.!?…:;]["”’')\]]*$/;
// A run of sentence-final punctuation and any closing quotes or brackets, followed by whitespace.
const BOUNDARY = /[.!?…]+["”’')\]]*(?=\s)/g;
const OPENER = /^["“‘'([]*[\p{Lu}\p{N}]/u;

export interface Segmentation {
  readonly passages: PassageSpan[];
  readonly sentences: SentenceSpan[];
}

function wordBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}\p{N}.'’-]/u.test(text[i - 1] ?? '')) i--;
  return text.slice(i, dot).toLowerCase();
}

/** Decides whether the punctuation run `text[at, after)` ends a sentence. */
function isBoundary(text: string, at: number, after: number, limit: number): boolean {
  let next = after;
  while (next < limit && /\s/.test(text[next] ?? '')) next++;
  if (next >= limit) return false;
  const rest = text.slice(next, Math.min(limit, next + 40));
  if (!OPENER.test(rest)) return false;
  if (text[at] !== '.' || text[at + 1] === '.') return true; // ?, !, ellipsis
  const word = wordBefore(text, at);
  const nextWord = (/^["“‘'([]*([\p{L}\p{N}]+)/u.exec(rest)?.[1] ?? '').toLowerCase();
  const nextIsNumber = /^\d/.test(nextWord);
  if (TITLE_ABBREVIATIONS.has(word)) return false;
  if (NUMBERED_ABBREVIATIONS.has(word)) return !nextIsNumber;
  if (/^\p{L}$/u.test(word)) return false; // an initial: "J. Smith"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return SENTENCE_STARTERS.has(nextWord); // "U.S." "a.m."
  return true;
}

/** Sentence spans inside `[start, end)` of one line, trimmed of surrounding whitespace. */
function splitSentences(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let from = start;
  const line = text.slice(start, end);
  for (const match of line.matchAll(BOUNDARY)) {
    const at = start + match.index;
    const after = at + match[0].length;
    if (after <= from) continue;
    if (isBoundary(text, at, after, end)) {
      spans.push({ start: from, end: after });
      from = after;
    }
  }
  spans.push({ start: from, end });
  return spans.map((span) => trimSpan(text, span)).filter((span) => span.end > span.start);
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

function looksLikeHeading(line: string, isWholeParagraph: boolean): boolean {
  if (!isWholeParagraph || TERMINAL_END.test(line)) return false;
  const words = line.split(/\s+/).length;
  return words <= HEADING_MAX_WORDS && /^[\p{Lu}\p{N}"“]/u.test(line) && !/[,;]$/.test(line);
}

/**
 * Passages and sentences of normalised text (see normalizeText): a passage per paragraph, a sentence per
 * list item or heading line, prose split at sentence boundaries.
 */
export function segment(text: string): Segmentation {
  const passages: PassageSpan[] = [];
  const sentences: SentenceSpan[] = [];
  const paragraph = /[^\n]+(?:\n[^\n]+)*/g;
  for (const block of text.matchAll(paragraph)) {
    const blockStart = block.index;
    const passage = passages.length;
    passages.push({ start: blockStart, end: blockStart + block[0].length });
    const lines = block[0].split('\n');
    let lineStart = blockStart;
    for (const line of lines) {
      const lineEnd = lineStart + line.length;
      let contentStart = lineStart;
      let kind: SentenceKind = 'sentence';
      const marker = MARKDOWN_HEADING.exec(line) ?? (isStructuralLine(line) ? BULLET_MARKER.exec(line) : null);
      if (marker) {
        contentStart += marker[0].length;
        kind = MARKDOWN_HEADING.test(line) ? 'heading' : 'item';
      } else if (looksLikeHeading(line.trim(), lines.length === 1)) {
        kind = 'heading';
      }
      const spans = kind === 'heading' ? [trimSpan(text, { start: contentStart, end: lineEnd })] : [];
      if (kind !== 'heading') spans.push(...splitSentences(text, contentStart, lineEnd));
      for (const span of spans) {
        if (span.end > span.start) sentences.push({ ...span, kind, passage, boilerplate: false });
      }
      lineStart = lineEnd + 1;
    }
  }
  return { passages, sentences };
}
