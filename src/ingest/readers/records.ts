/**
 * JSON and JSONL records: one source per record, text/title/id taken from configurable fields. A bad line
 * is a diagnostic naming the line; the file's other records are still read.
 */
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import type { RawDocument } from '../../core/model.ts';
import { baseTitle, decodeUtf8 } from './decode.ts';
import type { Reader, ReadOptions, ReadResult } from './reader.ts';

type Json = Record<string, unknown>;

const DATE_FIELDS = ['date', 'published', 'pubDate', 'created', 'year'] as const;
const AUTHOR_FIELDS = ['author', 'byline', 'creator'] as const;
const URL_FIELDS = ['url', 'link'] as const;

function firstString(record: Json, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/** Builds a document from one record, or explains why it cannot. */
export function recordToDocument(
  record: unknown,
  location: string,
  fallbackKey: string,
  options: ReadOptions,
  format: string,
): RawDocument | string {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return 'is not a JSON object';
  const fields = record as Json;
  const text = fields[options.textField];
  if (typeof text !== 'string') return `has no string field "${options.textField}" (choose one with --text-field)`;
  const ownKey = firstString(fields, [options.idField, '_id']);
  const key = ownKey ?? fallbackKey;
  // a record's own id ("CHN_39_1984") names it better than the file it sits in
  const title = firstString(fields, [options.titleField]) ?? ownKey ?? `${baseTitle(location)} #${key}`;
  const date = firstString(fields, DATE_FIELDS);
  const author = firstString(fields, AUTHOR_FIELDS);
  const url = firstString(fields, URL_FIELDS);
  return {
    location: `${location}#${key}`,
    format,
    title,
    text,
    ...(date ? { date } : {}),
    ...(author ? { author } : {}),
    ...(url ? { url } : {}),
  };
}

function collect(
  records: readonly { value: unknown; key: string; line?: number }[],
  location: string,
  options: ReadOptions,
  format: string,
): ReadResult {
  const documents: RawDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { value, key, line } of records) {
    const doc = recordToDocument(value, location, key, options, format);
    if (typeof doc === 'string') {
      diagnostics.push({
        severity: 'error',
        location: line ? `${location}:${line}` : `${location}#${key}`,
        message: `record ${doc}`,
      });
    } else {
      documents.push(doc);
    }
  }
  return { documents, diagnostics };
}

/** What JSONL text holds: its documents, and its problems in two kinds, each in line order. */
export interface JsonlLines {
  readonly documents: RawDocument[];
  /** Lines that are not JSON. */
  readonly badLines: Diagnostic[];
  /** Records that are not documents (not an object, no text field). */
  readonly badRecords: Diagnostic[];
}

/**
 * Reads JSONL text line by line; blank lines are skipped. `firstLine` is the number of the text's first line:
 * past 1 for a later part of a file (workers/parts.ts), since keys and messages name lines of the whole file.
 */
export function readJsonlLines(location: string, text: string, options: ReadOptions, firstLine = 1): JsonlLines {
  const records: { value: unknown; key: string; line: number }[] = [];
  const badLines: Diagnostic[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const number = firstLine + index;
    try {
      records.push({ value: JSON.parse(line), key: String(number), line: number });
    } catch (error) {
      badLines.push({
        severity: 'error',
        location: `${location}:${number}`,
        message: `line ${number} is not valid JSON (${(error as Error).message})`,
      });
    }
  });
  const { documents, diagnostics } = collect(records, location, options, 'jsonl');
  return { documents, badLines, badRecords: diagnostics };
}

export const jsonlReader: Reader = {
  format: 'jsonl',
  extensions: ['.jsonl', '.ndjson'],
  read({ location, bytes, options }) {
    const { documents, badLines, badRecords } = readJsonlLines(location, decodeUtf8(location, bytes), options);
    if (documents.length === 0 && badLines.length === 0 && badRecords.length === 0) {
      throw createError('EMPTY', location);
    }
    return { documents, diagnostics: [...badLines, ...badRecords] };
  },
};

export const jsonReader: Reader = {
  format: 'json',
  extensions: ['.json'],
  read({ location, bytes, options }) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(decodeUtf8(location, bytes));
    } catch (error) {
      if ((error as { code?: string }).code) throw error;
      // JSON.parse quotes the input, newlines included; the message must stay one line
      const detail = (error as Error).message.replace(/\s+/g, ' ');
      throw createError('BAD_RECORD', location, `it is not valid JSON (${detail})`);
    }
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (list.length === 0) throw createError('EMPTY', location);
    return collect(
      list.map((value, index) => ({ value, key: String(index + 1) })),
      location,
      options,
      'json',
    );
  },
};
