/** Child process of bench/ingest.ts: times minisearch's index build over a Kora library's searchable sentences. */
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { peakRssMb } from './_corpus.ts';

/** The searchable sentences of a Kora library: not boilerplate, not in a duplicate source. */
export function searchableSentences(db: string): { id: number; text: string }[] {
  const sqlite = new Database(db, { readonly: true });
  const rows = sqlite
    .prepare(
      `SELECT s.id, s.text FROM sentences s JOIN sources src ON src.id = s.source_id
       WHERE s.boilerplate = 0 AND src.duplicate_of IS NULL ORDER BY s.id`,
    )
    .all() as { id: number; text: string }[];
  sqlite.close();
  return rows;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const documents = searchableSentences(process.argv[2] as string);
  const rssBefore = peakRssMb();
  const started = performance.now();
  const index = new MiniSearch({ fields: ['text'] });
  index.addAll(documents);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${JSON.stringify({ seconds, sentences: index.documentCount, rssMb: peakRssMb(), rssBeforeMb: rssBefore })}\n`,
  );
}
