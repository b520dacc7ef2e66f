/**
 * Turns a reader's raw text into Kora's canonical stored text: Unicode NFC, clean whitespace, and paragraphs
 * separated by one blank line. Hard-wrapped lines (UN speeches break lines inside sentences) are reflowed into
 * paragraphs, while texts written one paragraph per line (seed 003's feed of abstracts) keep their lines.
 */

/** Lines this long or shorter, at the wrapping width, mark a block as hard-wrapped (characters). */
const MAX_WRAP_WIDTH = 110;
/** A wrapped line shorter than this share of the block's width that ends a sentence closes a paragraph. */
const SHORT_LINE_RATIO = 0.7;
/** In unwrapped text, a line this short (characters) that ends a sentence finishes the unfinished line before it. */
const SHORT_TAIL_CHARS = 25;
/** Fewer lines than this never count as hard-wrapped: a short block is more likely a list or verse. */
const MIN_WRAPPED_LINES = 3;

const BULLET = /^\s*(?:[•◦▪‣●○■□–—*+-]|\d{1,3}[.)]|[a-zA-Z][.)])\s+/;
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+/;
const TERMINAL = /[.!?:;…]["”’')\]]*$/;

/** True when a line starts a list item or a Markdown heading, so it never joins the line before it. */
export const isStructuralLine = (line: string): boolean => BULLET.test(line) || MARKDOWN_HEADING.test(line);

function cleanCharacters(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      .replace(/\u00ad/g, '') // soft hyphens are invisible line-break hints
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, '')
      .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      .replace(/\u2028|\u2029/g, '\n')
  );
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function isWrappedBlock(lines: readonly string[]): boolean {
  if (lines.length < MIN_WRAPPED_LINES) return false;
  const prose = lines.filter((line) => !isStructuralLine(line));
  if (prose.length < MIN_WRAPPED_LINES) return false;
  return (
    percentile(
      prose.map((line) => line.length),
      0.9,
    ) <= MAX_WRAP_WIDTH
  );
}

/** Joins two wrapped lines: a hyphen at a line end ("Six-\nParty") joins without a space. */
function joinWrapped(left: string, right: string): string {
  if (/[\p{L}]-$/u.test(left) && /^[\p{L}]/u.test(right)) return left + right;
  return `${left} ${right}`;
}

/** Splits one block (no blank lines inside) into paragraphs; list items stay one per line. */
function reflowBlock(rawLines: readonly string[]): string[][] {
  const lines = rawLines.map((line) => line.replace(/ +$/, ''));
  const wrapped = isWrappedBlock(lines);
  const width = wrapped
    ? percentile(
        lines.map((l) => l.length),
        0.9,
      )
    : 0;
  const paragraphs: string[][] = [];
  let current: string[] = []; // lines of the current paragraph, each an output line
  const flush = () => {
    if (current.length > 0) paragraphs.push(current);
    current = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim().replace(/ {2,}/g, ' ');
    if (!line) continue;
    if (isStructuralLine(raw)) {
      // a list: items share one paragraph, one per line; a heading stands alone
      if (MARKDOWN_HEADING.test(raw)) {
        flush();
        paragraphs.push([line]);
        continue;
      }
      const last = current[current.length - 1];
      if (last !== undefined && !isStructuralLine(last)) flush();
      current.push(line);
      continue;
    }
    const last = current[current.length - 1];
    if (!wrapped) {
      // one paragraph per line, unless the line plainly continues the one before: a wrapped list item, or an
      // unfinished line followed by a lower-case start or a short closing fragment ('… Successful\nKazakhstan”.')
      const continues =
        last !== undefined &&
        !TERMINAL.test(last) &&
        ((isStructuralLine(last) && /^\s/.test(raw)) ||
          (!isStructuralLine(last) &&
            (/^\p{Ll}/u.test(line) || (line.length <= SHORT_TAIL_CHARS && TERMINAL.test(line)))));
      if (continues) {
        current[current.length - 1] = joinWrapped(last, line);
        continue;
      }
      flush();
      current.push(line);
      continue;
    }
    const startsIndented = /^\s+\S/.test(raw);
    if (last === undefined || (startsIndented && TERMINAL.test(last))) {
      flush();
      current.push(line);
    } else if (isStructuralLine(last) && !/^\s/.test(raw)) {
      flush();
      current.push(line);
    } else {
      current[current.length - 1] = joinWrapped(last, line);
    }
    const previousLength = raw.length;
    const closesParagraph = TERMINAL.test(line) && previousLength < width * SHORT_LINE_RATIO;
    if (closesParagraph) flush();
  }
  flush();
  return paragraphs;
}

/**
 * Canonical stored text: paragraphs separated by a blank line, list items one per line.
 * `normalizeText("a\nwrapped\nline.")` depends on the block's shape; see the tests for examples.
 */
export function normalizeText(raw: string): string {
  const blocks = cleanCharacters(raw).split(/\n[ ]*\n+/);
  const paragraphs: string[] = [];
  for (const block of blocks) {
    for (const paragraph of reflowBlock(block.split('\n'))) paragraphs.push(paragraph.join('\n'));
  }
  return paragraphs.join('\n\n');
}
