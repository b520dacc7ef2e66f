/** Turns a reader's raw document into a source ready to store: normalised, segmented, furniture flagged. */
import { sha256, shortId } from '../core/hash.ts';
import { asSourceId } from '../core/ids.ts';
import type { PassageSpan, RawDocument, SegmentedSource } from '../core/model.ts';
import { flagFurniture } from './boilerplate.ts';
import { normalizeText } from './normalize.ts';
import { segment } from './segment.ts';

/** Normalised text of a paged document, with the page of each character range. */
function joinPages(pages: readonly string[]): { text: string; pageStarts: number[] } {
  const parts: string[] = [];
  const pageStarts: number[] = [];
  let length = 0;
  for (const page of pages) {
    const text = normalizeText(page);
    if (length > 0 && text) length += 2; // the blank line between pages
    pageStarts.push(length);
    if (text) parts.push(text);
    length += text.length;
  }
  return { text: parts.join('\n\n'), pageStarts };
}

function pageOf(pageStarts: readonly number[], offset: number): number {
  let page = 0;
  while (page + 1 < pageStarts.length && (pageStarts[page + 1] ?? Infinity) <= offset) page++;
  return page + 1;
}

/** The source id of a location: stable across edits, so a changed file replaces its old version. */
export const sourceIdFor = (location: string) => asSourceId(shortId(location));

export function prepareSource(raw: RawDocument): SegmentedSource {
  const paged = raw.pages ? joinPages(raw.pages) : undefined;
  const text = paged ? paged.text : normalizeText(raw.text);
  const segmentation = segment(text);
  const passages: PassageSpan[] = paged
    ? segmentation.passages.map((p) => ({ ...p, page: pageOf(paged.pageStarts, p.start) }))
    : segmentation.passages;
  const sentences = flagFurniture(text, segmentation.sentences);
  const { text: _raw, pages: _pages, ...meta } = raw;
  const title = raw.title.replace(/\s+/g, ' ').trim();
  return {
    ...meta,
    title,
    id: sourceIdFor(raw.location),
    hash: sha256(JSON.stringify({ ...meta, title, text })),
    text,
    passages,
    sentences,
  };
}
