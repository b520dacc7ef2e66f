import { writeFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { positiveInt, withStore } from '../io.ts';

interface BriefFlags {
  db?: string;
  subtopics: number;
  bullets: number;
  outline?: string;
  since?: string;
  until?: string;
  format: 'md' | 'json' | 'html';
  out?: string;
  verify?: boolean;
}

const FORMATS = ['md', 'json', 'html'] as const;

function format(value: string): BriefFlags['format'] {
  if (!(FORMATS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected one of ${FORMATS.join(', ')}`);
  return value as BriefFlags['format'];
}

export function registerBrief(program: Command): void {
  program
    .command('brief')
    .description('write a grounded brief on a topic: every sentence quoted from a source and cited')
    .argument('<topic>', 'what the brief is about, e.g. "Russia China relations"')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('--subtopics <n>', 'number of subtopics to discover', positiveInt('--subtopics'), 5)
    .option('--bullets <n>', 'bullets per subtopic', positiveInt('--bullets'), 3)
    .option('--outline <items>', 'your own subtopics, separated by ";" (e.g. "Trade; Security; Culture")')
    .option('--since <date>', 'only sources dated on or after this ISO date')
    .option('--until <date>', 'only sources dated on or before this ISO date')
    .option('--format <format>', 'md, json or html', format, 'md')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--verify', 'run the claim judge over each statement and annotate it')
    .addHelpText(
      'after',
      '\nSections: Title, Executive Summary, Introduction, Top N Subtopics, Conclusion, Keyword Phrase Tags, Sources, Gaps.\nJSON schema: kora.brief/v1. Same library and arguments give byte-identical output.',
    )
    .action(async (topic: string, flags: BriefFlags) => {
      // loaded on use: the analysis modules are the heaviest imports, and other commands never need them
      const { brief } = await import('../../brief/index.ts');
      const { selfCheck } = await import('../../brief/self-check.ts');
      const { renderBriefHtml } = await import('../../render/brief-html.ts');
      const { renderBriefMarkdown } = await import('../../render/brief-markdown.ts');
      const outline = flags.outline
        ?.split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      let result = await withStore(flags.db, (store) =>
        brief(store, topic, {
          subtopics: flags.subtopics,
          bullets: flags.bullets,
          ...(outline?.length ? { outline } : {}),
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.until ? { until: flags.until } : {}),
        }),
      );
      if (flags.verify) result = selfCheck(result);
      const text =
        flags.format === 'json'
          ? `${JSON.stringify(result, null, 2)}\n`
          : flags.format === 'html'
            ? renderBriefHtml(result)
            : renderBriefMarkdown(result);
      if (flags.out) writeFileSync(flags.out, text);
      else process.stdout.write(text);
    });
}
