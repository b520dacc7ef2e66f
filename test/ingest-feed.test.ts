/**
 * Done-when check for feeds (issue 5): a feed built from seed 003's abstracts, each item carrying the site's
 * footer, ingests as one source per item with dates and links, re-ingests idempotently, and the footer's
 * sentences are never search hits.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_INGEST_OPTIONS, ingestPaths } from '../src/ingest/index.ts';
import { search } from '../src/store/search.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const SEED = join(import.meta.dirname, 'fixtures/ingest-seed003/abstracts.txt');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let dir: string;
let footer: string;
let abstracts: string[];

/** RSS 2.0 with one item per abstract, the footer appended as its own paragraph, dated one day apart. */
function feedOf(items: readonly string[]): string {
  const entries = items.map((abstract, i) => {
    const html = `<p>${abstract}</p><p>${footer}</p>`;
    const date = new Date(Date.UTC(2020, 8, 1 + i)).toUTCString();
    return `<item><title>Abstract ${i + 1}</title><link>https://carnegie.example/a/${i + 1}</link>
<guid>https://carnegie.example/a/${i + 1}</guid><pubDate>${date}</pubDate>
<description>${escapeXml(html)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Carnegie</title>
<link>https://carnegie.example/</link>${entries.join('\n')}</channel></rss>`;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kora-feed-'));
  const lines = (await readFile(SEED, 'utf8')).split('\n').filter((l) => l.trim());
  footer = lines.find((l) => l.startsWith('In an increasingly crowded')) ?? assert.fail('seed 003 has no footer');
  abstracts = lines.filter((l) => l !== footer);
});

after(() => rm(dir, { recursive: true, force: true }));

test('seed 003 feed: one source per item with dates and links; the footer is never a search hit', async () => {
  const path = join(dir, 'carnegie.rss');
  await writeFile(path, feedOf(abstracts));
  const store = new SqliteStore(join(dir, 'library.db'));
  try {
    const summary = await ingestPaths([path], store, DEFAULT_INGEST_OPTIONS);
    assert.deepEqual(summary.failed, []);
    assert.equal(summary.ingested, abstracts.length);
    const sources = (await store.listSources()).sort((a, b) => a.location.localeCompare(b.location));
    assert.equal(sources.length, abstracts.length);
    for (const source of sources) {
      const n = Number(/\/a\/(\d+)$/.exec(source.location)?.[1]);
      assert.equal(source.location, `${path}#https://carnegie.example/a/${n}`);
      assert.equal(source.url, `https://carnegie.example/a/${n}`);
      assert.equal(source.date, `2020-09-${String(n).padStart(2, '0')}T00:00:00Z`);
      assert.equal(source.format, 'feed');
      const stored = await store.getSource(source.id);
      assert.ok(stored?.text.startsWith(abstracts[n - 1] ?? '?'), `item ${n} text`);
      assert.ok(stored?.text.endsWith(footer), `item ${n} keeps the footer in its stored text`);
    }
    for (const query of [
      'mailing list',
      'join our network of scholars',
      'crowded chaotic contested marketplace of ideas',
    ]) {
      const { hits } = await search(store, query, { k: 50 });
      for (const hit of hits) {
        assert.ok(!footer.includes(hit.text), `footer sentence returned for "${query}": ${hit.text}`);
      }
    }
    // the abstracts themselves are searchable
    const { hits } = await search(store, 'Pax Sinica', { k: 5 });
    assert.match(hits[0]?.text ?? '', /Pax Sinica/);
  } finally {
    await store.close();
  }
});

test('re-ingesting the feed skips known items and adds new ones', async () => {
  const path = join(dir, 'again.rss');
  const store = new SqliteStore(join(dir, 'again.db'));
  try {
    await writeFile(path, feedOf(abstracts.slice(0, 5)));
    assert.equal((await ingestPaths([path], store, DEFAULT_INGEST_OPTIONS)).ingested, 5);
    await writeFile(path, feedOf(abstracts));
    const second = await ingestPaths([path], store, DEFAULT_INGEST_OPTIONS);
    assert.equal(second.unchanged, 5);
    assert.equal(second.ingested, abstracts.length - 5);
  } finally {
    await store.close();
  }
});
