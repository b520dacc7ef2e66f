/**
 * `npm run eval -- retrieval <beir-folder> [--db FILE|postgres://…]`: ingests `corpus.jsonl` through the normal
 * ingest path into a temporary store, runs every query of `queries.jsonl` through Kora's document retrieval and
 * scores it against `qrels.tsv`. Prints {"ndcg@10", "map", "mrr", "p@10", "queries"}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retrieveSources } from '../src/analyze/retrieve.ts';
import { ingestPaths } from '../src/ingest/index.ts';
import { openStore } from '../src/store/open.ts';
import { averagePrecision, type Judgements, ndcgAt, precisionAt, reciprocalRank } from './metrics.ts';

/** Ranked list depth scored for MAP (documents per query). */
const RANKING_DEPTH = 100;
const CUTOFF = 10;

function readQrels(file: string): Map<string, Map<string, number>> {
  const qrels = new Map<string, Map<string, number>>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [query, doc, grade] = line.split('\t');
    if (!query || !doc || grade === undefined) continue;
    const judged = qrels.get(query) ?? new Map<string, number>();
    judged.set(doc, Number(grade));
    qrels.set(query, judged);
  }
  return qrels;
}

export async function run(args: string[]): Promise<object> {
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder)
    throw new Error('usage: npm run eval -- retrieval <folder with corpus.jsonl, queries.jsonl, qrels.tsv> [--db …]');
  const dbFlag = args.indexOf('--db');
  const temp = mkdtempSync(join(tmpdir(), 'kora-eval-'));
  const store = await openStore(dbFlag >= 0 ? (args[dbFlag + 1] ?? '') : join(temp, 'eval.db'));
  try {
    const summary = await ingestPaths([join(folder, 'corpus.jsonl')], store, {
      textField: 'text',
      titleField: 'title',
      idField: '_id',
      maxBytes: Number.MAX_SAFE_INTEGER,
    });
    if (summary.failed.length) process.stderr.write(`${summary.failed.length} corpus records failed\n`);
    const keyOf = new Map(
      (await store.listSources()).map((s) => [s.id as string, s.location.slice(s.location.lastIndexOf('#') + 1)]),
    );
    const qrels = readQrels(join(folder, 'qrels.tsv'));
    const queries = readFileSync(join(folder, 'queries.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { _id: string; text: string });
    const totals = { ndcg: 0, map: 0, mrr: 0, p: 0 };
    let scored = 0;
    for (const query of queries) {
      const judged: Judgements | undefined = qrels.get(query._id);
      if (!judged || ![...judged.values()].some((g) => g > 0)) continue;
      const hits = await retrieveSources(store, query.text, { limit: RANKING_DEPTH });
      const ranking = hits.map((h) => keyOf.get(h.sourceId) ?? '');
      totals.ndcg += ndcgAt(ranking, judged, CUTOFF);
      totals.map += averagePrecision(ranking, judged);
      totals.mrr += reciprocalRank(ranking, judged);
      totals.p += precisionAt(ranking, judged, CUTOFF);
      scored++;
    }
    const mean = (x: number) => Number((x / Math.max(scored, 1)).toFixed(4));
    return {
      'ndcg@10': mean(totals.ndcg),
      map: mean(totals.map),
      mrr: mean(totals.mrr),
      'p@10': mean(totals.p),
      queries: scored,
    };
  } finally {
    await store.close();
    rmSync(temp, { recursive: true, force: true });
  }
}
