import type { Command } from 'commander';
import { terms } from '../../core/text.ts';
import { highlight } from '../../render/highlight.ts';
import { search } from '../../store/search.ts';
import { positiveInt, printJson, withStore } from '../io.ts';

interface SearchFlags {
  db?: string;
  json?: boolean;
  k: number;
  since?: string;
  until?: string;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('find the sentences that best match a query (BM25, stemmed)')
    .argument('<query...>', 'words to search for')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('-k, --k <n>', 'number of hits', positiveInt('--k'), 10)
    .option('--since <date>', 'only sources dated on or after this ISO date')
    .option('--until <date>', 'only sources dated on or before this ISO date')
    .option('--json', 'print JSON: {query, hits: [{sourceId, title, start, end, text, score}]}')
    .action(async (words: string[], flags: SearchFlags) => {
      const query = words.join(' ');
      const result = await withStore(flags.db, (store) =>
        search(store, query, {
          k: flags.k,
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.until ? { until: flags.until } : {}),
        }),
      );
      if (flags.json) {
        return printJson({
          query: result.query,
          hits: result.hits.map((h) => ({
            sourceId: h.sourceId,
            title: h.title,
            start: h.start,
            end: h.end,
            text: h.text,
            score: h.score,
          })),
        });
      }
      const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
      const queryTerms = new Set(terms(query));
      result.hits.forEach((hit, i) => {
        process.stdout.write(
          `${i + 1}. ${hit.title}  [${hit.sourceId} ${hit.start}–${hit.end}]\n   ${highlight(hit.text, queryTerms, colour)}\n`,
        );
      });
      if (result.hits.length === 0) process.stdout.write('no matches\n');
    });
}
