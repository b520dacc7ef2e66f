/**
 * Writes for the PostgreSQL store: a source's rows, its sentences and their postings, and the per-source
 * statistics BM25 adds up. Every function runs inside the caller's transaction.
 */
import type pg from 'pg';
import type { SegmentedSource } from '../../core/model.ts';
import { terms } from '../../core/text.ts';
import { type IndexEntry, indexEntry } from './analysis.ts';

/** Drops a source's postings (sentences and source level); its rows stay. */
export async function unindexSource(client: pg.PoolClient, id: string): Promise<void> {
  await client.query(
    'DELETE FROM sentence_postings WHERE sentence_id IN (SELECT id FROM sentences WHERE source_id = $1)',
    [id],
  );
  await client.query('DELETE FROM source_postings WHERE source_id = $1', [id]);
}

/** Deletes a source, its sentences and postings. */
export async function deleteSource(client: pg.PoolClient, id: string): Promise<void> {
  await unindexSource(client, id);
  await client.query('DELETE FROM sentences WHERE source_id = $1', [id]);
  await client.query('DELETE FROM sources WHERE id = $1', [id]);
}

/** Inserts a new source with its sentences, postings and BM25 statistics. */
export async function insertSource(client: pg.PoolClient, source: SegmentedSource): Promise<void> {
  const sentenceTerms = source.sentences.map((s) =>
    s.boilerplate ? undefined : indexEntry(terms(source.text.slice(s.start, s.end))),
  );
  const bodyTerms: string[] = [];
  for (const s of source.sentences) if (!s.boilerplate) bodyTerms.push(...terms(source.text.slice(s.start, s.end)));
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
  const postings = { term: [] as string[], sentence: [] as string[], tf: [] as number[] };
  for (const row of inserted.rows) {
    const entry = sentenceTerms[row.ord];
    if (!entry) continue;
    for (const [term, tf] of entry.counts) {
      postings.term.push(term);
      postings.sentence.push(row.id);
      postings.tf.push(tf);
    }
  }
  if (postings.term.length) {
    await client.query(
      `INSERT INTO sentence_postings (term, sentence_id, tf)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])`,
      [postings.term, postings.sentence, postings.tf],
    );
  }
  await insertSourcePostings(client, source.id, title, body);
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
    `UPDATE sentences SET boilerplate = true, fts = NULL
     WHERE source_id = $1 AND boilerplate = false AND passage = ANY($2::int[]) RETURNING id, tokens`,
    [id, passages],
  );
  if (newly.rows.length === 0 || source.duplicate_of) return; // a duplicate has no index rows to update
  // (fts is cleared for a duplicate too: harmless, its postings are gone so no search reaches it.)
  await client.query('DELETE FROM sentence_postings WHERE sentence_id = ANY($1::bigint[])', [
    newly.rows.map((r) => r.id),
  ]);
  // The source-level body is the concatenation of its indexed sentences: rebuild it without the furniture.
  const kept = await client.query<{ text: string }>(
    'SELECT text FROM sentences WHERE source_id = $1 AND boilerplate = false ORDER BY ord',
    [id],
  );
  const title = indexEntry(terms(source.title));
  const body = indexEntry(kept.rows.flatMap((s) => terms(s.text)));
  await client.query('DELETE FROM source_postings WHERE source_id = $1', [id]);
  await insertSourcePostings(client, id, title, body);
  await client.query(
    `UPDATE sources SET indexed_sentences = indexed_sentences - $2, indexed_tokens = indexed_tokens - $3,
       source_tokens = $4, fts_body = $5 WHERE id = $1`,
    [
      id,
      newly.rows.length,
      newly.rows.reduce((sum, r) => sum + r.tokens, 0),
      title.stream.length + body.stream.length,
      body.stream,
    ],
  );
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
    `INSERT INTO source_postings (term, source_id, tf_title, tf_body)
     SELECT t, $1, a, b FROM unnest($2::text[], $3::int[], $4::int[]) AS u(t, a, b)`,
    [id, keys, keys.map((k) => title.counts.get(k) ?? 0), keys.map((k) => body.counts.get(k) ?? 0)],
  );
}
