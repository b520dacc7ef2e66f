/**
 * Writes for the PostgreSQL store: a source's rows, its sentences and their postings, and the per-source
 * statistics BM25 adds up. Every function runs inside the caller's transaction.
 */
import type pg from 'pg';
import type { SegmentedSource } from '../../core/model.ts';
import { terms } from '../../core/text.ts';
import { type IndexEntry, indexEntry } from '../index-tokens.ts';
import { TOTALS_SHARDS } from './schema.ts';

/** Drops a source's postings (sentence and source level), found by key from its token streams; rows stay. */
export async function unindexSource(client: pg.PoolClient, id: string): Promise<void> {
  await client.query(
    `DELETE FROM sentence_postings p
     USING (SELECT DISTINCT s.id, t.term FROM sentences s, unnest(s.fts) AS t(term) WHERE s.source_id = $1) x
     WHERE p.term = x.term AND p.sentence_id = x.id`,
    [id],
  );
  await client.query(
    `DELETE FROM source_postings p
     USING (SELECT DISTINCT t.term FROM sources s, unnest(s.fts_title || s.fts_body) AS t(term) WHERE s.id = $1) x
     WHERE p.term = x.term AND p.source_id = $1`,
    [id],
  );
}

/** What one write adds to the collection statistics (see applyTotals). */
interface TotalsDelta {
  readonly sentences: number;
  readonly sentenceTokens: number;
  readonly sources: number;
  readonly sourceTokens: number;
}

/**
 * Adds a write's rows to the BM25 collection statistics, on the shard of the source's id.
 * Only ever adds, like SQLite: an FTS5 table with contentless_delete=1 keeps counting a deleted row in its
 * row count and total length (checked on SQLite 3.53.2: insert two rows, delete one, the averages record is
 * unchanged), so removing, replacing, deduplicating or de-furnishing a source never lowers N or avgdl there.
 * Matching that drift keeps both stores' scores identical; set EXACT_TOTALS once SQLite's totals are exact.
 */
async function applyTotals(client: pg.PoolClient, id: string, delta: TotalsDelta): Promise<void> {
  await client.query(
    `UPDATE bm25_totals SET sentences = sentences + $2, sentence_tokens = sentence_tokens + $3,
       sources = sources + $4, source_tokens = source_tokens + $5
     WHERE shard = hashtext($1) & ${TOTALS_SHARDS - 1}`,
    [id, delta.sentences, delta.sentenceTokens, delta.sources, delta.sourceTokens],
  );
}

/** Takes a source's rows out of the collection statistics, only when they are kept exact (EXACT_TOTALS). */
export async function removeTotals(client: pg.PoolClient, id: string): Promise<void> {
  if (!EXACT_TOTALS) return;
  await client.query(
    `UPDATE bm25_totals t SET sentences = t.sentences - s.indexed_sentences,
       sentence_tokens = t.sentence_tokens - s.indexed_tokens,
       sources = t.sources - s.source_indexed, source_tokens = t.source_tokens - s.source_tokens
     FROM sources s WHERE s.id = $1 AND t.shard = hashtext($1) & ${TOTALS_SHARDS - 1}`,
    [id],
  );
}

/** False: collection statistics drift as SQLite's FTS5 do (see applyTotals); true: exact, lowered on delete. */
export const EXACT_TOTALS = false;

/** Deletes a source, its sentences and postings. */
export async function deleteSource(client: pg.PoolClient, id: string): Promise<void> {
  await removeTotals(client, id);
  await unindexSource(client, id);
  await client.query('DELETE FROM sentences WHERE source_id = $1', [id]);
  await client.query('DELETE FROM sources WHERE id = $1', [id]);
}

/** Inserts a new source with its sentences, postings and BM25 statistics. */
export async function insertSource(client: pg.PoolClient, source: SegmentedSource): Promise<void> {
  // A parse worker may have analysed the sentences already (SegmentedSource.sentenceTerms); else do it here.
  const termsOf = (ord: number): string[] => {
    const given = source.sentenceTerms?.[ord];
    if (given !== undefined) return given.split(' ').filter((t) => t.length > 0);
    const span = source.sentences[ord];
    return span ? terms(source.text.slice(span.start, span.end)) : [];
  };
  const sentenceTerms = source.sentences.map((s, ord) => (s.boilerplate ? undefined : indexEntry(termsOf(ord))));
  const bodyTerms: string[] = [];
  source.sentences.forEach((s, ord) => {
    if (!s.boilerplate) bodyTerms.push(...termsOf(ord));
  });
  const title = indexEntry(terms(source.title));
  const body = indexEntry(bodyTerms);
  const indexed = sentenceTerms.filter((e) => e !== undefined);
  await client.query(
    `INSERT INTO sources (id, location, title, format, date, author, url, language, hash, text, passages,
       sentence_count, indexed_sentences, indexed_tokens, source_indexed, source_tokens, fts_title, fts_body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $16, $17)`,
    [
      source.id,
      source.location,
      source.title,
      source.format,
      source.date ?? null,
      source.author ?? null,
      source.url ?? null,
      source.language ?? null,
      source.hash,
      source.text,
      JSON.stringify(source.passages),
      source.sentences.length,
      indexed.length,
      indexed.reduce((sum, e) => sum + e.stream.length, 0),
      title.stream.length + body.stream.length,
      title.stream,
      body.stream,
    ],
  );
  const inserted = await client.query<{ id: string; ord: number }>(
    `INSERT INTO sentences (source_id, ord, start, "end", passage, kind, boilerplate, text, fts, tokens)
     SELECT $1, u.ord - 1, u.start, u.stop, u.passage, u.kind, u.boilerplate, u.text,
       CASE WHEN u.boilerplate THEN NULL ELSE string_to_array(u.fts, ' ') END, u.tokens
     FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::int[])
       WITH ORDINALITY AS u(start, stop, passage, kind, boilerplate, text, fts, tokens, ord)
     ORDER BY u.ord
     RETURNING id, ord`,
    [
      source.id,
      source.sentences.map((s) => s.start),
      source.sentences.map((s) => s.end),
      source.sentences.map((s) => s.passage),
      source.sentences.map((s) => s.kind),
      source.sentences.map((s) => s.boilerplate),
      source.sentences.map((s) => source.text.slice(s.start, s.end)),
      // Tokens never hold spaces, so a space-joined stream passes a ragged text[][] through a flat text[].
      sentenceTerms.map((e) => e?.stream.join(' ') ?? ''),
      sentenceTerms.map((e) => e?.stream.length ?? 0),
    ],
  );
  const postings = { term: [] as string[], sentence: [] as string[], tf: [] as number[], len: [] as number[] };
  for (const row of inserted.rows) {
    const entry = sentenceTerms[row.ord];
    if (!entry) continue;
    for (const [term, tf] of entry.counts) {
      postings.term.push(term);
      postings.sentence.push(row.id);
      postings.tf.push(tf);
      postings.len.push(entry.stream.length);
    }
  }
  if (postings.term.length) {
    await client.query(
      `INSERT INTO sentence_postings (term, sentence_id, tf, len)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[])`,
      [postings.term, postings.sentence, postings.tf, postings.len],
    );
  }
  await insertSourcePostings(client, source.id, title, body);
  await applyTotals(client, source.id, {
    sentences: indexed.length,
    sentenceTokens: indexed.reduce((sum, e) => sum + e.stream.length, 0),
    sources: 1,
    sourceTokens: title.stream.length + body.stream.length,
  });
}

