/**
 * `npm run eval -- verification <file.jsonl>`: balanced accuracy of the claim judge on rows
 * `{claim, doc|document, label (1 supported / 0 not), dataset?}`, with the judge's one fixed threshold.
 */
import { readFileSync } from 'node:fs';
import { check, JUDGE_DEFAULTS } from '../src/verify/judge.ts';
import { balancedAccuracy } from '../src/verify/judge-metrics.ts';

interface Row {
  readonly claim: string;
  readonly doc?: string;
  readonly document?: string;
  readonly label: number | boolean;
  readonly dataset?: string;
}

/** Runs the judge over every row of the file and prints balanced accuracy, overall and per dataset. */
export async function run(args: string[]): Promise<object> {
  const [file] = args;
  if (!file) throw new Error('kora eval verification: missing input file; pass a .jsonl of {claim, doc, label}');
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  const started = performance.now();
  const outcomes = rows.map((row) => ({
    gold: row.label === 1 || row.label === true,
    predicted: check(row.claim, row.doc ?? row.document ?? '').label === 'supported',
    dataset: row.dataset,
  }));
  // Speed goes to stderr so that stdout stays byte-identical between runs.
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`verification: ${rows.length} claims in ${seconds.toFixed(1)} s\n`);
  const datasets = [...new Set(outcomes.map((o) => o.dataset).filter((d): d is string => d !== undefined))].sort();
  const perDataset = Object.fromEntries(
    datasets.map((d) => [d, round(balancedAccuracy(outcomes.filter((o) => o.dataset === d)))]),
  );
  return {
    balancedAccuracy: round(balancedAccuracy(outcomes)),
    threshold: JUDGE_DEFAULTS.threshold,
    claims: rows.length,
    ...(datasets.length > 0 ? { perDataset } : {}),
  };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
