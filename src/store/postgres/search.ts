/**
 * Search on PostgreSQL: BM25 over the stored postings, computed in one SQL statement per query so that only
 * committed sources are seen and the collection statistics match the postings of the same snapshot.
 * A one-token phrase reads its postings; a multi-token phrase ("3.5" → "3 5") takes the rows holding its first
 * token and counts the phrase in their token streams, exactly as FTS5 matches phrases.
 * Scores come from the postings alone (each carries tf and the row's length); only the best rows — the top
 * `limit` and every row tied with the last of them — are joined to their text, then ordered with the tie-break.
 */
import type pg from 'pg';
import { asSentenceId, asSourceId } from '../../core/ids.ts';
import type { SentenceHit, SentenceKind, SourceHit } from '../../core/model.ts';
import { queryPhrases } from '../index-tokens.ts';
import { TITLE_WEIGHT } from '../sqlite/sqlite-store.ts';
import type { DateRange, SentenceQuery, SourceQuery } from '../store.ts';
import { idfSql, scoreSql } from './bm25.ts';

/** The query's phrases ($1, space-joined tokens) as token arrays, numbered in query order. */
const QUERY_CTE = `q AS (SELECT string_to_array(key, ' ') AS toks, i FROM unnest($1::text[]) WITH ORDINALITY AS q(key, i))`;
/** IDF of each phrase, from the number of rows `hits` holds for it (FTS5 counts rows, not occurrences). */
const IDF_CTE = `idf AS (SELECT array_agg(${idfSql('totals.n', 'coalesce(df.rows, 0)::float8')} ORDER BY q.i) AS w
                FROM q LEFT JOIN (SELECT i, count(*) AS rows FROM hits GROUP BY i) df ON df.i = q.i, totals)`;
/** A title occurrence counts as TITLE_WEIGHT body occurrences, as in FTS5's bm25(source_fts, TITLE_WEIGHT, 1). */
const TITLE = `${TITLE_WEIGHT}::float8`;

interface HitRow {
  id: string;
  source_id: string;
  start: number;
  end: number;
  kind: SentenceKind;
  text: string;
  title: string;
  date: string | null;
  score: number;
}

/** The same date semantics as the SQLite store, compared bytewise (COLLATE "C") as SQLite does. */
function dateFilter(range: DateRange, column: string, params: unknown[]): string {
  let sql = '';
  // Both bounds compare at the coarser precision of the two (a source dated "2019" overlaps since 2019-05-01).
  if (range.since) {
    params.push(range.since);
    sql += ` AND ${column} >= substr($${params.length}, 1, length(${column})) COLLATE "C"`;
  }
  if (range.until) {
    params.push(range.until.length, range.until);
    sql += ` AND substr(${column}, 1, $${params.length - 1}::int) <= $${params.length} COLLATE "C"`;
  }
  return sql;
}

/**
 * The CTEs shared by both searches, ending in `scored(id, score)`. `single` and `phrase` select `(id, i, f, len)`
 * hits for one-token and multi-token phrases.
 */
function scoredCtes(phrases: number, totals: string, single: string, phrase: string): string {
  const score = scoreSql(
    phrases,
    (i) => `idf.w[${i}]`,
    (i) => `c.f${i}`,
    'c.len::float8',
    'totals.avgdl',
  );
  const columns: string[] = [];
  for (let i = 1; i <= phrases; i++) columns.push(`coalesce(max(f) FILTER (WHERE i = ${i}), 0) AS f${i}`);
  return `${QUERY_CTE},
     totals AS (${totals}),
     hits AS (${single} UNION ALL ${phrase}),
     ${IDF_CTE},
     c AS (SELECT id, max(len) AS len, ${columns.join(', ')} FROM hits GROUP BY id),
     scored AS (SELECT c.id, ${score} AS score FROM c, totals, idf)`;
}

/** Where the final join starts: every scored row when filtering by date, else only the best (see header). */
function candidates(filtered: boolean, limit: string): { with: string; where: string } {
  if (filtered) return { with: '', where: '' };
  return {
    with: `, cut AS (SELECT min(score) AS score FROM (SELECT score FROM scored ORDER BY score DESC LIMIT ${limit}) t)`,
    where: ' AND scored.score >= (SELECT score FROM cut)',
  };
}

