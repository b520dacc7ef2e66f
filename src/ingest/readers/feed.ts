/**
 * Feeds: RSS 2.0, Atom and RDF/RSS 1.0, one source per item. Parsed with fast-xml-parser (tolerant, fast,
 * ../shared/LIBRARIES.md §3) and normalised here. Entity expansion is switched off in the parser and only the five
 * predefined XML entities and numeric references are decoded by us, so a DOCTYPE's `<!ENTITY>` declarations
 * (billion laughs) are never expanded: `&lol9;` stays the literal text "&lol9;".
 */
import type { XMLParser } from 'fast-xml-parser';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import { shortId } from '../../core/hash.ts';
import type { RawDocument } from '../../core/model.ts';
import { baseTitle, decodeUtf8 } from './decode.ts';
import { htmlToText } from './html.ts';
import { loadMarkupLibraries, markupLibraries } from './markup.ts';
import type { Reader, ReadResult } from './reader.ts';

/** Deepest element nesting accepted; feeds are ~5 deep (rich content is kept raw), so deeper is hostile. */
const MAX_XML_DEPTH = 100;
/** Elements whose inner markup is kept raw (HTML or XHTML bodies); everything else is parsed as data. */
const RICH_FIELDS = ['content:encoded', 'content', 'description', 'summary'];

const parserOptions = {
  processEntities: false, // never expand DOCTYPE entities (billion laughs); we decode the predefined ones
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false, // keep "2020" and "007" as strings: ids and titles are text
  parseAttributeValue: false,
  trimValues: true,
  stopNodes: RICH_FIELDS.map((name) => `*.${name}`),
  maxNestedTags: MAX_XML_DEPTH,
  isArray: (name: string) =>
    name === 'item' || name === 'entry' || name === 'link' || name === 'url' || name === 'sitemap',
};

let parser: XMLParser | undefined;

type Node = Record<string, unknown>;