/** Flags the sentences of `passages` as boilerplate and drops them from both indexes (see Store.markBoilerplate). */
export async function markBoilerplate(client: pg.PoolClient, id: string, passages: readonly number[]): Promise<void> {
  const found = await client.query<{ title: string; duplicate_of: string | null }>(
    'SELECT title, duplicate_of FROM sources WHERE id = $1',
    [id],
  );
  const source = found.rows[0];
  if (!source) return;
  const newly = await client.query<{ id: string; tokens: number }>(
    `SELECT id, tokens FROM sentences
     WHERE source_id = $1 AND boilerplate = false AND passage = ANY($2::int[]) ORDER BY id FOR UPDATE`,
    [id, passages],
  );
  if (newly.rows.length === 0) return;
  const ids = newly.rows.map((r) => r.id);
  if (!source.duplicate_of) {
    // Postings are found by key from the token streams, so drop them before the streams are cleared.
    await client.query(
      `DELETE FROM sentence_postings p
       USING (SELECT DISTINCT s.id, t.term FROM sentences s, unnest(s.fts) AS t(term) WHERE s.id = ANY($1::bigint[])) x
       WHERE p.term = x.term AND p.sentence_id = x.id`,
      [ids],
    );
  }
  await client.query('UPDATE sentences SET boilerplate = true, fts = NULL WHERE id = ANY($1::bigint[])', [ids]);
  if (source.duplicate_of) return; // a duplicate has no index rows to update
  // The source-level body is the concatenation of its indexed sentences: rebuild it without the furniture.
  const kept = await client.query<{ text: string }>(
    'SELECT text FROM sentences WHERE source_id = $1 AND boilerplate = false ORDER BY ord',
    [id],
  );
  const title = indexEntry(terms(source.title));
  const body = indexEntry(kept.rows.flatMap((s) => terms(s.text)));
  await client.query(
    `DELETE FROM source_postings p
     USING (SELECT DISTINCT t.term FROM sources s, unnest(s.fts_title || s.fts_body) AS t(term) WHERE s.id = $1) x
     WHERE p.term = x.term AND p.source_id = $1`,
    [id],
  );
  await insertSourcePostings(client, id, title, body);
  await removeTotals(client, id);
  const sourceTokens = title.stream.length + body.stream.length;
  const updated = await client.query<{ indexed_sentences: number; indexed_tokens: string }>(
    `UPDATE sources SET indexed_sentences = indexed_sentences - $2, indexed_tokens = indexed_tokens - $3,
       source_tokens = $4, fts_body = $5 WHERE id = $1 RETURNING indexed_sentences, indexed_tokens`,
    [id, newly.rows.length, newly.rows.reduce((sum, r) => sum + r.tokens, 0), sourceTokens, body.stream],
  );
  // Exact: the source's remaining rows count again. Drift (as SQLite): its index row is deleted and re-inserted,
  // so one more source row with the new length is counted, and the flagged sentences still are.
  const left = updated.rows[0];
  await applyTotals(client, id, {
    sentences: EXACT_TOTALS ? (left?.indexed_sentences ?? 0) : 0,
    sentenceTokens: EXACT_TOTALS ? Number(left?.indexed_tokens ?? 0) : 0,
    sources: 1,
    sourceTokens,
  });
}

async function insertSourcePostings(
  client: pg.PoolClient,
  id: string,
  title: IndexEntry,
  body: IndexEntry,
): Promise<void> {
  const keys = [...new Set([...title.counts.keys(), ...body.counts.keys()])];
  if (keys.length === 0) return;
  await client.query(
    `INSERT INTO source_postings (term, source_id, tf_title, tf_body, len)
     SELECT t, $1, a, b, $5 FROM unnest($2::text[], $3::int[], $4::int[]) AS u(t, a, b)`,
    [
      id,
      keys,
      keys.map((k) => title.counts.get(k) ?? 0),
      keys.map((k) => body.counts.get(k) ?? 0),
      title.stream.length + body.stream.length,
    ],
  );
}
