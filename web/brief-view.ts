/**
 * The brief composer and the rendered brief, in the shape of the seed briefs: Title, Executive Summary,
 * Introduction, Top N Subtopics with bullets, Conclusion, Keyword Phrase Tags, Sources, Gaps. Every `[n]`
 * marker is a button that opens its quote in the source.
 */
import type { Brief, Citation, Statement } from '../src/core/model.ts';
import { type BriefInput, makeBrief, renderBrief } from './api.ts';
import { byId, download, h, locationLabel, replace } from './dom.ts';
import { openSource } from './source-view.ts';

let current: Brief | undefined;

/** Renders a brief into the article element. */
export function renderBriefView(brief: Brief, article: HTMLElement): void {
  const numbers = new Map(brief.sources.map((s) => [s.id as string, s]));
  // a source's title in the list opens it at the first passage the brief quotes from it
  const firstCitation = new Map<string, Citation>();
  const all = [brief.executiveSummary, brief.introduction, ...brief.subtopics.map((t) => t.bullets), brief.conclusion];
  for (const c of all.flat().flatMap((st) => st.citations))
    if (!firstCitation.has(c.sourceId)) firstCitation.set(c.sourceId, c);
  const statement = (s: Statement) =>
    h(
      'span',
      { class: `statement${s.verdict ? ` verdict-${s.verdict}` : ''}` },
      s.text,
      ...s.citations.map((c) => citeButton(c, numbers.get(c.sourceId))),
    );
  const paragraph = (statements: readonly Statement[]) =>
    statements.length
      ? h('p', {}, ...statements.flatMap((s, i) => [i ? ' ' : '', statement(s)]))
      : h('p', { class: 'muted' }, 'The library holds nothing more to say here.');
  const section = (title: string, ...content: Node[]) => h('section', {}, h('h2', {}, title), ...content);

  replace(
    article,
    h('h1', { class: 'brief-title' }, brief.title),
    section('Executive Summary', paragraph(brief.executiveSummary)),
    section('Introduction', paragraph(brief.introduction)),
    section(
      `Top ${brief.subtopics.length} Subtopics`,
      h(
        'ol',
        { class: 'subtopics' },
        ...brief.subtopics.map((sub) =>
          h(
            'li',
            {},
            h('h3', {}, sub.label),
            h('ul', { class: 'bullets' }, ...sub.bullets.map((b) => h('li', {}, statement(b)))),
          ),
        ),
      ),
    ),
    section('Conclusion', paragraph(brief.conclusion)),
    section('Keyword Phrase Tags', h('ul', { class: 'tags' }, ...brief.tags.map((t) => h('li', {}, t)))),
    section(
      'Sources',
      h(
        'ol',
        { class: 'sources' },
        ...brief.sources.map((s) =>
          h(
            'li',
            { attrs: { value: String(s.n), id: `source-${s.n}` } },
            firstCitation.has(s.id)
              ? h(
                  'button',
                  {
                    class: 'link source-title',
                    attrs: { type: 'button', 'aria-label': `Open source ${s.n}: ${s.title}` },
                    on: { click: () => void openSource(firstCitation.get(s.id)!) },
                  },
                  s.title,
                )
              : h('span', { class: 'source-title' }, s.title),
            s.date ? ` · ${s.date}` : '',
            ' · ',
            locationLabel(s.location),
          ),
        ),
      ),
    ),
    section(
      'Gaps',
      brief.gaps.length
        ? h(
            'ul',
            { class: 'gaps' },
            ...brief.gaps.map((g) => h('li', {}, h('strong', {}, g.subtopic), `: ${g.reason}`)),
          )
        : h('p', { class: 'muted' }, 'None: every subtopic found support in the library.'),
    ),
  );
}

function citeButton(citation: Citation, source: Brief['sources'][number] | undefined): HTMLButtonElement {
  const n = source?.n ?? '?';
  return h(
    'button',
    {
      class: 'cite',
      attrs: { type: 'button', 'aria-label': `Source ${n}: ${source?.title ?? 'unknown'} (show the quote)` },
      on: { click: () => void openSource(citation) },
    },
    `[${n}]`,
  );
}

function readForm(): BriefInput {
  const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement>(id).value.trim();
  const outline = value('outline')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    topic: value('topic'),
    ...(value('subtopics') ? { subtopics: Number(value('subtopics')) } : {}),
    ...(value('bullets') ? { bullets: Number(value('bullets')) } : {}),
    ...(outline.length ? { outline } : {}),
    ...(value('since') ? { since: value('since') } : {}),
    ...(value('until') ? { until: value('until') } : {}),
  };
}

/** A run of grey lines the height of a typical brief, so the first result does not shift the page. */
function skeleton(): HTMLElement[] {
  return Array.from({ length: 12 }, (_, i) => h('div', { class: `skeleton${i % 4 === 0 ? ' heading' : ''}` }));
}

/** Wires the composer, the brief view and the export buttons. */
export function initBriefView(): void {
  const form = byId<HTMLFormElement>('brief-form');
  const article = byId('brief');
  const error = byId('brief-error');
  const status = byId('brief-status');
  // always laid out, only disabled until there is a brief: appearing would push the brief down
  const exports = byId<HTMLFieldSetElement>('brief-exports');
  const submit = byId<HTMLButtonElement>('brief-submit');
  const slug = () => (current?.topic ?? 'brief').toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'brief';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(error);
    submit.disabled = true;
    article.setAttribute('aria-busy', 'true');
    article.classList.remove('placeholder');
    replace(article, ...skeleton());
    try {
      replace(status, 'Writing the brief…');
      current = await makeBrief(readForm());
      renderBriefView(current, article);
      // announce a one-line summary; the brief itself is read on demand, not all at once
      replace(status, `Brief written: ${current.subtopics.length} subtopics from ${current.sources.length} sources.`);
      exports.disabled = false;
    } catch (e) {
      current = undefined;
      exports.disabled = true;
      replace(article);
      article.classList.add('placeholder');
      replace(status);
      replace(error, (e as Error).message);
    } finally {
      submit.disabled = false;
      article.setAttribute('aria-busy', 'false');
    }
  });

  const exportAs = (format: 'md' | 'html') => async () => {
    if (!current) return;
    try {
      const text = await renderBrief(current, format);
      download(`${slug()}.${format}`, format === 'md' ? 'text/markdown' : 'text/html', text);
    } catch (e) {
      replace(error, (e as Error).message);
    }
  };
  byId('export-md').addEventListener('click', exportAs('md'));
  byId('export-html').addEventListener('click', exportAs('html'));
  byId('export-json').addEventListener('click', () => {
    if (current) download(`${slug()}.json`, 'application/json', `${JSON.stringify(current, null, 2)}\n`);
  });
}
