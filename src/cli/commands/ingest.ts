import type { Command } from 'commander';
import { DEFAULT_FETCH_TIMEOUT_MS } from '../../ingest/fetch.ts';
import { DEFAULT_INGEST_OPTIONS, ingestPaths } from '../../ingest/index.ts';
import { EXIT, positiveInt, printJson, progressBar, withStore } from '../io.ts';

interface IngestFlags {
  db?: string;
  json?: boolean;
  textField: string;
  titleField: string;
  idField: string;
  maxBytes: number;
  workers?: number;
  timeout: number;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description(
      'add files, folders (recursively) and http(s) URLs to the library: .txt .md .html .xhtml .json .jsonl .csv, feeds (.rss .atom .rdf .xml), .pdf, .docx; a feed URL adds its items, a sitemap URL its pages',
    )
    .argument('<paths...>', 'files, folders or http(s):// URLs to ingest')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('--json', 'print a JSON summary instead of text')
    .option('--text-field <name>', 'JSON/JSONL field or CSV column holding the text', DEFAULT_INGEST_OPTIONS.textField)
    .option(
      '--title-field <name>',
      'JSON/JSONL field or CSV column holding the title',
      DEFAULT_INGEST_OPTIONS.titleField,
    )
    .option(
      '--id-field <name>',
      'JSON/JSONL field or CSV column holding a stable record id',
      DEFAULT_INGEST_OPTIONS.idField,
    )
    .option(
      '--max-bytes <n>',
      'refuse files larger than this many bytes',
      positiveInt('--max-bytes'),
      DEFAULT_INGEST_OPTIONS.maxBytes,
    )
    .option(
      '--timeout <seconds>',
      'give up on a URL after this many seconds',
      positiveInt('--timeout'),
      DEFAULT_FETCH_TIMEOUT_MS / 1000,
    )
    .option(
      '--workers <n>',
      'parse on this many threads (1 = in-process, for debugging; default: one per core)',
      positiveInt('--workers'),
    )
    .addHelpText(
      'after',
      '\nExit status: 0 all ingested, 1 some inputs failed (each is named on stderr), 2 usage error.',
    )
    .action(async (paths: string[], flags: IngestFlags) => {
      const started = performance.now();
      const bar = progressBar('ingest', !flags.json);
      const summary = await withStore(flags.db, (store) =>
        ingestPaths(
          paths,
          store,
          {
            textField: flags.textField,
            titleField: flags.titleField,
            idField: flags.idField,
            maxBytes: flags.maxBytes,
            ...(flags.workers ? { workers: flags.workers } : {}),
            fetch: { timeoutMs: flags.timeout * 1000 },
          },
          (p) => {
            const seconds = (performance.now() - started) / 1000;
            bar.update(p.filesDone, p.filesTotal, {
              sources: String(p.sources),
              mb: (p.bytesDone / 1e6).toFixed(1),
              rate: (p.bytesDone / 1e6 / Math.max(seconds, 0.001)).toFixed(1),
            });
          },
        ),
      );
      bar.stop();
      for (const failure of summary.failed) process.stderr.write(`kora: ${failure.error}\n`);
      if (flags.json) {
        printJson(summary);
      } else {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const failedPart = summary.failed.length ? `, ${summary.failed.length} failed` : '';
        const duplicatePart = summary.duplicates ? ` (${summary.duplicates} near-duplicates)` : '';
        process.stdout.write(
          `ingested ${summary.ingested}${duplicatePart}, unchanged ${summary.unchanged}${failedPart} in ${seconds} s\n`,
        );
      }
      process.exitCode = summary.failed.length ? EXIT.partialFailure : EXIT.ok;
    });
}
