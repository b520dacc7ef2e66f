/** `brief --verify`: runs the claim judge over every statement against its own cited quotes. */
import type { Brief, Statement } from '../core/model.ts';
import { check } from '../verify/judge.ts';

function annotate(statement: Statement): Statement {
  const evidence = statement.citations.map((c) => c.quote).join('\n');
  return { ...statement, verdict: check(statement.text, evidence).label };
}

/** The same brief with a `verdict` on each statement; an extractive brief should be all `supported`. */
export function selfCheck(brief: Brief): Brief {
  return {
    ...brief,
    executiveSummary: brief.executiveSummary.map(annotate),
    introduction: brief.introduction.map(annotate),
    subtopics: brief.subtopics.map((s) => ({ ...s, bullets: s.bullets.map(annotate) })),
    conclusion: brief.conclusion.map(annotate),
  };
}
