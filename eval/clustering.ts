/**
 * `npm run eval -- clustering <file.jsonl> [--k N]`: clusters `{id, label, text}` lines with clusterTexts
 * (the brief's clustering) and scores the partition against the labels: NMI (arithmetic normalisation)
 * and ARI. k defaults to the number of distinct labels.
 */
import { readFileSync } from 'node:fs';
import { clusterTexts } from '../src/analyze/cluster.ts';
import { ari, nmi } from '../src/analyze/metrics.ts';

interface Row {
  readonly id: string;
  readonly label: string | number;
  readonly text: string;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

export async function run(args: string[]): Promise<object> {
  const file = args[0];
  if (!file) throw new Error('usage: npm run eval -- clustering <file.jsonl> [--k N]');
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  const labels = rows.map((r) => r.label);
  const kFlag = args.indexOf('--k');
  const k = kFlag >= 0 ? Number(args[kFlag + 1]) : new Set(labels).size;
  const started = performance.now();
  const clusters = clusterTexts(
    rows.map((r) => r.text),
    { k },
  );
  const ms = performance.now() - started;
  return {
    nmi: round(nmi(labels, clusters)),
    ari: round(ari(labels, clusters)),
    k,
    documents: rows.length,
    ms: Math.round(ms),
  };
}
