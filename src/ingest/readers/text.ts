/** Plain text and Markdown. Markdown's inline markup is reduced to its text; headings and lists stay lines. */

import { baseTitle, decodeUtf8 } from './decode.ts';
import type { Reader } from './reader.ts';

export const textReader: Reader = {
  format: 'text',
  extensions: ['.txt', '.text'],
  read({ location, bytes }) {
    const text = decodeUtf8(location, bytes);
    return {
      documents: [{ location, format: 'text', title: firstLineTitle(text) ?? baseTitle(location), text }],
      diagnostics: [],
    };
  },
};

const TITLE_MAX_CHARS = 120; // a first line longer than this is prose, not a title

function firstLineTitle(text: string): string | undefined {
  const first = text.trimStart().split('\n', 1)[0]?.trim() ?? '';
  const next = text.trimStart().split('\n')[1];
  // a title is a short first line followed by a blank line
  if (first && first.length <= TITLE_MAX_CHARS && !/[.!?]$/.test(first) && next !== undefined && next.trim() === '') {
    return first.replace(/^#+\s*/, '');
  }
  return undefined;
}

/** Strips Markdown inline syntax, keeping the words: links, emphasis, code spans, images, HTML comments. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^```[^\n]*\n[\s\S]*?^```\s*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s{0,3}([-*_])(\s*\1){2,}\s*$/gm, '');
}

export const markdownReader: Reader = {
  format: 'markdown',
  extensions: ['.md', '.markdown'],
  read({ location, bytes }) {
    const text = markdownToText(decodeUtf8(location, bytes));
    const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim();
    return {
      documents: [{ location, format: 'markdown', title: heading ?? baseTitle(location), text }],
      diagnostics: [],
    };
  },
};
