/** Shared CLI plumbing: output, exit codes, the library location and progress bars. */
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { DEFAULT_DB, openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';

/** Exit codes, documented in `kora --help`. */
export const EXIT = { ok: 0, partialFailure: 1, usage: 2 } as const;

/** `--db`, then `KORA_DB`, then ./kora.db. */
export const resolveDb = (db: string | undefined): string => db ?? process.env.KORA_DB ?? DEFAULT_DB;

export async function withStore<T>(db: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDb(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export const isInteractive = (): boolean => Boolean(process.stderr.isTTY) && !process.env.CI;

/** A progress bar on stderr, only on a terminal: piped output and --json stay clean. */
export function progressBar(
  label: string,
  enabled: boolean,
): { update(done: number, total: number, payload: Record<string, string>): void; stop(): void } {
  if (!enabled || !isInteractive()) return { update() {}, stop() {} };
  const bar = new SingleBar({
    format: `${label} {bar} {value}/{total} files | {sources} sources | {mb} MB | {rate} MB/s | ETA {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(done, total, payload) {
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      }
      bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Parses a positive integer option or explains what was expected. */
export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number for ${name}`);
    return n;
  };
}
