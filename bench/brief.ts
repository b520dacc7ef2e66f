/**
 * `npm run bench -- brief [--sources 10000]`: brief latency on a library of ≥ 10,000 real sources — the UN
 * speeches cut into chunks of consecutive paragraphs, each chunk its own source — for five topics:
 * p50/p95 over repeated runs, and peak RSS. Target: p50 < 1.5 s on 2 cores.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brief } from '../src/brief/index.ts';
import { ingestPaths } from '../src/ingest/index.ts';
import { normalizeText } from '../src/ingest/normalize.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { CORPORA, peakRssMb, percentile } from './_corpus.ts';

const TOPICS = [
  'Russia China relations',
  'nuclear disarmament',
  'climate change',
  'Central Asia security',
  'Security Council reform',
];
/** Paragraphs per generated source (a speech has 20–60). */
const PARAGRAPHS_PER_SOURCE = 2;
/** Library size the issue asks for (sources); chunks that are empty or near-copies are dropped, so we write more. */
const MIN_SOURCES = 10_000;
/** Extra chunks written so that ≥ MIN_SOURCES survive empty-chunk and duplicate filtering (share). */
const HEADROOM = 1.1;
/** Timed runs per topic after one warm-up. */
const RUNS = 5;

/** Writes the chunked corpora as JSONL, repeating (with a copy number in the id) until `count` sources. */
function writeChunks(dir: string, count: number): void {
  const speeches = readdirSync(CORPORA)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(CORPORA, f), 'utf8').trim().split('\n'))
    .map((line) => JSON.parse(line) as { id: string; year: number; text: string });
  const lines: string[] = [];
  for (let copy = 0; lines.length < count; copy++) {
    for (const speech of speeches) {
      const paragraphs = normalizeText(speech.text).split('\n\n');
      for (let i = 0; i < paragraphs.length && lines.length < count; i += PARAGRAPHS_PER_SOURCE) {
        const text = paragraphs.slice(i, i + PARAGRAPHS_PER_SOURCE).join('\n\n');
        lines.push(JSON.stringify({ id: `${speech.id}-${i}-${copy}`, year: speech.year, text }));
      }
    }
  }
  writeFileSync(join(dir, 'chunks.jsonl'), `${lines.join('\n')}\n`);
}

export async function run(args: string[]): Promise<void> {
  const flag = args.indexOf('--sources');
  const count = flag >= 0 ? Number(args[flag + 1]) : MIN_SOURCES;
  const dir = join(tmpdir(), `kora-bench-brief-${count}`);
  const db = join(dir, 'library.db');
  if (!existsSync(db)) {
    mkdirSync(dir, { recursive: true });
    writeChunks(dir, Math.ceil(count * HEADROOM));
    const store = new SqliteStore(db);
    const started = performance.now();
    const summary = await ingestPaths([join(dir, 'chunks.jsonl')], store);
    await store.close();
    console.log(
      `built ${summary.ingested} sources in ${((performance.now() - started) / 1000).toFixed(1)} s (cached at ${db})`,
    );
  }
  const store = new SqliteStore(db);
  const stats = await store.stats();
  console.log(`library: ${stats.sources} sources, ${stats.sentences} sentences`);
  console.log('| topic | p50 ms | p95 ms | subtopics | statements |');
  console.log('|---|---|---|---|---|');
  const all: number[] = [];
  for (const topic of TOPICS) {
    await brief(store, topic); // warm-up: page cache and JIT
    const times: number[] = [];
    let result = await brief(store, topic);
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      result = await brief(store, topic);
      times.push(performance.now() - started);
    }
    all.push(...times);
    const statements =
      result.executiveSummary.length +
      result.introduction.length +
      result.conclusion.length +
      result.subtopics.reduce((n, s) => n + s.bullets.length, 0);
    console.log(
      `| ${topic} | ${percentile(times, 50).toFixed(0)} | ${percentile(times, 95).toFixed(0)} | ${result.subtopics.length} | ${statements} |`,
    );
  }
  console.log(
    `all topics: p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms, peak RSS ${peakRssMb().toFixed(0)} MB`,
  );
  await store.close();
}
