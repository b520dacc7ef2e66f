/**
 * The contract every reader keeps, whatever the bytes: it returns documents and diagnostics, or throws a
 * KoraError (a one-line message naming the input). Any other exception would abort a whole ingest batch.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { billionLaughsFeed, deeplyNestedHtml, sampleDocx, threePagePdf } from '../../../test/ingest-fixtures.ts';
import { isKoraError } from '../../core/errors.ts';
import { READERS } from './index.ts';
import { DEFAULT_READ_OPTIONS } from './reader.ts';

/** Deterministic pseudo-random bytes (mulberry32), so a failure reproduces. */
function randomBytes(seed: number, length: number): Uint8Array {
  let state = seed;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** Flips one byte in every `stride` bytes: a damaged copy of a valid file. */
function damage(bytes: Uint8Array, stride: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  for (let i = stride; i < copy.length; i += stride) copy[i] = (copy[i] ?? 0) ^ 0xff;
  return copy;
}

const text = (s: string) => new TextEncoder().encode(s);

test('every reader either reads or throws a KoraError, for empty, random, truncated and damaged input', async () => {
  const pdf = await threePagePdf();
  const docx = await sampleDocx();
  const inputs: [string, Uint8Array][] = [
    ['empty', new Uint8Array()],
    ['random', randomBytes(1, 4096)],
    ['random text', text('hello <b>world & "more" ,,, {[')],
    ['truncated pdf', pdf.slice(0, pdf.length >> 1)],
    ['damaged pdf', damage(pdf, 97)],
    ['truncated docx', docx.slice(0, docx.length >> 1)],
    ['damaged docx', damage(docx, 89)],
    ['xml prolog only', text('<?xml version="1.0"?>')],
    ['unclosed json', text('{"text": "a')],
    ['csv quote', text('text\n"a')],
    ['truncated feed', text('<rss><channel><item><title>x</title><description>&lt;p&gt;cut')],
    ['billion laughs', text(billionLaughsFeed())],
    ['deep html', text(deeplyNestedHtml(5000))],
    ['deep xml', text(`<rss>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</rss>`)],
    ...[2, 3, 4].map((seed): [string, Uint8Array] => [`random ${seed}`, randomBytes(seed, 257 * seed)]),
  ];
  const broken: string[] = [];
  for (const reader of READERS) {
    for (const [name, bytes] of inputs) {
      const location = `in${reader.extensions[0]}`;
      try {
        const result = await reader.read({ location, bytes, options: DEFAULT_READ_OPTIONS });
        if (!Array.isArray(result.documents) || !Array.isArray(result.diagnostics))
          broken.push(`${reader.format}/${name}: bad result`);
      } catch (error) {
        if (!isKoraError(error)) broken.push(`${reader.format}/${name}: ${String(error)}`);
        else if (error.message.includes('\n') || !error.message.includes(location))
          broken.push(`${reader.format}/${name}: ${error.message}`);
      }
    }
  }
  assert.deepEqual(broken, []);
});
