/**
 * `npm run eval -- keyphrases <file.jsonl> [--k 10]`: keyphrase extraction against gold phrases.
 * Input lines are `{id, text, keyphrases: string[]}` (../shared/data/keyphrases). Protocol (YAKE's):
 * lower-case, Porter-stem every word, exact phrase match; precision over the k returned, recall over all
 * gold phrases; F1 per document, macro-averaged. Runs the same extractKeyphrases as `kora keyphrases`.
 */
import { readFileSync } from 'node:fs';
import { extractKeyphrases, KEYPHRASE_DEFAULTS } from '../src/analyze/keyphrases.ts';
import { phraseF1 } from '../src/analyze/metrics.ts';

interface Row {
  readonly id: string;
  readonly text?: string;
  readonly keyphrases?: readonly string[];
}

const CUTOFFS = [5, 10] as const; // F1@5 and F1@10, the published cut-offs

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

export async function run(args: string[]): Promise<object> {
  const file = args[0];
  if (!file) throw new Error('usage: npm run eval -- keyphrases <file.jsonl>');
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
  const sums = CUTOFFS.map(() => 0);
  const started = performance.now();
  for (const row of rows) {
    const top = extractKeyphrases(row.text ?? '', { ...KEYPHRASE_DEFAULTS, k: Math.max(...CUTOFFS) }).map(
      (p) => p.phrase,
    );
    CUTOFFS.forEach((k, i) => {
      sums[i]! += phraseF1(top.slice(0, k), row.keyphrases ?? []).f1;
    });
  }
  const ms = performance.now() - started;
  return {
    'f1@5': round(sums[0]! / rows.length),
    'f1@10': round(sums[1]! / rows.length),
    documents: rows.length,
    msPerDocument: round(ms / rows.length),
  };
}
