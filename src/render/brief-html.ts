/**
 * Brief → a standalone HTML page (inline CSS, no scripts, no external assets). Each `[n]` links to the source
 * entry, whose quotes are listed with their offsets. All text is escaped: sources are untrusted.
 */
import type { Brief, Statement } from '../core/model.ts';
import { describeSource } from './brief-markdown.ts';
import { escapeHtml } from './escape.ts';

const STYLE = `body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.7rem;line-height:1.25}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde2ea;padding-bottom:.25rem}
h3{font-size:1.05rem}a.cite{font-size:.8em;vertical-align:super;text-decoration:none;color:#2456c7}
.verdict{font-size:.75em;padding:0 .35em;border-radius:.3em;background:#e7f5ea;color:#176c2e}.verdict.contradicted{background:#fde8e8;color:#9b1c1c}
.verdict.unsupported{background:#fff4db;color:#8a5a00}.tags li{display:inline-block;margin:.2rem;padding:.1rem .6rem;border-radius:1rem;background:#eef2f8;list-style:none}
.tags{padding:0}.gaps li{color:#8a5a00}blockquote{margin:.3rem 0 .3rem 1rem;color:#4a5363;font-size:.92em}
@media (prefers-color-scheme:dark){body{background:#14171d;color:#e4e7ee}h2{border-color:#333a46}.tags li{background:#232a36}blockquote{color:#a9b1c0}}`;

function statementHtml(statement: Statement, numberOf: ReadonlyMap<string, number>): string {
  const cites = [...new Set(statement.citations.map((c) => numberOf.get(c.sourceId) ?? 0))]
    .map((n) => `<a class="cite" href="#source-${n}">[${n}]</a>`)
    .join('');
  const verdict = statement.verdict ? ` <span class="verdict ${statement.verdict}">${statement.verdict}</span>` : '';
  return `${escapeHtml(statement.text)}${cites}${verdict}`;
}

export function renderBriefHtml(brief: Brief): string {
  const numberOf = new Map(brief.sources.map((s) => [s.id as string, s.n]));
  const paragraph = (list: readonly Statement[]) =>
    list.length
      ? `<p>${list.map((s) => statementHtml(s, numberOf)).join(' ')}</p>`
      : '<p><em>No evidence in the library.</em></p>';
  const quotesBySource = new Map<string, string[]>();
  const all = [
    ...brief.executiveSummary,
    ...brief.introduction,
    ...brief.subtopics.flatMap((s) => s.bullets),
    ...brief.conclusion,
  ];
  for (const statement of all) {
    for (const c of statement.citations) {
      quotesBySource.set(c.sourceId, [...(quotesBySource.get(c.sourceId) ?? []), `${c.quote} (${c.start}–${c.end})`]);
    }
  }
  const subtopics = brief.subtopics
    .map(
      (s, i) =>
        `<h3>${i + 1}. ${escapeHtml(s.label)}</h3><ul>${
          s.bullets.length
            ? s.bullets.map((b) => `<li>${statementHtml(b, numberOf)}</li>`).join('')
            : '<li><em>No evidence in the library.</em></li>'
        }</ul>`,
    )
    .join('\n');
  const sources = brief.sources
    .map(
      (s) =>
        `<li id="source-${s.n}"><strong>${escapeHtml(describeSource(s))}</strong>${(quotesBySource.get(s.id) ?? [])
          .map((q) => `<blockquote>${escapeHtml(q)}</blockquote>`)
          .join('')}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(brief.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(brief.title)}</h1>
<h2>Executive Summary</h2>${paragraph(brief.executiveSummary)}
<h2>Introduction</h2>${paragraph(brief.introduction)}
<h2>Top ${brief.subtopics.length} Subtopics</h2>
${subtopics}
<h2>Conclusion</h2>${paragraph(brief.conclusion)}
<h2>Keyword Phrase Tags</h2><ul class="tags">${brief.tags.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>
<h2>Sources</h2><ol>${sources}</ol>
${brief.gaps.length ? `<h2>Gaps</h2><ul class="gaps">${brief.gaps.map((g) => `<li>${escapeHtml(g.subtopic)}: ${escapeHtml(g.reason)}</li>`).join('')}</ul>` : ''}
</main></body></html>
`;
}
