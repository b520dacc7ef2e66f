/**
 * `npm run bench -- postgres [--sentences N | --quick] [--db postgres://…] [--queries Q]`: the same library in
 * SQLite and in PostgreSQL, side by side — ingest time, on-disk size, search latency (sentences and sources),
 * and whether both return identical hits. The library is sampled from the real corpora (bench/_corpus.ts).
 * PostgreSQL comes from --db, else $KORA_BENCH_PG or $KORA_TEST_PG (scripts/pg-test-cluster.sh start prints one);
 * the bench works in a fresh schema and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { terms } from '../src/core/text.ts';
import { ingestPaths } from '../src/ingest/index.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/store.ts';
import { flag, folderBytes, machine, percentile, random, sentencePool, writeJsonlLibrary } from './_corpus.ts';

const QUICK_SENTENCES = 100_000;
const FULL_SENTENCES = 1_000_000;
/** Queries per search kind (each 1–3 words drawn from library sentences). */
const DEFAULT_QUERIES = 300;
/** Hits per query, as `kora search` asks by default. */
const K = 10;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Deterministic queries: 1–3 index terms of random pool sentences (so every query has hits). */
function makeQueries(pool: readonly string[], count: number): string[][] {
  const next = random(42);
  const queries: string[][] = [];
  while (queries.length < count) {
    const words = terms(pool[Math.floor(next() * pool.length)] ?? '');
    if (words.length === 0) continue;
    const size = 1 + Math.floor(next() * 3);
    queries.push(Array.from({ length: size }, () => words[Math.floor(next() * words.length)] ?? ''));
  }
  return queries;
}

interface Timing {
  readonly total: number;
  readonly p50: number;
  readonly p95: number;
  readonly results: string[];
}

async function timeQueries(run: (q: string[]) => Promise<unknown>, queries: readonly string[][]): Promise<Timing> {
  const times: number[] = [];
  const results: string[] = [];
  for (const q of queries) {
    const started = performance.now();
    const hits = await run(q);
    times.push(performance.now() - started);
    results.push(JSON.stringify(hits));
  }
  return {
    total: times.reduce((a, b) => a + b, 0) / 1000,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    results,
  };
}

async function pgBytes(url: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = await client.query<{ bytes: string }>(
      `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    return Number(row.rows[0]?.bytes ?? 0);
  } finally {
    await client.end();
  }
}

async function vacuumAnalyze(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const table of ['sources', 'sentences', 'sentence_postings', 'source_postings', 'bm25_totals'])
      await client.query(`VACUUM ANALYZE "${schema}".${table}`);
  } finally {
    await client.end();
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

const sqliteBytes = (file: string): number =>
  ['', '-wal'].reduce((sum, suffix) => {
    try {
      return sum + statSync(file + suffix).size;
    } catch {
      return sum;
    }
  }, 0);

export async function run(args: string[]): Promise<void> {
  const sentences = args.includes('--quick')
    ? QUICK_SENTENCES
    : Number(flag(args, 'sentences', String(FULL_SENTENCES)));
  const base = flag(args, 'db', process.env.KORA_BENCH_PG ?? process.env.KORA_TEST_PG ?? '');
  if (!base)
    throw new Error('bench postgres needs --db postgres://… or $KORA_TEST_PG (scripts/pg-test-cluster.sh start)');
  const queryCount = Number(flag(args, 'queries', String(DEFAULT_QUERIES)));
  const work = mkdtempSync(join(tmpdir(), 'kora-bench-pg-'));
  const schema = `kora_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(base);
  url.searchParams.set('schema', schema);
  try {
    process.stdout.write(`postgres bench — ${new Date().toISOString()} — ${machine()}\n`);
    const pool = sentencePool();
    const library = join(work, 'jsonl');
    writeJsonlLibrary(library, pool, sentences);
    const mb = folderBytes(library) / 1e6;
    const queries = makeQueries(pool, queryCount);
    const file = join(work, 'bench.db');
    const stores: {
      name: string;
      location: string;
      bytes: () => Promise<number>;
      settle: () => Promise<void>;
    }[] = [
      { name: 'SQLite (FTS5)', location: file, bytes: async () => sqliteBytes(file), settle: async () => {} },
      {
        name: 'PostgreSQL 15 (postings)',
        location: url.toString(),
        bytes: () => pgBytes(base, schema),
        // As docs/postgres.md advises after a bulk load: sets the visibility map for index-only scans.
        settle: () => vacuumAnalyze(base, schema),
      },
    ];
    const rows: string[] = [];
    const answers: { sentences: string[]; sources: string[] }[] = [];
    for (const target of stores) {
      const store: Store = await openStore(target.location);
      try {
        const started = performance.now();
        await ingestPaths([library], store, { textField: 'text', titleField: 'title', idField: 'id', maxBytes: 2e8 });
        const ingestSeconds = (performance.now() - started) / 1000;
        const settleStarted = performance.now();
        await target.settle();
        const settleSeconds = (performance.now() - settleStarted) / 1000;
        const stats = await store.stats();
        const sentenceTimes = await timeQueries(
          async (q) => (await store.searchSentences({ terms: q, limit: K })).map(({ sentenceId: _, ...h }) => h),
          queries,
        );
        const sourceTimes = await timeQueries((q) => store.searchSources({ terms: q, limit: K }), queries);
        answers.push({ sentences: sentenceTimes.results, sources: sourceTimes.results });
        const size = (await target.bytes()) / 1e6;
        rows.push(
          `| ${target.name} | ${stats.sources} | ${stats.sentences} | ${fmt(ingestSeconds)} | ${fmt(settleSeconds)} | ${fmt(mb / ingestSeconds, 2)} | ${fmt(size, 0)} | ${fmt(sentenceTimes.p50, 2)} / ${fmt(sentenceTimes.p95, 2)} | ${fmt(queries.length / sentenceTimes.total, 0)} | ${fmt(sourceTimes.p50, 2)} / ${fmt(sourceTimes.p95, 2)} | ${fmt(queries.length / sourceTimes.total, 0)} |`,
        );
      } finally {
        await store.close();
      }
    }
    process.stdout.write(
      `\nlibrary: ${fmt(mb)} MB JSONL, ${sentences} sentences sampled from ../shared/data/corpora; ${queries.length} queries of 1–3 terms, top ${K}, one at a time\n\n`,
    );
    process.stdout.write(
      '| store | sources | sentences | ingest s | VACUUM ANALYZE s | MB/s | on disk MB | sentence search p50 / p95 ms | sentence q/s | source search p50 / p95 ms | source q/s |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
    );
    process.stdout.write(`${rows.join('\n')}\n`);
    const [a, b] = answers;
    if (a && b) {
      const same = (x: string[], y: string[]) => x.filter((r, i) => r === y[i]).length;
      process.stdout.write(
        `\nidentical results (hits, order, offsets, scores): sentences ${same(a.sentences, b.sentences)}/${queries.length}, sources ${same(a.sources, b.sources)}/${queries.length}\n`,
      );
    }
  } finally {
    await dropSchema(base, schema).catch(() => {});
    rmSync(work, { recursive: true, force: true });
  }
}
