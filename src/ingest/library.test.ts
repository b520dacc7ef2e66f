/**
 * Library-level ingest checks on a real SQLite store: cross-page furniture, near-duplicates, language and
 * dates, and worker-thread parsing giving the same library as in-process parsing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { jsonlInParts, TEST_PART_BYTES } from '../../test/ingest-fixtures.ts';
import { createError } from '../core/errors.ts';
import { search } from '../store/search.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { type IngestProgress, ingestPaths } from './index.ts';
import { splitLargeJsonl } from './workers/parts.ts';

const root = mkdtempSync(join(tmpdir(), 'kora-library-'));
after(() => rmSync(root, { recursive: true, force: true }));

const VOCABULARY = `minister harbour treaty council budget railway election farmers coast river border trade
delegation summit province energy pipeline grain drought reform parliament court tariff currency port envoy
ceasefire census fishery mining forest refinery corridor customs militia monsoon vaccine clinic school`.split(/\s+/);

/** Deterministic pseudo-prose (a linear congruential generator): distinct seeds share no 5-word runs. */
function prose(seed: number, sentences: number, marker: string): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const words = Array.from({ length: 9 + (next() % 8) }, () => VOCABULARY[next() % VOCABULARY.length]);
    if (i % 4 === 1) words.splice(3, 0, marker);
    out.push(`The ${words.join(' ')}.`);
  }
  // Paragraphs of four sentences.
  return out.map((s, i) => (i % 4 === 3 ? `${s}\n\n` : `${s} `)).join('');
}

const dir = (name: string) => {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
};

const open = (name: string) => {
  const store = new SqliteStore(join(root, `${name}.db`));
  after(() => store.close());
  return store;
};

const FURNITURE = {
  nav: 'Home · Topics · Zephyrine Institute · Regions · Experts',
  cookie:
    'This site stores small files on your device so that the Zephyrine pages load faster; you can change this later.',
  related: ['Quillbrook harbour talks explained', 'Why the Vexmoor tariff matters', 'Five questions on Quillbrook'],
  footer: 'Zephyrine Institute, 14 Vexmoor Lane. Independent analysis of regional affairs since 1998.',
};

