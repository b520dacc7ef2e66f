/** `kora migrate --from A --to B`: copy a library between stores (SQLite file ↔ postgres:// URL) and verify it. */
import type { Command } from 'commander';
import { createError } from '../../core/errors.ts';
import { copyLibrary, type LibraryDigest } from '../../store/copy.ts';
import { openStore } from '../../store/open.ts';
import { EXIT, printJson, progressBar } from '../io.ts';

interface MigrateFlags {
  from: string;
  to: string;
  json?: boolean;
}

const line = (label: string, d: LibraryDigest): string =>
  `${label}  ${d.sources} sources  ${d.sentences} sentences  ${d.duplicates} duplicates  sha256 ${d.sha256}\n`;

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('copy a whole library to another store (SQLite file or postgres:// URL) and verify the copy')
    .requiredOption('--from <db>', 'library to copy: a SQLite file or postgres://user@host/db[?schema=name]')
    .requiredOption('--to <db>', 'empty library to copy into: a SQLite file or postgres:// URL')
    .option('--json', 'print {from, to, verified} as JSON')
    .addHelpText(
      'after',
      `
Examples:
  kora migrate --from kora.db --to postgres://kora@db.internal/kora
  kora migrate --from postgres://kora@db.internal/kora --to backup.db

Both sides are summarised as counts and a SHA-256 over every source's text, metadata and sentence spans;
exit status 0 when they are equal, 1 when they differ.`,
    )
    .action(async (flags: MigrateFlags) => {
      const from = await openStore(flags.from);
      try {
        const to = await openStore(flags.to);
        try {
          const existing = (await to.stats()).sources;
          if (existing > 0)
            throw createError('BAD_OPTION', '--to', flags.to, `an empty library (it holds ${existing} sources)`);
          const bar = progressBar('migrate', !flags.json);
          const report = await copyLibrary(from, to, (done, total) =>
            bar.update(done, total, { sources: String(done), mb: '-', rate: '-' }),
          );
          bar.stop();
          if (flags.json) printJson(report);
          else {
            process.stdout.write(line('from', report.from) + line('to  ', report.to));
            process.stdout.write(report.verified ? 'verified: identical\n' : 'NOT verified: the copies differ\n');
          }
          process.exitCode = report.verified ? EXIT.ok : EXIT.partialFailure;
        } finally {
          await to.close();
        }
      } finally {
        await from.close();
      }
    });
}
