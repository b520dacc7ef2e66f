/**
 * HTML: the main content only, via Mozilla Readability over linkedom (jsdom's quality at a fraction of the
 * cost, ../shared/LIBRARIES.md §3). Falls back to the body minus navigation when Readability finds no article.
 */
import { createError } from '../../core/errors.ts';
import type { RawDocument } from '../../core/model.ts';
import { baseTitle, decodeUtf8 } from './decode.ts';
import { loadMarkupLibraries, markupLibraries } from './markup.ts';
import type { Reader } from './reader.ts';

const BLOCK = new Set(
  'address article aside blockquote dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul br'.split(
    ' ',
  ),
);
const SKIP = new Set(
  'script style noscript template svg canvas iframe object embed form button select textarea nav'.split(' '),
);
const FURNITURE =
  'nav, header, footer, aside, form, script, style, noscript, [role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true]';
/** Deeper trees are refused: a parser walking them recursively would exhaust the stack (hostile input). */
const MAX_DEPTH = 2000;

interface MinimalNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MinimalNode>;
}

/** Text of an element: blocks become paragraphs, list items bullet lines, headings their own paragraph. */
export function elementToText(root: MinimalNode): string {
  const out: string[] = [];
  const stack: { node: MinimalNode; depth: number; close?: string }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth, close } = stack.pop() as { node: MinimalNode; depth: number; close?: string };
    if (close !== undefined) {
      out.push(close);
      continue;
    }
    if (depth > MAX_DEPTH) continue;
    if (node.nodeType === 3) {
      out.push((node.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeName.toLowerCase();
    if (SKIP.has(tag)) continue;
    const block = BLOCK.has(tag);
    const opener = tag === 'li' ? '\n• ' : block ? '\n\n' : '';
    if (opener) out.push(opener);
    if (block) stack.push({ node, depth, close: tag === 'li' ? '\n' : '\n\n' });
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Plain text of an HTML fragment (feed item content, a cell): no scripts, no markup. Await
 * `loadMarkupLibraries()` (markup.ts) first, as for `extractArticle`.
 */
export function htmlToText(html: string): string {
  const { document } = markupLibraries().parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return elementToText(document.body as unknown as MinimalNode);
}

/** The readable article of a full HTML page. */
export function extractArticle(location: string, html: string, format = 'html'): RawDocument {
  if (/<[a-z]/i.test(html) && nestingDepth(html) > MAX_DEPTH) {
    throw createError('BAD_HTML', location, `elements are nested more than ${MAX_DEPTH} deep; is this a real page?`);
  }
  if (!html.trim()) throw createError('EMPTY', location);
  // linkedom leaves documentElement null for markup-free input, which Readability cannot take
  const source = /<[a-z]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const { parseHTML, Readability } = markupLibraries();
  const { document } = parseHTML(source);
  const pageTitle = document.querySelector('title')?.textContent?.trim() ?? '';
  const lang = document.documentElement?.getAttribute('lang') ?? undefined;
  const metaDate =
    document
      .querySelector('meta[property="article:published_time"], meta[name="date"], time[datetime]')
      ?.getAttribute('content') ??
    document.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const author = document.querySelector('meta[name="author"]')?.getAttribute('content') ?? undefined;
  let text = '';
  let title = pageTitle;
  try {
    const article = new Readability(document as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content) {
      text = htmlToText(article.content);
      title = article.title?.trim() || pageTitle;
    }
  } catch {
    // Readability gives up on odd pages; the fallback below still keeps the body's text
  }
  if (!text.trim()) {
    const { document: fallback } = parseHTML(source);
    for (const el of fallback.querySelectorAll(FURNITURE)) el.remove();
    text = fallback.body ? elementToText(fallback.body as unknown as MinimalNode) : '';
  }
  if (!text.trim())
    throw createError('BAD_HTML', location, 'no readable text found in the HTML (is it malformed or empty?)');
  return {
    location,
    format,
    title: title || baseTitle(location),
    text,
    ...(metaDate ? { date: metaDate } : {}),
    ...(author ? { author } : {}),
    ...(lang ? { language: lang } : {}),
  };
}

/** Cheap upper bound on tag nesting, counted on the source so hostile pages never reach the parser. */
function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const tag = (match[2] ?? '').toLowerCase();
    if (VOID.has(tag) || match[3]) continue;
    depth += match[1] ? -1 : 1;
    if (depth > max) max = depth;
  }
  return max;
}
const VOID = new Set('area base br col embed hr img input link meta param source track wbr p li'.split(' '));

export const htmlReader: Reader = {
  format: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  async read({ location, bytes }) {
    await loadMarkupLibraries();
    return { documents: [extractArticle(location, decodeUtf8(location, bytes))], diagnostics: [] };
  },
};
