/**
 * CSV with a header row: one source per row, text/title/id from the columns named by --text-field, --title-field
 * and --id-field, located at `file.csv#id` (or `#row` when there is no id column). A row without text is a
 * diagnostic naming the row; the other rows are kept.
 */
import { parse } from 'csv-parse/sync';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import type { RawDocument } from '../../core/model.ts';
import { decodeUtf8 } from './decode.ts';
import type { Reader } from './reader.ts';
import { recordToDocument } from './records.ts';

export const csvReader: Reader = {
  format: 'csv',
  extensions: ['.csv'],
  read({ location, bytes, options }) {
    const text = decodeUtf8(location, bytes);
    let rows: Record<string, string>[];
    try {
      rows = parse(text, {
        columns: true,
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true, // a short row is still worth its text; missing cells are just absent
        trim: true,
      });
    } catch (error) {
      const detail = (error as Error).message.replace(/\s+/g, ' ');
      throw createError('BAD_RECORD', location, `it is not valid CSV (${detail})`);
    }
    if (rows.length === 0) throw createError('EMPTY', location);
    const columns = Object.keys(rows[0] ?? {});
    if (!columns.includes(options.textField)) {
      throw createError(
        'BAD_RECORD',
        location,
        `it has no column "${options.textField}" (columns: ${columns.join(', ')}); choose one with --text-field`,
      );
    }
    const documents: RawDocument[] = [];
    const diagnostics: Diagnostic[] = [];
    rows.forEach((row, index) => {
      const line = index + 2; // 1-based, after the header row
      const doc = recordToDocument(row, location, String(line), options, 'csv');
      if (typeof doc !== 'string' && doc.text.trim()) documents.push(doc);
      else diagnostics.push({ severity: 'error', location: `${location}:${line}`, message: `row ${line} has no text` });
    });
    return { documents, diagnostics };
  },
};