/** Best sentences for the terms, BM25 as FTS5 computes it; ties by source id, then offset. */
export async function searchSentences(pool: pg.Pool, query: SentenceQuery): Promise<SentenceHit[]> {
  const phrases = queryPhrases(query.terms);
  if (phrases.length === 0) return [];
  const params: unknown[] = [phrases];
  const filter = dateFilter(query, 'src.date', params);
  params.push(query.limit);
  const limit = `$${params.length}`;
  const best = candidates(filter !== '', limit);
  const rows = await pool.query<HitRow>(
    `WITH ${scoredCtes(
      phrases.length,
      `SELECT sum(sentences)::float8 AS n, sum(sentence_tokens)::float8 / nullif(sum(sentences), 0)::float8 AS avgdl
       FROM bm25_totals`,
      `SELECT p.sentence_id AS id, q.i, p.tf::float8 AS f, p.len
       FROM q JOIN sentence_postings p ON p.term = q.toks[1] WHERE cardinality(q.toks) = 1`,
      `SELECT s.id, q.i, m.f, s.tokens AS len
       FROM q JOIN sentence_postings p ON p.term = q.toks[1] JOIN sentences s ON s.id = p.sentence_id
         CROSS JOIN LATERAL (SELECT kora_phrase_count(s.fts, q.toks)::float8 AS f) m
       WHERE cardinality(q.toks) > 1 AND m.f > 0`,
    )}${best.with}
     SELECT s.id, s.source_id, s.start, s."end" AS end, s.kind, s.text, src.title, src.date, scored.score
     FROM scored JOIN sentences s ON s.id = scored.id JOIN sources src ON src.id = s.source_id
     WHERE true ${best.where} ${filter}
     ORDER BY scored.score DESC, s.source_id COLLATE "C", s.start
     LIMIT ${limit}`,
    params,
  );
  return rows.rows.map((r) => ({
    sentenceId: asSentenceId(Number(r.id)),
    sourceId: asSourceId(r.source_id),
    title: r.title,
    start: r.start,
    end: r.end,
    text: r.text,
    kind: r.kind,
    score: r.score,
    ...(r.date ? { date: r.date } : {}),
  }));
}

/** Best sources for the terms, BM25 over title (weighted) and body; ties by source id. */
export async function searchSources(pool: pg.Pool, query: SourceQuery): Promise<SourceHit[]> {
  const phrases = queryPhrases(query.terms);
  if (phrases.length === 0) return [];
  const params: unknown[] = [phrases];
  const filter = dateFilter(query, 'src.date', params);
  params.push(query.limit);
  const limit = `$${params.length}`;
  const best = candidates(filter !== '', limit);
  const rows = await pool.query<{ id: string; title: string; score: number }>(
    `WITH ${scoredCtes(
      phrases.length,
      `SELECT sum(sources)::float8 AS n, sum(source_tokens)::float8 / nullif(sum(sources), 0)::float8 AS avgdl
       FROM bm25_totals`,
      `SELECT p.source_id AS id, q.i, ${TITLE} * p.tf_title + p.tf_body AS f, p.len
       FROM q JOIN source_postings p ON p.term = q.toks[1] WHERE cardinality(q.toks) = 1`,
      `SELECT src.id, q.i, m.f, src.source_tokens AS len
       FROM q JOIN source_postings p ON p.term = q.toks[1] JOIN sources src ON src.id = p.source_id
         CROSS JOIN LATERAL (SELECT ${TITLE} * kora_phrase_count(src.fts_title, q.toks)
                               + kora_phrase_count(src.fts_body, q.toks) AS f) m
       WHERE cardinality(q.toks) > 1 AND m.f > 0`,
    )}${best.with}
     SELECT src.id, src.title, scored.score
     FROM scored JOIN sources src ON src.id = scored.id
     WHERE true ${best.where} ${filter}
     ORDER BY scored.score DESC, src.id COLLATE "C"
     LIMIT ${limit}`,
    params,
  );
  return rows.rows.map((r) => ({ sourceId: asSourceId(r.id), title: r.title, score: r.score }));
}
