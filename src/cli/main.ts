/**
 * The `kora` command line: a thin adapter over the library. Exit codes: 0 success, 1 some inputs failed,
 * 2 usage error (unknown command or option, bad value).
 */
import { Command, CommanderError } from 'commander';
import { isKoraError } from '../core/errors.ts';
import { registerBrief } from './commands/brief.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerKeyphrases } from './commands/keyphrases.ts';
import { registerLibrary } from './commands/library.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerSearch } from './commands/search.ts';
import { registerServe } from './commands/serve.ts';
import { registerVerify } from './commands/verify.ts';
import { EXIT } from './io.ts';

const program = new Command()
  .name('kora')
  .description('Grounded research briefs from your own sources: ingest, search, brief, verify.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .addHelpText(
    'after',
    `
Examples:
  kora ingest ./sources --db my.db        add a folder of files to a library
  kora search "Central Asia" --db my.db   find sentences
  kora sources --db my.db                 list what is in the library
  kora brief "Russia China relations"     write a cited brief (--format md|json|html, --outline "A; B")
  kora verify draft.md --fail-on contradicted   check a draft claim by claim
  kora serve --db my.db                   open the library in the browser (http://127.0.0.1:4300)

The library is ./kora.db unless --db or $KORA_DB names another.
Exit status: 0 success, 1 some inputs failed (or verify --fail-on tripped), 2 usage error.`,
  );

registerIngest(program);
registerSearch(program);
registerLibrary(program);
registerBrief(program);
registerServe(program);
registerVerify(program);
registerMigrate(program);
registerKeyphrases(program);

// `kora search … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version end through here too, with exit code 0
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (isKoraError(error)) {
    process.stderr.write(`kora: ${error.message}\n`);
    process.exitCode = ['SOURCE_NOT_FOUND', 'BAD_OPTION', 'EMPTY_QUERY'].includes(error.code)
      ? EXIT.usage
      : EXIT.partialFailure;
  } else {
    throw error;
  }
}
