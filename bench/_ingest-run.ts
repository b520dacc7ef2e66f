/** Child process of bench/ingest.ts: `_ingest-run.ts <db> <workers> <paths...>` → one JSON line of measurements. */
import { ingestPaths } from '../src/ingest/index.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { peakRssMb } from './_corpus.ts';
import { watchThreads } from './_threads.ts';

const [db, workers, ...paths] = process.argv.slice(2);
const store = new SqliteStore(db as string);
const threads = watchThreads();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const summary = await ingestPaths(paths, store, {
  textField: 'text',
  titleField: 'title',
  idField: 'id',
  maxBytes: 200 * 1024 * 1024,
  workers: Number(workers),
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const threadCpu = threads();
const stats = await store.stats();
await store.close();
process.stdout.write(
  `${JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    threadCpu,
    rssMb: peakRssMb(),
    ingested: summary.ingested,
    duplicates: summary.duplicates,
    failed: summary.failed.length,
    sources: stats.sources,
    sentences: stats.sentences,
  })}\n`,
);
