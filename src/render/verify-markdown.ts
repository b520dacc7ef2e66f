/**
 * VerifyReport → Markdown: the summary counts, then each claim with its label inline and the evidence quotes
 * with their source ids and offsets. Quotes are source text (untrusted): angle brackets are escaped so that a
 * Markdown viewer never renders them as HTML.
 */
import type { ClaimReport, VerdictLabel, VerifyReport } from '../core/model.ts';

/** How each label is shown: a mark and the word, so the report reads without colour. */
export const LABEL_MARKS: Readonly<Record<VerdictLabel, string>> = {
  supported: '✅ supported',
  contradicted: '❌ contradicted',
  unsupported: '⚠️ unsupported',
};

/** Options for both verify renderers. */
export interface VerifyRenderOptions {
  /** Heading of the report, e.g. the draft's file name. */
  readonly title: string;
  /** Source titles by id, shown next to each quote when known. */
  readonly titles: ReadonlyMap<string, string>;
}

export const DEFAULT_VERIFY_RENDER_OPTIONS: VerifyRenderOptions = { title: 'Verification report', titles: new Map() };

/** One line of untrusted text, safe inside Markdown: no line breaks, no raw HTML. */
const inline = (text: string): string =>
  text.replace(/\s+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').trim();

/** Score with two decimals: the judge's support in [0, 1]. */
export const formatScore = (score: number): string => score.toFixed(2);

function claimMarkdown(claim: ClaimReport, n: number, titles: ReadonlyMap<string, string>): string[] {
  const lines = [
    `${n}. **${LABEL_MARKS[claim.label]}** (score ${formatScore(claim.score)}, draft ${claim.start}–${claim.end}): ${inline(claim.text)}`,
  ];
  if (claim.evidence.length === 0) lines.push('   - _no evidence found in the library_');
  else if (claim.label === 'unsupported') lines.push('   - _closest in the library (not support):_');
  for (const quote of claim.evidence) {
    const title = titles.get(quote.sourceId);
    const where = `\`${quote.sourceId}\` ${quote.start}–${quote.end}${title ? `, ${inline(title)}` : ''}`;
    lines.push(`   > “${inline(quote.quote)}” — ${where}`);
  }
  return lines;
}

/** The report as Markdown: `renderVerifyMarkdown(report)` → "# Verification report\n\n**24 claims**: …". */
export function renderVerifyMarkdown(
  report: VerifyReport,
  options: Readonly<Partial<VerifyRenderOptions>> = {},
): string {
  const o = { ...DEFAULT_VERIFY_RENDER_OPTIONS, ...options };
  const { supported, contradicted, unsupported } = report.summary;
  const lines = [
    `# ${inline(o.title)}`,
    '',
    `**${report.claims.length} claims**: ${supported} ${LABEL_MARKS.supported} · ${contradicted} ${LABEL_MARKS.contradicted} · ${unsupported} ${LABEL_MARKS.unsupported}`,
    '',
  ];
  if (report.claims.length === 0) lines.push('_The draft holds no checkable claims._', '');
  report.claims.forEach((claim, i) => {
    lines.push(...claimMarkdown(claim, i + 1, o.titles), '');
  });
  return `${lines.join('\n').trimEnd()}\n`;
}
