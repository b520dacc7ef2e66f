/** `kora sources`, `kora show`, `kora remove`: look after the library. */
import type { Command } from 'commander';
import { createError } from '../../core/errors.ts';
import { asSourceId } from '../../core/ids.ts';
import { printJson, withStore } from '../io.ts';

export function registerLibrary(program: Command): void {
  program
    .command('sources')
    .description('list the sources in the library')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('--json', 'print JSON')
    .action(async (flags: { db?: string; json?: boolean }) => {
      const sources = await withStore(flags.db, (store) => store.listSources());
      if (flags.json) return printJson(sources);
      for (const s of sources) {
        const duplicate = s.duplicateOf ? `  (duplicate of ${s.duplicateOf})` : '';
        const date = s.date ? `  ${s.date}` : '';
        process.stdout.write(`${s.id}  ${s.title}${date}  ${s.sentences} sentences  ${s.location}${duplicate}\n`);
      }
      process.stdout.write(`${sources.length} sources\n`);
    });

  program
    .command('show')
    .description('print a source’s stored text (the text that citation offsets point into)')
    .argument('<sourceId>')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('--json', 'print JSON with metadata, text, passages and sentence spans')
    .action(async (id: string, flags: { db?: string; json?: boolean }) => {
      const source = await withStore(flags.db, (store) => store.getSource(asSourceId(id)));
      if (!source) throw createError('SOURCE_NOT_FOUND', id);
      if (flags.json) return printJson(source);
      process.stdout.write(
        `${source.title}\n${source.location}${source.date ? `  ${source.date}` : ''}\n\n${source.text}\n`,
      );
    });

  program
    .command('remove')
    .description('remove a source and its sentences from the library')
    .argument('<sourceId>')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .action(async (id: string, flags: { db?: string }) => {
      const removed = await withStore(flags.db, (store) => store.removeSource(asSourceId(id)));
      if (!removed) throw createError('SOURCE_NOT_FOUND', id);
      process.stdout.write(`removed ${id}\n`);
    });
}
