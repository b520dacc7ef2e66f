/**
 * Child process of bench/ingest.ts: the floor for ingest, a bare FTS5 table fed from the same JSONL files
 * with no analysis: read, JSON.parse, a regular-expression sentence split, one row per sentence, one transaction
 * per file (unicode61 tokenizer, no stemming, stopwords, offsets, furniture or near-duplicate checks).
 * `_fts5-ingest.ts <db> <dir>` → one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** A sentence ends at ., ! or ? followed by white space: the naive split such a baseline would use. */
const SENTENCE_END = /(?<=[.!?])\s+/;

const [file, dir] = process.argv.slice(2) as [string, string];
const started = performance.now();
const cpuBefore = process.cpuUsage();
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE VIRTUAL TABLE bare USING fts5(text)');
const insert = db.prepare('INSERT INTO bare (text) VALUES (?)');
const storeFile = db.transaction((sentences: string[]) => {
  for (const sentence of sentences) insert.run(sentence);
});
let sentences = 0;
for (const name of readdirSync(dir).sort()) {
  const batch: string[] = [];
  for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text: string }).text;
    for (const sentence of text.split(SENTENCE_END)) if (sentence.trim()) batch.push(sentence.trim());
  }
  storeFile(batch);
  sentences += batch.length;
}
db.close();
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, sentences })}\n`,
);
