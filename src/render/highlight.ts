/** Marks the words of a text whose index term is in a set with ANSI bold yellow; plain text when colour is off. */
import { isStopword, stem, tokenize } from '../core/text.ts';

export function highlight(text: string, queryTerms: ReadonlySet<string>, colour: boolean): string {
  const [open, close] = colour ? ['\u001b[1;33m', '\u001b[0m'] : ['', ''];
  if (!colour) return text;
  let out = '';
  let last = 0;
  for (const token of tokenize(text)) {
    if (isStopword(token.word) || !queryTerms.has(stem(token.word))) continue;
    out += text.slice(last, token.start) + open + text.slice(token.start, token.end) + close;
    last = token.end;
  }
  return out + text.slice(last);
}
