/**
 * End-to-end verification against a real library: the UN General Debate corpora and seed 003, ingested once
 * into a SQLite file in a temp folder (a few seconds).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brief } from '../brief/index.ts';
import { ingestPaths } from '../ingest/index.ts';
import { renderBriefMarkdown } from '../render/brief-markdown.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { splitClaims } from './claims.ts';
import { verify } from './index.ts';

const SHARED = new URL('../../../shared/', import.meta.url).pathname;
const CORPORA = join(SHARED, 'data', 'corpora');
const SEEDS = join(SHARED, 'seeds');
const seedFile = (prefix: string): string | undefined => {
  const name = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith(prefix)) : undefined;
  return name ? join(SEEDS, name) : undefined;
};
const SEED_000 = seedFile('000_');
const SEED_003 = seedFile('003_');
const skip = existsSync(CORPORA) && SEED_000 && SEED_003 ? false : `../shared/data/corpora or ../shared/seeds absent`;

let dir = '';
let store: SqliteStore;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'kora-verify-'));
  store = new SqliteStore(join(dir, 'library.db'));
  const summary = await ingestPaths([CORPORA, SEED_003 ?? ''], store);
  assert.equal(summary.failed.length, 0);
});

after(async () => {
  if (skip) return;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Countries a mutation swaps in; each must be absent from the sentence it goes into. */
const COUNTRIES = ['China', 'Russia', 'India', 'Japan', 'Ukraine', 'Kazakhstan', 'Mongolia', 'Belarus', 'Iraq'];
const SWAPS = ['Brazil', 'Peru', 'Norway'];
const WORDS = { min: 12, max: 40 }; // sentence length range for picked sentences (words)

