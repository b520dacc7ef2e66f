import { readFileSync, writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { createError } from '../../core/errors.ts';
import type { VerifyReport } from '../../core/model.ts';
import { positiveInt, withStore } from '../io.ts';

interface VerifyFlags {
  db?: string;
  format: 'md' | 'json' | 'html';
  out?: string;
  failOn?: 'unsupported' | 'contradicted';
  since?: string;
  until?: string;
  evidence: number;
}

const FORMATS = ['md', 'json', 'html'] as const;
const FAIL_ON = ['unsupported', 'contradicted'] as const;
/** Exit status when --fail-on finds a claim at or below the named label. */
const EXIT_FAILED_CHECK = 1;

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: string): T => {
    if (!(values as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return value as T;
  };

/** ISO 8601 date or its prefix: 2014, 2014-03, 2014-03-18. */
function isoDate(value: string): string {
  if (!/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value))
    throw new InvalidArgumentError('expected an ISO date like 2014-03-18');
  return value;
}

/** Reads the draft: a file, or stdin for `-`. */
function readDraft(path: string): string {
  if (path === '-') return readFileSync(0, 'utf8');
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? createError('NOT_FOUND', path)
      : createError('UNREADABLE', path, (error as Error).message);
  }
}

/** True when the report breaks the --fail-on rule: any contradiction, or (unsupported) anything not supported. */
export function failsCheck(report: VerifyReport, failOn: VerifyFlags['failOn']): boolean {
  if (failOn === 'contradicted') return report.summary.contradicted > 0;
  if (failOn === 'unsupported') return report.summary.contradicted + report.summary.unsupported > 0;
  return false;
}

/** `kora verify <file|->`: checks every claim of a draft against the library. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check a draft claim by claim against the library: supported, contradicted or unsupported')
    .argument('<file>', 'the draft (plain text or Markdown); "-" reads stdin')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('--format <format>', 'md, json or html', oneOf(FORMATS), 'md')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option(
      '--fail-on <label>',
      'exit 1 when a claim is "contradicted", or (with "unsupported") when any claim is not supported',
      oneOf(FAIL_ON),
    )
    .option('--since <date>', 'only evidence from sources dated on or after this ISO date', isoDate)
    .option('--until <date>', 'only evidence from sources dated on or before this ISO date', isoDate)
    .option('--evidence <n>', 'evidence quotes per claim', positiveInt('--evidence'), 3)
    .addHelpText(
      'after',
      `
Claims are the draft's sentences and list items; headings, tag lists, questions and imperatives are skipped.
Each claim gets up to --evidence verbatim quotes with their source id and offsets.
JSON schema kora.verify/v1: {schema, summary: {supported, contradicted, unsupported},
  claims: [{text, start, end, label, score, evidence: [{sourceId, start, end, quote}]}]}.
Exit status: 0 done, 1 --fail-on found a failing claim (or the draft could not be read), 2 usage error.

Examples:
  kora verify draft.md --db my.db
  cat draft.txt | kora verify - --format json --fail-on contradicted
  kora verify draft.md --format html --out report.html --since 2010`,
    )
    .action(async (file: string, flags: VerifyFlags) => {
      // loaded on use, like brief: other commands never need the verify stage
      const { verify } = await import('../../verify/index.ts');
      const { renderVerifyMarkdown } = await import('../../render/verify-markdown.ts');
      const { renderVerifyHtml } = await import('../../render/verify-html.ts');
      const draft = readDraft(file);
      const { report, titles } = await withStore(flags.db, async (store) => {
        const report = await verify(store, draft, {
          evidence: flags.evidence,
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.until ? { until: flags.until } : {}),
        });
        const cited = new Set(report.claims.flatMap((c) => c.evidence.map((e) => e.sourceId as string)));
        const titles = new Map(
          flags.format === 'json'
            ? []
            : (await store.listSources()).filter((s) => cited.has(s.id)).map((s) => [s.id as string, s.title]),
        );
        return { report, titles };
      });
      const title = `Verification of ${file === '-' ? 'stdin' : file}`;
      const text =
        flags.format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : flags.format === 'html'
            ? renderVerifyHtml(report, { title, titles })
            : renderVerifyMarkdown(report, { title, titles });
      if (flags.out) writeFileSync(flags.out, text);
      else process.stdout.write(text);
      if (failsCheck(report, flags.failOn)) process.exitCode = EXIT_FAILED_CHECK;
    });
}