function page(title: string, body: string): string {
  const paragraphs = body
    .split('\n\n')
    .filter((p) => p.trim())
    .map((p) => `<p>${p.trim()}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><title>${title}</title>
<meta property="article:published_time" content="2019-05-01T10:00:00Z"><meta name="author" content="R. Analyst"></head>
<body><div class="nav"><p>${FURNITURE.nav}</p></div>
<div class="banner"><p>${FURNITURE.cookie}</p></div>
<div class="article"><h1>${title}</h1>${paragraphs}
<h2>Related articles</h2><ul>${FURNITURE.related.map((r) => `<li><a href="/x">${r}</a></li>`).join('')}</ul>
<p>${FURNITURE.footer}</p></div>
<footer><p>${FURNITURE.footer}</p></footer></body></html>`;
}

test('paragraphs shared by pages of one site are furniture: never searched; each article’s own text is', async () => {
  const site = dir('site');
  const markers = ['Kestrelmoor', 'Ashenvale', 'Brindlecoast', 'Dunmarrow'];
  markers.slice(0, 3).forEach((marker, i) => {
    writeFileSync(join(site, `page-${i}.html`), page(`${marker} report`, prose(100 + i, 16, marker)));
  });
  const store = open('furniture');
  const first = await ingestPaths([site], store, { ...defaults(), workers: 1 });
  assert.deepEqual(first.failed, []);
  assert.equal(first.ingested, 3);
  for (const furniture of ['Zephyrine', 'Quillbrook', 'Vexmoor']) {
    assert.deepEqual((await search(store, furniture, { k: 10 })).hits, [], `"${furniture}" is furniture`);
  }
  for (const marker of markers.slice(0, 3)) {
    const hits = (await search(store, marker, { k: 10 })).hits;
    assert.ok(hits.length >= 3, `the article with "${marker}" is searchable`);
    assert.ok(hits.every((h) => h.title.startsWith(marker)));
  }
  // A later batch: the new page's footer is known from the stored pages.
  const later = dir('site-later');
  writeFileSync(join(later, 'page-3.html'), page('Dunmarrow report', prose(103, 16, 'Dunmarrow')));
  writeFileSync(join(site, 'page-3.html'), page('Dunmarrow report', prose(103, 16, 'Dunmarrow')));
  await ingestPaths([join(site, 'page-3.html')], store, { ...defaults(), workers: 1 });
  assert.deepEqual((await search(store, 'Zephyrine Vexmoor', { k: 10 })).hits, []);
  assert.ok((await search(store, 'Dunmarrow', { k: 10 })).hits.length >= 3);
});

test('a site seen one page per batch still gets its furniture flagged, in the earlier page too', async () => {
  const folder = dir('batches');
  const store = open('batches');
  const footer = 'Published by the Orrowind Review, Harlan Street, under an open licence for any reader.';
  for (const [i, marker] of ['Tamsworth', 'Ulverby'].entries()) {
    const path = join(folder, `note-${i}.md`);
    writeFileSync(path, `# ${marker} note\n\n${prose(200 + i, 12, marker)}${footer}\n`);
    await ingestPaths([path], store, { ...defaults(), workers: 1 });
  }
  assert.deepEqual((await search(store, 'Orrowind Harlan', { k: 10 })).hits, []);
  const sources = await store.listSources();
  for (const summary of sources) {
    const stored = await store.getSource(summary.id);
    const flagged = stored?.sentenceSpans.filter((s) => s.boilerplate).map((s) => stored.text.slice(s.start, s.end));
    assert.deepEqual(flagged, [footer], `${summary.location}: only the shared footer is flagged`);
  }
});

test('a near-copy (changed headline, added footer, other feed) is recorded as a duplicate and never searched', async () => {
  const body = prose(300, 24, 'Larkspurne');
  writeFileSync(join(dir('feed-a'), 'story.md'), `# Larkspurne port reopens\n\n${body}`);
  writeFileSync(
    join(dir('feed-b'), 'story.md'),
    `# Port of Larkspurne back in business after strike\n\n${body}This story was first published by the Coastal Ledger.\n`,
  );
  writeFileSync(join(dir('feed-b'), 'other.md'), `# Something else\n\n${prose(301, 24, 'Larkspurne')}`);
  const store = open('duplicates');
  const summary = await ingestPaths([join(root, 'feed-a'), join(root, 'feed-b')], store, { ...defaults(), workers: 1 });
  assert.equal(summary.ingested, 3);
  assert.equal(summary.duplicates, 1);
  const sources = await store.listSources();
  const canonical = sources.find((s) => s.location.endsWith(join('feed-a', 'story.md')));
  const copy = sources.find((s) => s.location.endsWith(join('feed-b', 'story.md')));
  assert.ok(canonical && copy);
  assert.equal(copy.duplicateOf, canonical.id, 'the first seen stays canonical');
  assert.equal(canonical.duplicateOf, undefined);
  assert.equal(sources.find((s) => s.location.endsWith('other.md'))?.duplicateOf, undefined);
  const hits = (await search(store, 'Larkspurne', { k: 50 })).hits;
  assert.ok(hits.length > 0);
  assert.ok(
    hits.every((h) => h.sourceId !== copy.id),
    'the copy is never searched',
  );
  // Re-ingesting changes nothing and keeps the record.
  const again = await ingestPaths([join(root, 'feed-a'), join(root, 'feed-b')], store, { ...defaults(), workers: 1 });
  assert.equal(again.unchanged, 3);
  assert.equal((await store.listSources()).find((s) => s.id === copy.id)?.duplicateOf, canonical.id);
});

test('language is guessed when there is enough text; title, author, date and url reach the store', async () => {
  const folder = dir('meta');
  writeFileSync(
    join(folder, 'records.jsonl'),
    [
      {
        id: 'en',
        title: 'English',
        author: 'A. Writer',
        date: '2019',
        url: 'https://example.org/en',
        text: ENGLISH,
      },
      {
        id: 'fr',
        title: 'Français',
        date: '2019-05-01T10:00:00Z',
        text: "L'Assemblée générale s'est réunie à New York pour débattre de la situation économique mondiale. Les délégations ont souligné l'importance de la coopération internationale et du développement durable. Le président a rappelé que la paix et la sécurité restent les priorités de l'organisation.",
      },
      { id: 'short', title: 'Short', date: '2020-01-02', text: 'Too short to tell.' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  const store = open('meta');
  await ingestPaths([folder], store, { ...defaults(), workers: 1 });
  const byId = new Map((await store.listSources()).map((s) => [s.location.split('#')[1], s]));
  assert.equal(byId.get('en')?.language, 'eng');
  assert.equal(byId.get('fr')?.language, 'fra');
  assert.equal(byId.get('short')?.language, undefined);
  assert.equal(byId.get('en')?.author, 'A. Writer');
  assert.equal(byId.get('en')?.url, 'https://example.org/en');
  assert.equal(byId.get('en')?.title, 'English');
});

test('--since/--until compare dates of any precision sensibly', async () => {
  const folder = dir('dates');
  const dates = { year: '2019', stamp: '2019-05-01T10:00:00Z', later: '2020-01-02', undated: undefined };
  writeFileSync(
    join(folder, 'dated.jsonl'),
    Object.entries(dates)
      .map(([id, date]) => JSON.stringify({ id, title: id, ...(date ? { date } : {}), text: `Quorvant ${id} noted.` }))
      .join('\n'),
  );
  const store = open('dates');
  await ingestPaths([folder], store, { ...defaults(), workers: 1 });
  const found = async (range: { since?: string; until?: string }) =>
    (await search(store, 'Quorvant', { k: 10, ...range })).hits.map((h) => h.title).sort();
  assert.deepEqual(await found({}), ['later', 'stamp', 'undated', 'year']);
  assert.deepEqual(await found({ since: '2019' }), ['later', 'stamp', 'year'], 'undated sources are excluded');
  assert.deepEqual(await found({ since: '2019-05-01' }), ['later', 'stamp', 'year'], '"2019" overlaps May 2019');
  assert.deepEqual(await found({ since: '2019-05-02' }), ['later', 'year']);
  assert.deepEqual(await found({ until: '2019-05-01' }), ['stamp', 'year'], 'a timestamp on the day is within it');
  assert.deepEqual(await found({ until: '2019-04-30' }), ['year']);
  assert.deepEqual(await found({ since: '2019-06', until: '2019-12-31' }), ['year']);
  assert.deepEqual(await found({ since: '2020-01-01T00:00:00Z' }), ['later']);
});

test('parsing on worker threads (with or without the calling thread) stores the same library as in-process', async () => {
  const folder = dir('threads');
  for (let i = 0; i < 6; i++) {
    writeFileSync(join(folder, `doc-${i}.md`), `# Document ${i}\n\n${prose(400 + i, 20, `Marker${i}`)}`);
  }
  writeFileSync(join(folder, 'copy.md'), `# Copy\n\n${prose(400, 20, 'Marker0')}`);
  writeFileSync(join(folder, 'broken.json'), '{ not json');
  const results = [];
  const runs = [{ workers: 1 }, { workers: 2 }, { workers: 2, keepCallerFree: true }, { workers: 3 }];
  for (const [i, threads] of runs.entries()) {
    const store = open(`threads-${i}`);
    const summary = await ingestPaths([folder], store, { ...defaults(), ...threads });
    const sources = await store.listSources();
    const hits = (await search(store, 'minister harbour Marker3', { k: 20 })).hits;
    results.push({ summary, sources, hits });
  }
  assert.equal(results[0]?.summary.failed.length, 1, 'the broken file is a failure, not a crash');
  assert.equal(results[0]?.summary.duplicates, 1);
  for (const result of results.slice(1)) assert.deepEqual(result, results[0]);
});

test('JSONL files parsed in line ranges, on 1 or 2 threads, store the library one parse of each file stores', async () => {
  const folder = dir('parts');
  const { text, badLines } = jsonlInParts();
  const big = join(folder, 'big.jsonl');
  const blank = join(folder, 'blank.jsonl');
  const invalid = join(folder, 'invalid.jsonl');
  const damaged = Buffer.from(text);
  damaged[damaged.length - 100] = 0xff; // in its last range
  const files: [string, string | Buffer][] = [
    [join(folder, 'a-notes.md'), `# Notes\n\n${prose(500, 12, 'Marker5')}`],
    [big, text],
    [blank, ' \n\n\t\n'.repeat(6000)],
    [invalid, damaged],
    [join(folder, 'z-notes.md'), `# More notes\n\n${prose(501, 12, 'Marker6')}`],
  ];
  for (const [path, content] of files) writeFileSync(path, content);
  const bytesTotal = files.reduce((sum, [, content]) => sum + Buffer.byteLength(content), 0);
  const planned = await splitLargeJsonl([{ path: big, size: Buffer.byteLength(text) }], TEST_PART_BYTES, MAX_BYTES);
  assert.ok(planned.length >= 5, 'big.jsonl is parsed as several ranges');

  const results = [];
  const runs = [{ workers: 1 }, { workers: 1 }, { workers: 2 }, { workers: 2, keepCallerFree: true }];
  for (const [i, threads] of runs.entries()) {
    // The first run parses each file whole: its JSONL files are smaller than the default range.
    const options = { ...defaults(), ...threads, ...(i > 0 ? { partBytes: TEST_PART_BYTES } : {}) };
    const store = open(`parts-${i}`);
    const progress: IngestProgress[] = [];
    const summary = await ingestPaths([folder], store, options, (p) => progress.push(p));
    // Progress only moves forward; a file in ranges counts once, at its last range.
    for (const [j, p] of progress.entries()) {
      const before = progress[j - 1];
      assert.ok(!before || (p.bytesDone > before.bytesDone && p.filesDone >= before.filesDone));
    }
    const sources = await store.listSources();
    const db = new Database(join(root, `parts-${i}.db`), { readonly: true });
    const stored = db.prepare('SELECT id FROM sources ORDER BY rowid').all(); // in the order they were stored
    db.close();
    const hits = (await search(store, 'minister harbour treaty', { k: 20 })).hits;
    const again = await ingestPaths([folder], store, options);
    results.push({ summary, sources, stored, hits, done: progress.at(-1), again });
  }
  const [whole] = results;
  assert.ok(whole);
  assert.deepEqual(
    whole.summary.failed.slice(0, 2).map((f) => f.path),
    badLines.map((line) => `${big}:${line}`),
    'bad lines named by their line in the whole file',
  );
  assert.deepEqual(
    whole.summary.failed.filter((f) => f.path === blank || f.path === invalid),
    [
      { path: blank, error: createError('EMPTY', blank).message },
      { path: invalid, error: createError('INVALID_UTF8', invalid).message },
    ],
  );
  assert.deepEqual(whole.done, {
    filesDone: 5,
    filesTotal: 5,
    bytesDone: bytesTotal,
    bytesTotal,
    sources: whole.summary.ingested,
  });
  assert.deepEqual([whole.again.unchanged, whole.again.failed], [whole.summary.ingested, whole.summary.failed]);
  for (const result of results.slice(1)) assert.deepEqual(result, whole);
});

const ENGLISH =
  'The General Assembly met in New York to discuss the state of the world economy. Delegations stressed the ' +
  'importance of international cooperation and sustainable development. The President recalled that peace and ' +
  'security remain the first priorities of the organization, and asked members to support the new agenda.';

const MAX_BYTES = 50 * 1024 * 1024;

function defaults() {
  return { textField: 'text', titleField: 'title', idField: 'id', maxBytes: MAX_BYTES };
}