/** One plain sentence per source from `count` sources spread over the library, filtered by `accept`. */
async function pickSentences(count: number, accept: (s: string) => boolean): Promise<string[]> {
  const sources = await store.listSources();
  const picked: string[] = [];
  const step = Math.max(1, Math.floor(sources.length / (count * 2)));
  for (let i = 0; i < sources.length && picked.length < count; i += step) {
    const source = await store.getSource(sources[i]!.id);
    if (!source) continue;
    const sentence = source.sentenceSpans
      .filter((s) => s.kind === 'sentence' && !s.boilerplate)
      .map((s) => source.text.slice(s.start, s.end))
      .find((text) => {
        const words = text.split(/\s+/).length;
        if (words < WORDS.min || words > WORDS.max || !/^[A-Z][^"“”]*\.$/.test(text)) return false;
        const claims = splitClaims(text);
        return claims.length === 1 && claims[0]?.text === text && !picked.includes(text) && accept(text);
      });
    if (sentence) picked.push(sentence);
  }
  return picked;
}

/** Changes one fact: the first number goes up by 3, else the first country becomes one it does not name. */
function mutate(sentence: string): string {
  const number = /\b\d+\b/.exec(sentence);
  if (number) {
    const changed = String(Number(number[0]) + 3);
    return sentence.slice(0, number.index) + changed + sentence.slice(number.index + number[0].length);
  }
  const country = COUNTRIES.find((c) => new RegExp(`\\b${c}\\b`).test(sentence))!;
  const swap = SWAPS.find((c) => !sentence.includes(c))!;
  return sentence.replace(new RegExp(`\\b${country}\\b`), swap);
}

test('seed 000: at least 90% of its claims are not supported, and no heading or tag is a claim', { skip }, async () => {
  const draft = readFileSync(SEED_000 ?? '', 'utf8');
  const report = await verify(store, draft);
  const notSupported = report.summary.contradicted + report.summary.unsupported;
  const share = notSupported / report.claims.length;
  process.stdout.write(`# seed 000: ${notSupported}/${report.claims.length} not supported (${share.toFixed(3)})\n`);
  assert.ok(report.claims.length >= 20, `expected the 24 claims of seed 000, got ${report.claims.length}`);
  assert.ok(share >= 0.9, `only ${(share * 100).toFixed(0)}% not supported`);
  for (const heading of ['Executive Summary', 'Introduction', 'Economic Engagement', 'Keyword Phrase Tags']) {
    assert.ok(!report.claims.some((c) => c.text.includes(heading)), heading);
  }
  assert.ok(!report.claims.some((c) => /^(Russia Tibet relations|Political ties|Cultural exchange)$/.test(c.text)));
});

test('control: sentences copied verbatim from 10 sources are supported, none contradicted', { skip }, async () => {
  const sentences = await pickSentences(10, () => true);
  assert.equal(sentences.length, 10);
  const report = await verify(store, sentences.join('\n\n'));
  process.stdout.write(`# control: ${JSON.stringify(report.summary)}\n`);
  assert.equal(report.claims.length, 10);
  assert.ok(report.summary.supported >= 9, JSON.stringify(report.summary));
  assert.equal(report.summary.contradicted, 0);
  // every quote is verbatim stored text at its offsets
  for (const claim of report.claims) {
    for (const citation of claim.evidence) {
      const source = await store.getSource(citation.sourceId);
      assert.equal(source?.text.slice(citation.start, citation.end), citation.quote);
    }
    if (claim.label === 'supported') assert.ok(claim.evidence[0]?.quote.includes(claim.text.slice(0, 20)));
  }
});

test('mutated: one number, year or country changed is never supported', { skip }, async () => {
  const numbers = await pickSentences(6, (s) => /\b\d+\b/.test(s));
  const countries = await pickSentences(
    6,
    (s) => !/\d/.test(s) && COUNTRIES.some((c) => new RegExp(`\\b${c}\\b`).test(s.slice(1))),
  );
  const mutated = [...numbers, ...countries].map(mutate);
  const report = await verify(store, mutated.join('\n\n'));
  process.stdout.write(`# mutated (${mutated.length}): ${JSON.stringify(report.summary)}\n`);
  assert.equal(report.claims.length, mutated.length);
  assert.equal(report.summary.supported, 0, report.claims.find((c) => c.label === 'supported')?.text);
  // A changed number still finds its original: it is quoted, as the contradiction or the closest sentence.
  numbers.forEach((original, i) => {
    const quotes = report.claims[i]?.evidence.map((e) => e.quote) ?? [];
    assert.ok(
      quotes.some((q) => q.includes(original)),
      `"${mutated[i]}" should quote "${original}"`,
    );
  });
});

test('the report is deterministic and follows kora.verify/v1; date filters pass through', { skip }, async () => {
  const draft = 'China joined the World Trade Organization. Russia and China signed a treaty of good-neighbourliness.';
  const first = await verify(store, draft);
  const second = await verify(store, draft);
  assert.deepEqual(JSON.stringify(first), JSON.stringify(second));
  assert.equal(first.schema, 'kora.verify/v1');
  assert.deepEqual(Object.keys(first.summary).sort(), ['contradicted', 'supported', 'unsupported']);
  assert.ok(first.claims.every((c) => c.evidence.length <= 3 && draft.slice(c.start, c.end) === c.text));
  const future = await verify(store, draft, { since: '2100' });
  assert.ok(future.claims.every((c) => c.label === 'unsupported' && c.evidence.length === 0));
});

test('round trip: every statement of a Kora brief, rendered as Markdown, verifies as supported', { skip }, async () => {
  const markdown = renderBriefMarkdown(await brief(store, 'Russia China relations'));
  const report = await verify(store, markdown);
  process.stdout.write(`# brief round trip: ${JSON.stringify(report.summary)}\n`);
  assert.ok(report.claims.length >= 10, `only ${report.claims.length} claims found in the brief`);
  assert.equal(
    report.summary.supported,
    report.claims.length,
    report.claims.find((c) => c.label !== 'supported')?.text,
  );
});

test('an unsaid number is no contradiction; a quoted fragment and a paraphrase with an adjective are supported', {
  skip,
}, async () => {
  const draft = [
    // the 1946 speech thanks the United States but never writes "1946": unsupported, never contradicted
    'In 1946, the Chinese delegation thanked the United States for its hospitality to the United Nations.',
    // a clause of a 2002 Mongolian speech, verbatim
    'Mongolia declared itself a nuclear-weapon-free zone.',
    // "Chinese" is found as "Chinese" or "China": the name constraint knows the adjective
    'The Chinese delegation expressed deep appreciation of the hospitality of the United States of America.',
  ].join('\n\n');
  const report = await verify(store, draft);
  assert.notEqual(report.claims[0]?.label, 'contradicted');
  assert.ok(report.claims[0]?.evidence.some((e) => e.quote.includes('the Chinese delegation’s deep appreciation')));
  assert.equal(report.claims[1]?.label, 'supported');
  assert.equal(report.claims[2]?.label, 'supported');
});
