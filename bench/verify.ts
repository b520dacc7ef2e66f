/**
 * `npm run bench -- verify [--sources N] [--rebuild]`: claims verified per second on a library of at least
 * 10,000 sources. The library is built once from the UN General Debate corpora, one source per paragraph
 * (paragraphs paired up in a second pass when the corpora give too few), and cached in the temp folder.
 * The workload is seed 000 plus library sentences copied verbatim and with one number changed, so that
 * supported, contradicted and unsupported paths are all exercised. Peers: neighbours on (default) and off.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareSource } from '../src/ingest/prepare.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { splitClaims } from '../src/verify/claims.ts';
import { DEFAULT_EVIDENCE_OPTIONS } from '../src/verify/evidence.ts';
import { verify } from '../src/verify/index.ts';

const SHARED = new URL('../../shared/', import.meta.url).pathname;
const CORPORA = ['ungdc_rus_chn_1946_2024.jsonl', 'ungdc_20countries_2000_2024.jsonl'].map((f) =>
  join(SHARED, 'data', 'corpora', f),
);
const SEED_000 = join(SHARED, 'seeds', '000_d3653209c052926a.txt');
/** Library size the target is stated for (sources). */
const MIN_SOURCES = 10_000;
/** Target throughput from the task (claims per second). */
const TARGET_CLAIMS_PER_SECOND = 50;
/** Sentences sampled from the library for the verbatim and mutated drafts (each). */
const SAMPLED_SENTENCES = 100;
/** Bumped when the library recipe changes, so an old cache is not reused. */
const CACHE_VERSION = 1;

interface Speech {
  readonly id: string;
  readonly year: number;
  readonly text: string;
}

const readSpeeches = (file: string): Speech[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Speech);

/** Paragraphs of a speech as stored by ingest (normalised, reflowed). */
function paragraphsOf(speech: Speech): string[] {
  const prepared = prepareSource({ title: speech.id, location: speech.id, format: 'text', text: speech.text });
  return prepared.passages.map((p) => prepared.text.slice(p.start, p.end)).filter((p) => p.length >= 80);
}

