/** `kora keyphrases <file|sourceId>`: the keyphrases of a file, or of a source already in the library. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { extractKeyphrases, KEYPHRASE_DEFAULTS, type Keyphrase } from '../../analyze/keyphrases.ts';
import { createError } from '../../core/errors.ts';
import { asSourceId } from '../../core/ids.ts';
import { prepareSource } from '../../ingest/prepare.ts';
import { decodeUtf8 } from '../../ingest/readers/decode.ts';
import { readerFor } from '../../ingest/readers/index.ts';
import { DEFAULT_READ_OPTIONS } from '../../ingest/readers/reader.ts';
import { positiveInt, printJson, withStore } from '../io.ts';

interface KeyphrasesFlags {
  db?: string;
  json?: boolean;
  k: number;
}

/** Text of a file through its format's reader (normalised as ingest would), or as UTF-8 for other extensions. */
async function readFileText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw createError('UNREADABLE', path, (error as Error).message);
  }
  const reader = readerFor(path);
  if (!reader) return decodeUtf8(path, bytes);
  const { documents } = await reader.read({ location: path, bytes, options: DEFAULT_READ_OPTIONS });
  return documents.map((doc) => prepareSource(doc).text).join('\n\n');
}

/** The stored text of a source, or a not-found error that says how to list sources. */
async function readSourceText(id: string, db: string | undefined): Promise<string> {
  const source = await withStore(db, (store) => store.getSource(asSourceId(id)));
  if (!source) throw createError('SOURCE_NOT_FOUND', id);
  return source.text;
}

// Tab-separated so the list pipes into cut/sort: phrase, then score.
const formatLine = (p: Keyphrase): string => `${p.phrase}\t${p.score.toFixed(3)}\n`;

/** Registers `kora keyphrases`. */
export function registerKeyphrases(program: Command): void {
  program
    .command('keyphrases')
    .description('list the keyphrases of a file (.txt .md .html …) or of a source in the library, best first')
    .argument('<file|sourceId>', 'a file to read, or the id of a stored source (see `kora sources`)')
    .option('--db <file>', 'library file (default: $KORA_DB or ./kora.db)')
    .option('-k, --k <n>', 'number of keyphrases', positiveInt('--k'), KEYPHRASE_DEFAULTS.k)
    .option('--json', 'print JSON: [{phrase, score}]')
    .action(async (target: string, flags: KeyphrasesFlags) => {
      const isFile = existsSync(target) && statSync(target).isFile();
      const text = isFile ? await readFileText(target) : await readSourceText(target, flags.db);
      const phrases = extractKeyphrases(text, { ...KEYPHRASE_DEFAULTS, k: flags.k });
      if (flags.json) return printJson(phrases);
      for (const p of phrases) process.stdout.write(formatLine(p));
      if (phrases.length === 0) process.stdout.write('no keyphrases\n');
    });
}
