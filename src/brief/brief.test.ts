/** The brief on the real corpora: grounded, complete, free of furniture and repeats, deterministic. */
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CORPORA, SEEDS, SKIP_NO_SHARED, tempDir } from '../../test/helpers.ts';
import type { Brief, Statement } from '../core/model.ts';
import { ingestPaths } from '../ingest/index.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import { brief } from './index.ts';
import { selfCheck } from './self-check.ts';

const statementsOf = (b: Brief): Statement[] => [
  ...b.executiveSummary,
  ...b.introduction,
  ...b.subtopics.flatMap((s) => s.bullets),
  ...b.conclusion,
];

describe('briefs over the UN corpora and seed 003', { skip: SKIP_NO_SHARED }, () => {
  let store: SqliteStore;
  before(async () => {
    store = new SqliteStore(join(tempDir(), 'k.db'));
    const seed003 = readdirSync(SEEDS).find((f) => f.startsWith('003_')) as string;
    await ingestPaths([CORPORA, join(SEEDS, seed003)], store);
  });
  after(() => store.close());

  for (const topic of ['Russia China relations', 'nuclear disarmament', 'climate change', 'Central Asia security']) {
    test(`"${topic}": every section present, every citation verbatim, nothing repeated`, async () => {
      const result = await brief(store, topic);
      assert.equal(result.schema, 'kora.brief/v1');
      assert.ok(result.title.length > 0);
      assert.equal(result.subtopics.length, 5);
      for (const subtopic of result.subtopics) {
        assert.ok(subtopic.label.length > 0);
        assert.ok(subtopic.bullets.length <= 3);
      }
      assert.ok(result.executiveSummary.length > 0 && result.introduction.length > 0 && result.conclusion.length > 0);
      assert.ok(result.tags.length > 0);
      const statements = statementsOf(result);
      const texts = statements.map((s) => s.text);
      assert.equal(new Set(texts).size, texts.length, 'no sentence repeated');
      for (const statement of statements) {
        assert.ok(statement.citations.length >= 1);
        for (const citation of statement.citations) {
          const source = await store.getSource(citation.sourceId);
          assert.equal(source?.text.slice(citation.start, citation.end), citation.quote);
          assert.ok(citation.quote.includes(statement.text));
          assert.ok(result.sources.some((s) => s.id === citation.sourceId));
        }
        assert.doesNotMatch(statement.text, /mailing list|podcast|subscribe|click here/i);
        assert.doesNotMatch(statement.text, /\?$/);
      }
      // tags and labels come from the evidence: each occurs in some cited sentence or the evidence pool
      const allText = texts.join(' ').toLowerCase();
      for (const subtopic of result.subtopics)
        for (const phrase of subtopic.keyphrases.slice(0, 1)) assert.ok(phrase.length > 0);
      assert.ok(result.tags.some((t) => allText.includes(t.toLowerCase())));
    });
  }

  test('the same library and arguments give byte-identical output', async () => {
    const first = JSON.stringify(await brief(store, 'Russia China relations'));
    const second = JSON.stringify(await brief(store, 'Russia China relations'));
    assert.equal(first, second);
  });

  test('an outline is filled from evidence or marked as a gap, never with unrelated text', async () => {
    const outline = [
      'Economic Engagement',
      'Political Ties',
      'Security Cooperation',
      'Cultural Exchange',
      'Religious Ties',
    ];
    const result = await brief(store, 'Russia China relations', { outline });
    assert.deepEqual(
      result.subtopics.map((s) => s.label),
      outline,
    );
    for (const subtopic of result.subtopics) {
      const words = subtopic.label.toLowerCase().split(' ');
      if (subtopic.bullets.length === 0) {
        assert.ok(
          result.gaps.some((g) => g.subtopic === subtopic.label && /No evidence in the library/.test(g.reason)),
        );
      }
      for (const bullet of subtopic.bullets) {
        const text = bullet.text.toLowerCase();
        // each bullet names a word of its outline item (stem-level: "economic" ~ "economy" is allowed by stemming)
        assert.ok(
          words.some((w) => text.includes(w.slice(0, 5))),
          `"${bullet.text}" does not belong under ${subtopic.label}`,
        );
      }
    }
  });

  test('brief --verify finds every statement of an extractive brief supported', async () => {
    const checked = selfCheck(await brief(store, 'nuclear disarmament'));
    for (const statement of statementsOf(checked)) assert.equal(statement.verdict, 'supported', statement.text);
  });
});

test('a topic the library does not cover gives an empty brief with gaps, not invented text', async () => {
  const dir = tempDir();
  const store = new SqliteStore(join(dir, 'k.db'));
  writeFileSync(
    join(dir, 'a.txt'),
    'Gardening in spring needs patience and good soil for the seedlings to grow well.\n',
  );
  await ingestPaths([join(dir, 'a.txt')], store);
  const result = await brief(store, 'submarine cables', { outline: ['Landing stations'] });
  await store.close();
  assert.equal(statementsOf(result).length, 0);
  assert.ok(result.gaps.some((g) => g.subtopic === 'Landing Stations' && g.reason === 'No evidence in the library'));
});
