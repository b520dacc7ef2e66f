/** `kora serve`: the API and the page in one process, on 127.0.0.1 unless --host says otherwise. */
import { serve } from '@hono/node-server';
import type { Command } from 'commander';
import { createApp } from '../../server/app.ts';
import { LOOPBACK_HOSTS } from '../../server/security.ts';
import { stages } from '../../server/stages.ts';
import { buildWebAssets } from '../../server/static.ts';
import { dataDirFor } from '../../server/uploads.ts';
import { isPostgresUrl, openStore } from '../../store/open.ts';
import { EXIT, positiveInt, resolveDb } from '../io.ts';

interface ServeFlags {
  db?: string;
  data?: string;
  port: number;
  host: string;
}

/** Upload folder when the library is a PostgreSQL URL (there is no library file to sit beside). */
const POSTGRES_UPLOADS = 'kora-uploads';
/** Default port; 0 picks a free one (the chosen port is printed). */
export const DEFAULT_PORT = 4300;
/** Loopback only: the server has no authentication, so it must not be reachable from the network by default. */
export const DEFAULT_HOST = '127.0.0.1';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the page: upload sources, write briefs, verify drafts in the browser')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', portNumber, DEFAULT_PORT)
    .option(
      '--host <address>',
      'address to bind; anything but loopback exposes the library to the network',
      DEFAULT_HOST,
    )
    .option(
      '--data <dir>',
      'folder for uploaded files (default: <db>.files beside a SQLite library, ./kora-uploads for PostgreSQL)',
    )
    .addHelpText('after', '\nUploads are stored under --data with generated names. See docs/server.md.')
    .action(async (flags: ServeFlags) => {
      const db = resolveDb(flags.db);
      const store = await openStore(db);
      const loopback = LOOPBACK_HOSTS.includes(flags.host);
      const app = createApp({
        store,
        dataDir: flags.data ?? (isPostgresUrl(db) ? POSTGRES_UPLOADS : dataDirFor(db)),
        assets: await buildWebAssets(),
        ...stages,
        // on loopback, answer only to loopback names (DNS rebinding); a public bind has to accept its own name
        ...(loopback ? { allowedHosts: LOOPBACK_HOSTS } : {}),
      });
      const server = serve({ fetch: app.fetch, port: flags.port, hostname: flags.host }, (info) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        process.stdout.write(`kora: serving http://${host}:${info.port}/ (library ${db}); Ctrl-C stops\n`);
        if (!loopback)
          process.stderr.write(
            'kora: warning: listening beyond loopback; anyone who can reach it can read and change the library\n',
          );
      });
      server.once('error', (error: NodeJS.ErrnoException) => {
        const reason =
          error.code === 'EADDRINUSE'
            ? `port ${flags.port} on ${flags.host} is in use; pick another with --port (0 picks a free one)`
            : error.code === 'EADDRNOTAVAIL'
              ? `this machine has no address ${flags.host}; check --host`
              : error.message;
        process.stderr.write(`kora: cannot serve: ${reason}\n`);
        void store.close().then(() => process.exit(EXIT.usage));
      });
      const stop = () => {
        server.close();
        void store.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

function portNumber(value: string): number {
  if (value === '0') return 0;
  return positiveInt('--port')(value);
}
