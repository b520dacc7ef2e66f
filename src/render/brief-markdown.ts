/** Brief → Markdown in seed 000's layout, with `[n]` citation markers after each sentence. */
import type { Brief, BriefSource, Statement } from '../core/model.ts';

const VERDICT_MARK = { supported: '✓', contradicted: '✗', unsupported: '?' } as const;

function marker(statement: Statement, numberOf: ReadonlyMap<string, number>): string {
  const numbers = [...new Set(statement.citations.map((c) => numberOf.get(c.sourceId) ?? 0))];
  const verdict = statement.verdict ? ` (${VERDICT_MARK[statement.verdict]} ${statement.verdict})` : '';
  return `${statement.text} ${numbers.map((n) => `[${n}]`).join('')}${verdict}`;
}

/** One line describing a source: title, location, date. */
export const describeSource = (source: BriefSource): string =>
  [source.title, source.location, source.date].filter((part) => part && part.length > 0).join(' — ');

export function renderBriefMarkdown(brief: Brief): string {
  const numberOf = new Map(brief.sources.map((s) => [s.id as string, s.n]));
  const paragraph = (statements: readonly Statement[]) =>
    statements.length ? statements.map((s) => marker(s, numberOf)).join(' ') : '_No evidence in the library._';
  const lines: string[] = [brief.title, '', 'Executive Summary', '', paragraph(brief.executiveSummary), ''];
  lines.push('Introduction', '', paragraph(brief.introduction), '');
  lines.push(`Top ${brief.subtopics.length} Subtopics`, '');
  brief.subtopics.forEach((subtopic, i) => {
    lines.push(`${i + 1}. ${subtopic.label}`, '');
    if (subtopic.bullets.length === 0) lines.push('  • No evidence in the library.');
    for (const bullet of subtopic.bullets) lines.push(`  • ${marker(bullet, numberOf)}`);
    lines.push('');
  });
  lines.push('Conclusion', '', paragraph(brief.conclusion), '');
  lines.push('Keyword Phrase Tags', '', ...brief.tags.map((t) => `  • ${t}`), '');
  lines.push('Sources', '', ...brief.sources.map((s) => `${s.n}. ${describeSource(s)}`), '');
  if (brief.gaps.length) lines.push('Gaps', '', ...brief.gaps.map((g) => `  • ${g.subtopic}: ${g.reason}`), '');
  return `${lines.join('\n').trimEnd()}\n`;
}