const XML_DECLARATION_BYTES = 200; // bytes searched for `<?xml … encoding="…"?>`

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined XML entities and numeric character references; any other `&name;` stays literal. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Escapes bare `&` (common in hand-made feeds) so that the validator only complains about real structure errors. */
const repairAmpersands = (xml: string) => xml.replace(/&(?!(?:[a-zA-Z][\w.-]*|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;');

/** Plain text of a data element (title, guid, date): its `#text`, entities decoded, any markup dropped. */
function plain(value: unknown): string {
  if (Array.isArray(value)) return plain(value[0]);
  if (typeof value === 'string') return decodeXmlEntities(value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')).trim();
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object') return plain((value as Node)['#text'] ?? '');
  return '';
}

/**
 * HTML of a rich element kept raw by the parser. CDATA sections are HTML already; outside them, escaped HTML
 * (`&lt;p&gt;`, RSS and Atom type="html") is decoded once, while real child elements (Atom type="xhtml") are kept.
 */
function richHtml(value: unknown): string {
  const raw =
    typeof value === 'object' && value !== null ? String((value as Node)['#text'] ?? '') : String(value ?? '');
  return raw
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => {
      if (part.startsWith('<![CDATA[')) return part.slice(9, -3);
      return /<[a-zA-Z]/.test(part) ? part : decodeXmlEntities(part);
    })
    .join('');
}

/** ISO 8601 of an RFC 822 (RSS) or ISO (Atom, Dublin Core) date; undefined when unparseable. */
export function isoDate(value: string): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The link of an item: RSS `<link>` text, or Atom's `rel="alternate"` (or first) `href`. */
function linkOf(item: Node): string {
  const links = (item.link as unknown[] | undefined) ?? [];
  const alternate =
    links.find((l) => typeof l === 'object' && l !== null && ((l as Node)['@_rel'] ?? 'alternate') === 'alternate') ??
    links[0];
  if (alternate && typeof alternate === 'object' && (alternate as Node)['@_href'] !== undefined) {
    return plain((alternate as Node)['@_href']);
  }
  return plain(alternate) || plain((item as Node)['@_rdf:about']);
}

function authorOf(item: Node): string {
  const author = item.author ?? item['dc:creator'];
  if (author && typeof author === 'object' && !Array.isArray(author) && 'name' in (author as Node)) {
    return plain((author as Node).name);
  }
  return plain(author);
}

/** The items of a parsed feed, and its kind; undefined when the root is not a feed. */
function itemsOf(parsed: Node): { kind: string; title: string; items: unknown[] } | undefined {
  const rss = parsed.rss as Node | undefined;
  if (rss) {
    const channel = (Array.isArray(rss.channel) ? rss.channel[0] : rss.channel) as Node | undefined;
    return { kind: 'rss', title: plain(channel?.title), items: (channel?.item as unknown[]) ?? [] };
  }
  const atom = parsed.feed as Node | undefined;
  if (atom) return { kind: 'atom', title: plain(atom.title), items: (atom.entry as unknown[]) ?? [] };
  const rdf = parsed['rdf:RDF'] as Node | undefined;
  if (rdf) {
    const channel = rdf.channel as Node | undefined;
    return { kind: 'rdf', title: plain(channel?.title), items: (rdf.item as unknown[]) ?? [] };
  }
  return undefined;
}

/** One item as a document, or the reason it cannot be one. */
function itemToDocument(item: unknown, feedLocation: string, feedTitle: string, index: number): RawDocument | string {
  if (typeof item !== 'object' || item === null) return 'is empty';
  const node = item as Node;
  const link = linkOf(node);
  const guid = plain(node.guid) || plain(node.id) || link;
  const html = richHtml(node['content:encoded'] ?? node.content ?? node.description ?? node.summary ?? '');
  const text = html ? htmlToText(html) : '';
  const title = plain(node.title) || text.split('\n', 1)[0]?.slice(0, 80) || `${feedTitle} item ${index + 1}`;
  if (!text.trim()) return `has no content (title "${title}")`;
  const date = isoDate(plain(node.pubDate) || plain(node.published) || plain(node['dc:date']) || plain(node.updated));
  const author = authorOf(node);
  return {
    // without guid or link, a hash of title and date keeps the key stable when new items are prepended
    location: `${feedLocation}#${guid || shortId(`${title}\n${date ?? ''}`)}`,
    format: 'feed',
    title,
    text,
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...(link ? { url: link } : {}),
  };
}

/**
 * Parses XML after repairing bare ampersands; throws BAD_FEED with the parser's line and reason when malformed.
 * Await `loadMarkupLibraries()` (markup.ts) first.
 */
export function parseXml(location: string, xml: string): Node {
  const repaired = repairAmpersands(xml);
  const { XMLParser, XMLValidator } = markupLibraries();
  parser ??= new XMLParser(parserOptions);
  const valid = XMLValidator.validate(repaired);
  if (valid !== true) {
    throw createError('BAD_FEED', location, `malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  try {
    return parser.parse(repaired) as Node;
  } catch (error) {
    // the parser refuses nesting deeper than MAX_XML_DEPTH (hostile input) and a few other shapes
    throw createError('BAD_FEED', location, `unreadable XML (${(error as Error).message.replace(/\s+/g, ' ')})`);
  }
}

/** Whether parsed XML is a feed (RSS, Atom, RDF). */
export const isFeed = (parsed: Node): boolean => itemsOf(parsed) !== undefined;

/** The page URLs of a sitemap (`<urlset>`) or the child sitemaps of a sitemap index; undefined when neither. */
export function sitemapUrls(parsed: Node): { kind: 'urlset' | 'index'; urls: string[] } | undefined {
  const urlset = parsed.urlset as Node | undefined;
  if (urlset) return { kind: 'urlset', urls: ((urlset.url as Node[]) ?? []).map((u) => plain(u.loc)).filter(Boolean) };
  const index = parsed.sitemapindex as Node | undefined;
  if (index) return { kind: 'index', urls: ((index.sitemap as Node[]) ?? []).map((u) => plain(u.loc)).filter(Boolean) };
  return undefined;
}

/** Items of a parsed feed as documents; a bad item is a diagnostic and the others are kept. */
export function feedDocuments(location: string, parsed: Node): ReadResult {
  const feed = itemsOf(parsed);
  if (!feed && sitemapUrls(parsed)) {
    throw createError('BAD_FEED', location, 'it is a sitemap, not a feed; ingest its URL to fetch the pages it lists');
  }
  if (!feed) throw createError('BAD_FEED', location, 'it is XML but not an RSS, Atom or RDF feed');
  const documents: RawDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const feedTitle = feed.title || baseTitle(location);
  feed.items.forEach((item, index) => {
    const doc = itemToDocument(item, location, feedTitle, index);
    if (typeof doc === 'string') {
      diagnostics.push({
        severity: 'error',
        location: `${location}#${index + 1}`,
        message: `feed item ${index + 1} ${doc}`,
      });
    } else {
      documents.push(doc);
    }
  });
  if (documents.length === 0 && diagnostics.length === 0)
    throw createError('BAD_FEED', location, 'the feed has no items');
  return { documents, diagnostics };
}

/**
 * Text of an XML file: UTF-8 unless its declaration names another encoding that TextDecoder knows (old feeds are
 * often ISO-8859-1 or windows-1252).
 */
export function decodeXml(location: string, bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, XML_DECLARATION_BYTES));
  const declared = /^\s*<\?xml[^>]*\bencoding=["']([\w.:-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === 'utf-8' || declared === 'utf8') return decodeUtf8(location, bytes);
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    throw createError('BAD_FEED', location, `its encoding "${declared}" is unknown; re-save it as UTF-8`);
  }
}

export const feedReader: Reader = {
  format: 'feed',
  extensions: ['.rss', '.atom', '.xml', '.rdf'],
  async read({ location, bytes }) {
    await loadMarkupLibraries();
    return feedDocuments(location, parseXml(location, decodeXml(location, bytes)));
  },
};