/** Builds (or reuses) the cached bench library; returns its path and size. */
async function library(minSources: number, rebuild: boolean): Promise<{ file: string; sources: number }> {
  const file = join(tmpdir(), `kora-bench-verify-v${CACHE_VERSION}-${minSources}.db`);
  if (rebuild) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  if (existsSync(file)) {
    const store = new SqliteStore(file);
    const { sources } = await store.stats();
    await store.close();
    if (sources >= minSources) return { file, sources };
  }
  const started = performance.now();
  const store = new SqliteStore(file);
  const paragraphs: { id: string; year: number; text: string }[] = [];
  for (const corpus of CORPORA) {
    for (const speech of readSpeeches(corpus)) {
      paragraphsOf(speech).forEach((text, i) => {
        paragraphs.push({ id: `${speech.id}-p${i}`, year: speech.year, text });
      });
    }
  }
  // Too few paragraphs: add pairs of neighbouring paragraphs as further sources until the size is reached.
  const pairs = paragraphs.slice(0, -1).map((p, i) => ({
    id: `${p.id}+1`,
    year: p.year,
    text: `${p.text}\n\n${paragraphs[i + 1]?.text ?? ''}`,
  }));
  const all = paragraphs.length >= minSources ? paragraphs : [...paragraphs, ...pairs];
  for (const p of all.slice(0, Math.max(minSources, paragraphs.length))) {
    await store.putSource(
      prepareSource({ title: p.id, location: `bench:${p.id}`, format: 'text', text: p.text, date: String(p.year) }),
    );
  }
  const { sources } = await store.stats();
  await store.close();
  process.stdout.write(`built ${file}: ${sources} sources in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return { file, sources };
}

/** Every `step`-th sentence of the library that is a single claim, as a draft; and a one-number-changed copy. */
async function sampledDrafts(store: SqliteStore): Promise<{ verbatim: string; mutated: string }> {
  const sources = await store.listSources();
  const step = Math.max(1, Math.floor(sources.length / SAMPLED_SENTENCES));
  const verbatim: string[] = [];
  const mutated: string[] = [];
  for (let i = 0; i < sources.length && verbatim.length < SAMPLED_SENTENCES; i += step) {
    const source = await store.getSource(sources[i]!.id);
    if (!source) continue;
    const sentence = source.sentenceSpans
      .map((s) => source.text.slice(s.start, s.end))
      .find((t) => t.split(' ').length >= 10 && splitClaims(t).length === 1);
    if (!sentence) continue;
    verbatim.push(sentence);
    // One fact changed: the first number goes up by 3, else the first name (a capitalised word after the
    // first) becomes a country the sentence does not name.
    const n = /\b\d+\b/.exec(sentence);
    const name = /(?<=\s)\p{Lu}\p{Ll}{3,}\b/u.exec(sentence);
    const swap = sentence.includes('Mongolia') ? 'Peru' : 'Mongolia';
    if (n) mutated.push(sentence.replace(/\b\d+\b/, String(Number(n[0]) + 3)));
    else if (name) mutated.push(sentence.replace(name[0], swap));
  }
  process.stdout.write(`sampled ${verbatim.length} verbatim sentences, ${mutated.length} with one fact changed\n`);
  return { verbatim: verbatim.join('\n\n'), mutated: mutated.join('\n\n') };
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs the bench and prints claims per second for each peer. */
export async function run(args: string[]): Promise<void> {
  if (!CORPORA.every(existsSync) || !existsSync(SEED_000)) {
    process.stdout.write(`verify bench skipped: ${SHARED}data/corpora or seeds absent\n`);
    return;
  }
  const minSources = Number(flag(args, '--sources') ?? MIN_SOURCES);
  const { file, sources } = await library(minSources, args.includes('--rebuild'));
  const store = new SqliteStore(file);
  const drafts = { seed000: readFileSync(SEED_000, 'utf8'), ...(await sampledDrafts(store)) };
  // The first pass meets every claim for the first time (SQLite pages read from the OS), as a new draft does;
  // the later passes repeat the drafts with warm caches. Peers: the defaults, no neighbours, every query term.
  const peers = [
    { name: 'defaults, first pass (cold)', retrieval: DEFAULT_EVIDENCE_OPTIONS },
    { name: 'defaults, second pass (warm)', retrieval: DEFAULT_EVIDENCE_OPTIONS },
    { name: 'neighbours off (warm)', retrieval: { ...DEFAULT_EVIDENCE_OPTIONS, neighbours: 0 } },
    { name: 'every query term (queryBudget 1)', retrieval: { ...DEFAULT_EVIDENCE_OPTIONS, queryBudget: 1 } },
  ];
  await verify(store, 'Mongolia held elections in 1990.'); // loads the tagger and prepares the statements
  const rows: string[] = [];
  let defaultRate = 0;
  let defaultCpuRate = 0;
  for (const peer of peers) {
    let claims = 0;
    const summary = { supported: 0, contradicted: 0, unsupported: 0 };
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const draft of Object.values(drafts)) {
      const report = await verify(store, draft, { retrieval: peer.retrieval });
      claims += report.claims.length;
      for (const label of ['supported', 'contradicted', 'unsupported'] as const)
        summary[label] += report.summary[label];
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const rate = claims / seconds;
    if (!defaultRate) {
      defaultRate = rate;
      defaultCpuRate = claims / cpuSeconds;
    }
    rows.push(
      `| ${peer.name} | ${claims} | ${seconds.toFixed(2)} | ${rate.toFixed(1)} | ${(claims / cpuSeconds).toFixed(1)} | ${(rate / defaultRate).toFixed(2)} | ${summary.supported}/${summary.contradicted}/${summary.unsupported} |`,
    );
  }
  await store.close();
  process.stdout.write(
    [
      `verify bench: ${sources} sources, drafts = seed 000 + sampled verbatim sentences + the same with one number or name changed`,
      '| peer | claims | wall s | claims/s (wall) | claims/CPU-s | ratio (wall) | supported/contradicted/unsupported |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores (wall time includes waiting for a core)`,
      `target ≥ ${TARGET_CLAIMS_PER_SECOND} claims/s, first pass: wall ${defaultRate.toFixed(1)} claims/s (${defaultRate >= TARGET_CLAIMS_PER_SECOND ? 'met' : 'not met'}), CPU ${defaultCpuRate.toFixed(1)} claims/CPU-s (${defaultCpuRate >= TARGET_CLAIMS_PER_SECOND ? 'met' : 'not met'})`,
      '',
    ].join('\n'),
  );
}
