/** The `sources` row both stores keep, and how it becomes a SourceSummary: one definition for SQLite and PostgreSQL. */
import { asSourceId } from '../core/ids.ts';
import type { SourceSummary } from '../core/model.ts';

export interface SourceRow {
  id: string;
  location: string;
  title: string;
  format: string;
  date: string | null;
  author: string | null;
  url: string | null;
  language: string | null;
  hash: string;
  sentence_count: number;
  characters: number;
  duplicate_of: string | null;
}

/** Columns that fill a SourceRow (the SQL is the same in both dialects). */
export const SUMMARY_COLUMNS = `id, location, title, format, date, author, url, language, hash, sentence_count,
  length(text) AS characters, duplicate_of`;

/** A row as the typed summary, optional fields present only when set. */
export function toSummary(row: SourceRow): SourceSummary {
  return {
    id: asSourceId(row.id),
    location: row.location,
    title: row.title,
    format: row.format,
    hash: row.hash,
    sentences: row.sentence_count,
    characters: row.characters,
    ...(row.date ? { date: row.date } : {}),
    ...(row.author ? { author: row.author } : {}),
    ...(row.url ? { url: row.url } : {}),
    ...(row.language ? { language: row.language } : {}),
    ...(row.duplicate_of ? { duplicateOf: asSourceId(row.duplicate_of) } : {}),
  };
}
