/**
 * `npm run bench -- ingest [--sentences N | --quick] [--skip-mixed | --skip-corpora] [--mixed-scale N] [--repeat N]`:
 * end-to-end ingest throughput.
 *
 * A library of JSONL files is sampled from the real corpora up to N sentences (default 1 M; --quick 100 k)
 * and ingested into a fresh SQLite library single-threaded (--workers 1) and with one parse thread per core;
 * a mixed library (HTML sites with furniture, RSS feeds, PDF, DOCX) the same way. Each run is its own process,
 * so peak RSS is that run's. With --repeat N the thread counts alternate N times and each row is the median run
 * (two runs of the same code on this VM differ by up to 15 %). minisearch then indexes the same searchable
 * sentences, for scale, and a bare FTS5 table takes the same JSONL files with no analysis at all (the issue's
 * floor: its MB per CPU-second against Kora's is the per-core ratio to watch).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  flag,
  folderBytes,
  MIXED,
  machine,
  runChild,
  sentencePool,
  writeJsonlLibrary,
  writeMixedLibrary,
} from './_corpus.ts';
import type { ThreadCpu } from './_threads.ts';

interface IngestRun {
  seconds: number;
  cpuSeconds: number;
  threadCpu: ThreadCpu;
  rssMb: number;
  ingested: number;
  duplicates: number;
  failed: number;
  sources: number;
  sentences: number;
}

const QUICK_SENTENCES = 100_000;
const FULL_SENTENCES = 1_000_000;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export async function run(args: string[]): Promise<void> {
  const sentences = args.includes('--quick')
    ? QUICK_SENTENCES
    : Number(flag(args, 'sentences', String(FULL_SENTENCES)));
  const cores = availableParallelism();
  const work = mkdtempSync(join(tmpdir(), 'kora-bench-ingest-'));
  try {
    process.stdout.write(`ingest bench — ${new Date().toISOString()} — ${machine()}\n`);
    const pool = sentencePool();
    const jsonl = join(work, 'jsonl');
    if (!args.includes('--skip-corpora')) writeJsonlLibrary(jsonl, pool, sentences);
    const libraries: { name: string; dir: string }[] = args.includes('--skip-corpora')
      ? []
      : [{ name: `corpora sample, ${sentences} sentences`, dir: jsonl }];
    if (!args.includes('--skip-mixed')) {
      // --mixed-scale N writes N independently seeded mixed libraries side by side: a parse-heavy batch large
      // enough that starting the parse threads is amortised.
      const scale = Number(flag(args, 'mixed-scale', '1'));
      const mixed = join(work, 'mixed');
      for (let part = 0; part < scale; part++) await writeMixedLibrary(join(mixed, `part-${part}`), pool, 7 + part);
      const files = scale * (MIXED.sites * MIXED.pagesPerSite + MIXED.feeds + MIXED.pdfs + MIXED.docx);
      libraries.push({ name: `mixed: ${files} files (HTML sites, RSS, PDF, DOCX)`, dir: mixed });
    }
    const rows: string[] = [];
    let corporaSingle: IngestRun | undefined;
    const repeat = Number(flag(args, 'repeat', '1'));
    const modes = [...new Set([1, cores])];
    for (const library of libraries) {
      const mb = folderBytes(library.dir) / 1e6;
      const all: Record<number, IngestRun[]> = { 1: [], [cores]: [] };
      for (let r = 0; r < repeat; r++) {
        for (const workers of modes) {
          const db = join(work, `${library.dir.split('/').pop()}-${workers}-${r}.db`);
          all[workers]!.push(await runChild<IngestRun>('./_ingest-run.ts', [db, String(workers), library.dir]));
          if (r < repeat - 1) rmSync(db, { force: true });
        }
      }
      const runs: Record<number, IngestRun> = {};
      for (const workers of modes) {
        const sorted = [...all[workers]!].sort((a, b) => a.seconds - b.seconds);
        const r = sorted[Math.floor((sorted.length - 1) / 2)]!;
        runs[workers] = r;
        if (library.dir === jsonl && workers === 1) corporaSingle = r;
        const spread = repeat > 1 ? `, ${repeat} runs ${fmt(sorted[0]!.seconds)}–${fmt(sorted.at(-1)!.seconds)} s` : '';
        rows.push(
          `| ${library.name} | ${workers} | ${fmt(mb)} | ${r.sentences} | ${fmt(r.seconds)} | ${fmt(mb / r.seconds, 2)} | ${fmt(mb / r.cpuSeconds, 2)} | ${fmt(r.threadCpu.main)} / ${fmt(r.threadCpu.started)} / ${fmt(r.threadCpu.runtime)} | ${fmt(r.rssMb, 0)} | ${workers === 1 ? '1.00×' : `${fmt(runs[1]!.seconds / r.seconds, 2)}×`} | ${r.duplicates} dup, ${r.failed} failed${spread} |`,
        );
      }
    }
    process.stdout.write(
      '\n| library | threads | MB | sentences stored | s | MB/s wall | MB per CPU-s | CPU-s: caller / parse threads / runtime | peak RSS MB | speed-up | notes |\n|---|---|---|---|---|---|---|---|---|---|---|\n',
    );
    process.stdout.write(`${rows.join('\n')}\n`);
    if (!corporaSingle) return;
    const single = join(work, `jsonl-1-${repeat - 1}.db`);
    const kora = corporaSingle;
    const mini = await runChild<{ seconds: number; sentences: number; rssMb: number; rssBeforeMb: number }>(
      './_minisearch-build.ts',
      [single],
    );
    process.stdout.write(
      `\nminisearch addAll over the same ${mini.sentences} searchable sentences: ${fmt(mini.seconds, 2)} s, peak RSS ${fmt(mini.rssMb, 0)} MB (${fmt(mini.rssBeforeMb, 0)} MB before building)\n`,
    );
    process.stdout.write(
      `Kora single-threaded ingest (read, parse, analyse, dedupe, persist) / minisearch in-memory build: ${fmt(kora.seconds / mini.seconds, 2)}× (${fmt(kora.seconds, 1)} s vs ${fmt(mini.seconds, 2)} s)\n`,
    );
    const mb = folderBytes(jsonl) / 1e6;
    const bare = await runChild<{ seconds: number; cpuSeconds: number; sentences: number }>('./_fts5-ingest.ts', [
      join(work, 'bare-fts5.db'),
      jsonl,
    ]);
    process.stdout.write(
      `bare FTS5 from the same JSONL files (JSON.parse, regex split, unicode61; no analysis, offsets or checks): ${bare.sentences} sentences, ${fmt(bare.seconds, 1)} s, ${fmt(mb / bare.seconds, 2)} MB/s, ${fmt(mb / bare.cpuSeconds, 2)} MB per CPU-s\n` +
        `Kora single-threaded / bare FTS5: ${fmt(kora.seconds / bare.seconds, 2)}× the time, ${fmt(kora.cpuSeconds / bare.cpuSeconds, 2)}× the CPU\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
