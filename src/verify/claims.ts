/**
 * Splits a draft (plain text or Markdown) into checkable claims: prose sentences and list items, each with
 * exact `[start, end)` offsets into the ORIGINAL draft string. Headings, tag lists, questions, imperatives and
 * verbless fragments are not claims. The ingest segmenter splits sentences, but it runs on normalised text
 * whose offsets differ from the draft's; so the draft's block structure (headings, items, paragraphs) is read
 * here from the raw lines, and each block is handed to `segment()` as a same-length copy (line breaks turned
 * into spaces), which keeps every offset valid in the original.
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import type { Claim, Span } from '../core/model.ts';
import { tokenize } from '../core/text.ts';
import { segment } from '../ingest/segment.ts';

export interface ClaimOptions {
  /** A one-line paragraph without end punctuation and at most this many words is a heading (words, 1–20). */
  readonly headingMaxWords: number;
  /** A standalone numbered line ("1. Economic Engagement") this short, without end punctuation, is a heading. */
  readonly numberedHeadingMaxWords: number;
  /** Claims need at least this many words; shorter items are labels, not statements (words, 1–10). */
  readonly minWords: number;
}

/** Defaults tuned on seed 000's layout (AI-written brief: title, section headings, numbered subtopics, tags). */
export const DEFAULT_CLAIM_OPTIONS = {
  headingMaxWords: 12,
  numberedHeadingMaxWords: 8,
  minWords: 3,
} as const satisfies ClaimOptions;

type BlockKind = 'heading' | 'item' | 'paragraph' | 'rule';

/** A block of the draft: its content span (markers and indentation excluded) and how it was written. */
interface Block {
  start: number;
  end: number;
  kind: BlockKind;
  numbered: boolean;
  /** True when a blank line (or the draft's edge) is on both sides: a lone line, typical of headings. */
  standalone: boolean;
}

