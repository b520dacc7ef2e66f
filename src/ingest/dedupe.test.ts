import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bandFingerprints,
  jaccard,
  minhash,
  nearDuplicateFingerprints,
  paragraphFingerprints,
  passageWords,
  shingleHashes,
  siteOf,
} from './dedupe.ts';

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
const ARTICLE = Array.from(
  { length: 40 },
  (_, i) => `sentence ${i} about the harbour dispute and the treaty signed in spring number ${i * 7}`,
).join(' ');

test('the site is the URL host, else the record file, else the folder', () => {
  assert.equal(siteOf({ location: 'https://www.example.org/a/b.html' }), 'host:example.org');
  assert.equal(siteOf({ location: 'feed.xml#item-3', url: 'https://news.example.org/x' }), 'host:news.example.org');
  assert.equal(siteOf({ location: 'feeds/think.xml#item-3' }), 'file:feeds/think.xml');
  assert.equal(siteOf({ location: 'pages/one.html' }), 'dir:pages');
});

test('paragraph keys ignore case, punctuation and spacing, and depend on the site', () => {
  const text = 'Footer line.\n\nBody text.\n\nfooter   LINE';
  const sentences = [
    { start: 0, end: 12, passage: 0 },
    { start: 14, end: 24, passage: 1 },
    { start: 26, end: 39, passage: 2 },
  ].map((s) => ({ ...s, kind: 'sentence' as const, boilerplate: false }));
  const words = passageWords(text, sentences, () => false);
  assert.deepEqual(words.get(2), ['footer', 'line']);
  const prints = paragraphFingerprints('dir:a', words);
  assert.equal(prints.length, 3);
  assert.equal(prints[0]?.key, prints[2]?.key, 'the same paragraph twice has one key');
  assert.notEqual(paragraphFingerprints('dir:b', words)[0]?.key, prints[0]?.key);
});

test('MinHash bands are deterministic, equal for equal sets, and empty for no text', () => {
  const a = nearDuplicateFingerprints([words(ARTICLE)]);
  assert.equal(a.length, 20);
  assert.deepEqual(nearDuplicateFingerprints([words(ARTICLE)]), a);
  assert.deepEqual(bandFingerprints(minhash(new Set())), []);
});

test('a near-copy (new headline, added footer) shares bands and passes the Jaccard threshold; a different text does not', () => {
  const original = shingleHashes([words('Harbour dispute deepens'), words(ARTICLE)]);
  const copy = shingleHashes([
    words('Treaty talks stall as harbour row grows'),
    words(ARTICLE),
    words('This story first appeared in the Evening Courier'),
  ]);
  const other = shingleHashes([
    words(
      Array.from({ length: 40 }, (_, i) => `the railway strike entered week ${i} as unions met ministers`).join(' '),
    ),
  ]);
  assert.ok(jaccard(original, copy) >= 0.7, `similarity ${jaccard(original, copy)}`);
  assert.ok(jaccard(original, other) < 0.3, `similarity ${jaccard(original, other)}`);
  const bandsOf = (s: Set<number>) => new Set(bandFingerprints(minhash(s)).map((f) => f.key));
  const shared = [...bandsOf(original)].filter((k) => bandsOf(copy).has(k));
  assert.ok(shared.length > 0, 'a near-copy is found as an LSH candidate');
});
