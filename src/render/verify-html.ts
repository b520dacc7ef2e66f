/**
 * VerifyReport → a standalone HTML page: inline CSS, no scripts, no external assets, a CSP that forbids
 * loading anything. Claims are coloured by label; evidence quotes follow each claim. Every piece of text is
 * escaped: claims come from the draft and quotes from the library, both untrusted.
 */
import type { ClaimReport, VerdictLabel, VerifyReport } from '../core/model.ts';
import { escapeHtml } from './escape.ts';
import { DEFAULT_VERIFY_RENDER_OPTIONS, formatScore, type VerifyRenderOptions } from './verify-markdown.ts';

/** Label marks from fonts every system has: emoji may render as empty boxes where no emoji font is installed. */
const HTML_MARKS: Readonly<Record<VerdictLabel, string>> = {
  supported: '✓ supported',
  contradicted: '✗ contradicted',
  unsupported: '⚠ unsupported',
};
/** What the quotes of each label are, said above them. */
const QUOTES_ARE: Readonly<Record<VerdictLabel, string>> = {
  supported: 'Supported by',
  contradicted: 'Contradicted by',
  unsupported: 'Closest sentences in the library (they do not support the claim)',
};

const STYLE = `body{font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem;line-height:1.25}.summary span{display:inline-block;margin-right:1rem;font-weight:600}
ol{padding-left:1.4rem}li.claim{margin:1rem 0;padding:.6rem .8rem;border-left:.35rem solid;border-radius:.3rem}
li.supported{border-color:#1f8a3b;background:#eef8f0}li.contradicted{border-color:#c62828;background:#fdeeee}
li.unsupported{border-color:#b7791f;background:#fff7e6}.label{font-weight:700;margin-right:.4rem}
.supported .label{color:#176c2e}.contradicted .label{color:#9b1c1c}.unsupported .label{color:#8a5a00}
.meta{color:#5a6372;font-size:.85em}blockquote{margin:.4rem 0 0 .8rem;padding-left:.6rem;border-left:2px solid #c9cfd8;color:#3d4656;font-size:.93em}
.none{color:#5a6372;font-style:italic;font-size:.9em}
@media (prefers-color-scheme:dark){body{background:#14171d;color:#e4e7ee}li.supported{background:#16271b}li.contradicted{background:#2d1717}
li.unsupported{background:#2b2414}.meta{color:#a9b1c0}blockquote{color:#c3c9d4;border-color:#454d5a}}`;

function claimHtml(claim: ClaimReport, titles: ReadonlyMap<string, string>): string {
  const quotes = claim.evidence.length
    ? `<div class="meta">${QUOTES_ARE[claim.label]}</div>` +
      claim.evidence
        .map((q) => {
          const title = titles.get(q.sourceId);
          const where = `${q.sourceId} ${q.start}–${q.end}${title ? ` · ${title}` : ''}`;
          return `<blockquote>${escapeHtml(q.quote)}<div class="meta">${escapeHtml(where)}</div></blockquote>`;
        })
        .join('')
    : '<div class="none">No evidence found in the library.</div>';
  return `<li class="claim ${claim.label}"><span class="label">${escapeHtml(HTML_MARKS[claim.label])}</span>${escapeHtml(
    claim.text,
  )} <span class="meta">(score ${formatScore(claim.score)}, draft ${claim.start}–${claim.end})</span>${quotes}</li>`;
}

/** The report as a standalone HTML page: `renderVerifyHtml(report, { title: 'draft.md' })`. */
export function renderVerifyHtml(report: VerifyReport, options: Readonly<Partial<VerifyRenderOptions>> = {}): string {
  const o = { ...DEFAULT_VERIFY_RENDER_OPTIONS, ...options };
  const { supported, contradicted, unsupported } = report.summary;
  const claims = report.claims.map((c) => claimHtml(c, o.titles)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(o.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(o.title)}</h1>
<p class="summary"><span>${report.claims.length} claims</span><span class="supported">${supported} ${HTML_MARKS.supported}</span><span>${contradicted} ${HTML_MARKS.contradicted}</span><span>${unsupported} ${HTML_MARKS.unsupported}</span></p>
${report.claims.length ? `<ol>\n${claims}\n</ol>` : '<p class="none">The draft holds no checkable claims.</p>'}
</main></body></html>
`;
}