const MARKDOWN_HEADING = /^\s{0,3}(#{1,6})\s+/;
const ITEM_MARKER = /^\s*(?:([•◦▪‣●○■□–—*+-])|(\d{1,3}[.)])|([a-zA-Z][.)]))\s+/;
const RULE = /^\s*(?:[-*_=]\s*){3,}$/;
const FENCE = /^\s{0,3}(?:```|~~~)/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const BLOCKQUOTE = /^\s{0,3}(?:>\s?)+/;
const TERMINAL = /[.!?…]["”’')\]*_]*$/;
// Section titles whose content is a list of keywords or of sources, never statements.
const TAG_HEADING =
  /^(?:keyword\s+phrase\s+tags|keyword\s+tags|key\s*phrases|keywords?|tags|topics|labels|sources|references|bibliography|works\s+cited|citations|footnotes|notes)$/i;
// An inline tag line: "Tags: a, b, c".
const TAG_LINE = /^(?:\*\*)?(?:keyword\s+phrase\s+tags|keywords?|tags|key\s*phrases)(?:\*\*)?\s*:/i;
// A bold-only line ("**Introduction**") is a heading in Markdown drafts.
const BOLD_LINE = /^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/;

/**
 * Verbs that open an instruction to the reader ("Consider …", "Note that …"): such sentences are not claims.
 * A closed list rather than a POS tagger: a tagger reads "Russia's …" or "Driven by …" as verbs too often.
 */
const IMPERATIVES = new Set(
  `consider note see read ensure make let remember imagine check click use contact visit subscribe download learn find
join sign follow share keep take try avoid do don't please refer compare look think ask start stop watch listen explore
discover register buy get go call email write`.split(/\s+/),
);

/** Common finite verbs and auxiliaries: a sentence holding one has a verb without asking the tagger. */
const FINITE_VERBS = new Set(
  `is are was were be been being am has have had do does did will would shall should can could may might must
remains remain became become becomes seems seem appears appear says said shows show makes made gives gave takes took
holds held leads led sees saw goes went comes came needs need lies lay stands stood`.split(/\s+/),
);

interface Line extends Span {
  /** The line's text without its line break. */
  readonly raw: string;
}

function linesOf(draft: string): Line[] {
  const lines: Line[] = [];
  const pattern = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  for (const match of draft.matchAll(pattern)) {
    if (match[0] === '' && match.index >= draft.length) break;
    const raw = match[0].replace(/[\r\n]+$/, '');
    lines.push({ start: match.index, end: match.index + raw.length, raw });
  }
  return lines;
}

/** The line's content span without leading and trailing whitespace. */
function trimmed(line: Line, from = 0): Span {
  let start = line.start + from;
  let end = line.end;
  const text = line.raw;
  while (start < end && /\s/.test(text[start - line.start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1 - line.start] ?? '')) end--;
  return { start, end };
}

const wordCount = (text: string): number => tokenize(text).length;

/** Most words a line may have to be read as a title when prose follows it on the next line (words). */
const TITLE_LINE_MAX_WORDS = 8;

/**
 * Whether a line continues the block above it (a hard-wrapped line) rather than starting a new one. A block
 * whose text so far ends a sentence is closed: texts written one paragraph per line (seed 003) keep their
 * lines, and in wrapped prose the break then falls between sentences anyway. A short first line without end
 * punctuation followed by a capitalised line is a title ("Russia and China\nThe talks …") and becomes a heading.
 */
function continues(draft: string, block: Block, line: Line): boolean {
  const above = draft.slice(block.start, block.end);
  if (TERMINAL.test(above)) return false;
  const titleLike =
    block.kind === 'paragraph' &&
    !above.includes('\n') &&
    wordCount(above) <= TITLE_LINE_MAX_WORDS &&
    /^\s*\p{Lu}/u.test(line.raw);
  if (titleLike) block.kind = 'heading';
  return !titleLike;
}

/** Reads the draft's block structure: Markdown headings, list items (with continuation lines), paragraphs. */
function readBlocks(draft: string): Block[] {
  const blocks: Block[] = [];
  let previousBlank = true;
  let current: Block | undefined; // the block the next non-blank, non-structural line may continue
  let inFence = false;
  for (const line of linesOf(draft)) {
    if (FENCE.test(line.raw)) inFence = !inFence;
    if (inFence || FENCE.test(line.raw) || TABLE_ROW.test(line.raw)) {
      // code and tables are not prose: a skipped block that still separates its neighbours
      blocks.push({ ...trimmed(line), kind: 'rule', numbered: false, standalone: false });
      current = undefined;
      previousBlank = false;
      continue;
    }
    if (line.raw.trim() === '') {
      previousBlank = true;
      current = undefined;
      continue;
    }
    const last = blocks[blocks.length - 1];
    if (last && !previousBlank) last.standalone = false;
    const heading = MARKDOWN_HEADING.exec(line.raw);
    const item = heading ? null : ITEM_MARKER.exec(line.raw);
    if (RULE.test(line.raw) && !item) {
      // A setext underline ("Title\n=====") makes the paragraph above a heading.
      if (last?.kind === 'paragraph' && !previousBlank) last.kind = 'heading';
      blocks.push({ ...trimmed(line), kind: 'rule', numbered: false, standalone: false });
      current = undefined;
    } else if (heading) {
      blocks.push({ ...trimmed(line, heading[0].length), kind: 'heading', numbered: false, standalone: true });
      current = undefined;
    } else if (item) {
      const block: Block = {
        ...trimmed(line, item[0].length),
        kind: 'item',
        numbered: item[2] !== undefined,
        standalone: previousBlank,
      };
      blocks.push(block);
      current = block;
    } else if (
      current &&
      !previousBlank &&
      (current.kind === 'paragraph' || /^\s/.test(line.raw)) &&
      continues(draft, current, line)
    ) {
      current.end = trimmed(line).end; // a wrapped line continues its paragraph or item
    } else {
      const quote = BLOCKQUOTE.exec(line.raw)?.[0].length ?? 0;
      const block: Block = { ...trimmed(line, quote), kind: 'paragraph', numbered: false, standalone: previousBlank };
      blocks.push(block);
      current = block;
    }
    previousBlank = false;
  }
  return blocks;
}

/** Marks lone short lines without end punctuation (titles, "Executive Summary", "1. Economic Engagement"). */
function isHeadingLike(block: Block, text: string, options: Readonly<ClaimOptions>): boolean {
  if (block.kind === 'heading') return true;
  if (block.kind === 'rule' || !block.standalone || TERMINAL.test(text) || /\n/.test(text)) return false;
  if (BOLD_LINE.test(text)) return true;
  if (block.kind === 'item') return block.numbered && wordCount(text) <= options.numberedHeadingMaxWords;
  return wordCount(text) <= options.headingMaxWords && !/[,;]$/.test(text);
}

/** The heading's words without numbering, emphasis or a trailing colon: "**Tags:**" → "Tags". */
const headingTitle = (text: string): string =>
  text
    .replace(/^[\d.)\s]+/, '')
    .replace(/[*_#:]+/g, ' ')
    .trim();

/**
 * Sentence spans of one block, in draft offsets: the block is segmented as one same-length line. A second
 * line ("\n.") is appended, and its span dropped, because the segmenter reads a lone short line without end
 * punctuation as a heading ("Russia signed it. [1] China agreed. [2]"); this block is already known not to be one.
 */
function sentencesOf(draft: string, block: Span): Span[] {
  const flat = draft.slice(block.start, block.end).replace(/[\r\n\t]/g, ' ');
  return segment(`${flat}\n.`)
    .sentences.filter((s) => s.end <= flat.length)
    .map((s) => ({ start: block.start + s.start, end: block.start + s.end }));
}

// A bold lead-in label ("**Economic ties:** Russia …") is a heading inside the item, not part of the claim.
const BOLD_LABEL = /^(?:\*\*|__)[^*_\n]{1,60}?(?::(?:\*\*|__)|(?:\*\*|__):?)\s+/;
const EMPHASIS_OPEN = /^(?:\*{1,3}|_{1,3})(?=\S)/;
const EMPHASIS_CLOSE = /(?<=\S)(?:\*{1,3}|_{1,3})$/;

const MARKER = String.raw`\[\d{1,4}(?:[,–-]\s?\d{1,4})*\]`;
const LEADING_MARKERS = new RegExp(`^(?:${MARKER}\\s*)+`);
const TRAILING_MARKERS = new RegExp(`(?:\\s*${MARKER})*(?:\\s*\\((?:✓|✗|\\?) \\w+\\))?$`);

/** Narrows a sentence span past a bold lead-in label and emphasis markers wrapping the whole sentence. */
function stripMarkup(draft: string, span: Span): Span {
  let { start, end } = span;
  // citation markers ("[4] The talks …", "… failed. [2][3]") and a brief's verdict mark ("(✓ supported)")
  const leading = LEADING_MARKERS.exec(draft.slice(start, end));
  if (leading && leading[0].length < end - start) start += leading[0].length;
  const trailing = TRAILING_MARKERS.exec(draft.slice(start, end));
  if (trailing && trailing[0].length < end - start) end -= trailing[0].length;
  const label = BOLD_LABEL.exec(draft.slice(start, end));
  if (label && label[0].length < end - start) start += label[0].length;
  const open = EMPHASIS_OPEN.exec(draft.slice(start, end));
  const close = EMPHASIS_CLOSE.exec(draft.slice(start, end));
  if (open && close && open[0] === close[0] && end - start > 2 * open[0].length) {
    start += open[0].length;
    end -= close[0].length;
  }
  return { start, end };
}

/** Why a sentence is not a claim, or undefined when it is one. */
export function nonClaimReason(
  text: string,
  options: Readonly<ClaimOptions> = DEFAULT_CLAIM_OPTIONS,
): string | undefined {
  const words = tokenize(text).map((t) => t.word);
  if (words.length < options.minWords) return 'too short';
  if (/\?["”’')\]*_]*$/.test(text)) return 'question';
  const first = words[0] ?? '';
  if (IMPERATIVES.has(first)) return 'imperative';
  if (!hasVerb(text, words)) return 'no verb';
  return undefined;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;
/** wink-nlp's POS tagger, loaded on first need (~80 ms): most claims are settled by the word lists first. */
const tagger = (): Nlp => {
  nlp ??= winkNLP(model, ['pos']);
  return nlp;
};

/**
 * True when the sentence has a verb: a listed auxiliary or common verb, a word wink-nlp tags VERB or AUX, or,
 * for a sentence with end punctuation, a regular -ed/-es/-s form after its first word (the tagger reads
 * "Kazakhstan exports oil" as a noun phrase; a full stop says the writer meant a statement).
 */
function hasVerb(text: string, words: readonly string[]): boolean {
  if (words.some((word) => FINITE_VERBS.has(word) || word.endsWith("n't"))) return true;
  const tags = tagger().readDoc(text).tokens().out(tagger().its.pos) as string[];
  if (tags.some((tag) => tag === 'VERB' || tag === 'AUX')) return true;
  if (!TERMINAL.test(text)) return false;
  return words.some(
    (word, i) =>
      i > 0 && (/^[a-z]{3,}(?:ed|es)$/.test(word) || (/^[a-z]{3,}[^s]s$/.test(word) && !/(?:us|is|ics)$/.test(word))),
  );
}

/**
 * The claims of a draft: `splitClaims("# Title\n\nRussia trades with Tibet. Why?")` →
 * `[{ text: 'Russia trades with Tibet.', start: 9, end: 34 }]`; `draft.slice(start, end) === text` always.
 */
export function splitClaims(draft: string, options: Readonly<ClaimOptions> = DEFAULT_CLAIM_OPTIONS): Claim[] {
  const claims: Claim[] = [];
  let inTagSection = false;
  for (const block of readBlocks(draft)) {
    const text = draft.slice(block.start, block.end);
    if (block.kind === 'rule') continue;
    if (isHeadingLike(block, text, options)) {
      inTagSection = TAG_HEADING.test(headingTitle(text));
      continue;
    }
    if (inTagSection || TAG_LINE.test(text)) continue;
    for (const span of sentencesOf(draft, block).map((sentence) => stripMarkup(draft, sentence))) {
      const sentence = draft.slice(span.start, span.end);
      if (nonClaimReason(sentence, options) === undefined) claims.push({ text: sentence, ...span });
    }
  }
  return claims;
}
