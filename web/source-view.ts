/** The source dialog: a source's stored text with one quoted span marked and scrolled into view. */
import type { Citation } from '../src/core/model.ts';
import { getSource } from './api.ts';
import { append, byId, h, locationLabel, replace } from './dom.ts';

/** Opens the source a citation points into, with `text.slice(start, end)` inside a <mark>. */
export async function openSource(citation: Pick<Citation, 'sourceId' | 'start' | 'end' | 'quote'>): Promise<void> {
  const dialog = byId<HTMLDialogElement>('source-dialog');
  const title = byId('source-title');
  const meta = byId('source-meta');
  const warning = byId('source-warning');
  const body = byId('source-text');
  replace(title, 'Loading…');
  replace(meta);
  replace(warning);
  replace(body);
  if (!dialog.open) dialog.showModal();
  try {
    const source = await getSource(citation.sourceId);
    replace(title, source.title);
    const parts: (string | HTMLElement)[] = [];
    if (source.date) parts.push(source.date);
    if (source.author) parts.push(source.author);
    // a non-http url (a hostile record's `javascript:`) is shown as text, never linked
    const link = source.url && !/^https?:/i.test(source.url) ? h('span', { class: 'location' }, source.url) : undefined;
    replace(meta, parts.join(' · '), parts.length ? ' · ' : '', link ?? locationLabel(source.location, source.url));
    const { start, end } = citation;
    const quote = source.text.slice(start, end);
    // the citation's offsets must point at its quote; if the source changed since, say so rather than mislead
    if (quote !== citation.quote)
      replace(warning, 'This source changed since the brief was written; the marked span may not be the quote.');
    const mark = h('mark', { attrs: { id: 'source-quote' } }, quote);
    append(body, source.text.slice(0, start), mark, source.text.slice(end));
    mark.scrollIntoView({ block: 'center' });
  } catch (error) {
    replace(title, 'Source unavailable');
    replace(warning, (error as Error).message);
  }
}

/** Wires the close button (Escape is the dialog's own). */
export function initSourceView(): void {
  const dialog = byId<HTMLDialogElement>('source-dialog');
  byId('source-close').addEventListener('click', () => dialog.close());
  // a click on the backdrop (the dialog element itself, outside its content) closes too
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
}
