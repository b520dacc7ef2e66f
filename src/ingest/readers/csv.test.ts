import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvReader } from './csv.ts';
import { DEFAULT_READ_OPTIONS, type ReadOptions } from './reader.ts';

const read = async (csv: string, options: ReadOptions = DEFAULT_READ_OPTIONS, location = 'rows.csv') =>
  csvReader.read({ location, bytes: new TextEncoder().encode(csv), options });

test('CSV: one document per row, located at file.csv#id, quoted commas and newlines kept', async () => {
  const csv = 'id,title,text,date\nr1,First,"Hello, world. Second line\nstays.",2020-01-02\nr2,Second,Plain text.,\n';
  const { documents, diagnostics } = await read(csv);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(
    documents.map((d) => [d.location, d.title, d.text, d.date, d.format]),
    [
      ['rows.csv#r1', 'First', 'Hello, world. Second line\nstays.', '2020-01-02', 'csv'],
      ['rows.csv#r2', 'Second', 'Plain text.', undefined, 'csv'],
    ],
  );
});

test('CSV: --text-field/--title-field/--id-field choose the columns; rows without text are diagnostics', async () => {
  const csv = '\ufeffkey,headline,body\nk1,One,Body one.\nk2,Two,\n';
  const options = { textField: 'body', titleField: 'headline', idField: 'key' };
  const { documents, diagnostics } = await read(csv, options);
  assert.deepEqual(
    documents.map((d) => [d.location, d.title]),
    [['rows.csv#k1', 'One']],
  );
  assert.deepEqual(diagnostics, [{ severity: 'error', location: 'rows.csv:3', message: 'row 3 has no text' }]);
});

test('CSV: no text column names the columns and the option', async () => {
  await assert.rejects(read('a,b\n1,2\n'), {
    message: 'cannot ingest "rows.csv": it has no column "text" (columns: a, b); choose one with --text-field',
  });
});

test('CSV: malformed quoting is a clear error', async () => {
  await assert.rejects(read('id,text\n1,"unterminated\n'), {
    message: /^cannot ingest "rows\.csv": it is not valid CSV/,
  });
});
