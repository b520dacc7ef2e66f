/**
 * The Store contract: one suite that every implementation runs in one line (hono's router `common.case.test.ts`
 * pattern). It pins the behaviour the stages rely on — outcomes of putSource, exact offsets, ranking order, tie
 * order, date filters, duplicates and boilerplate hidden from search — so SQLite and PostgreSQL agree.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SourceId } from '../core/ids.ts';
import type { RawDocument, SegmentedSource } from '../core/model.ts';
import { terms } from '../core/text.ts';
import { prepareSource } from '../ingest/prepare.ts';
import type { Store } from './store.ts';

/** A fresh, empty store and a way to dispose of it. */
export interface StoreFixture {
  readonly store: Store;
  cleanup(): Promise<void>;
}

/** A source as the ingest stage would store it: `source('a.txt', 'Title', 'Text.')`. */
export function source(
  location: string,
  title: string,
  text: string,
  extra: Partial<RawDocument> = {},
): SegmentedSource {
  return prepareSource({ location, title, text, format: 'text', ...extra });
}

// Sentences that never mention the query words, so that query terms are rare enough for a positive IDF.
const FILLER = Array.from(
  { length: 12 },
  (_, i) => `Filler sentence number ${i} talks about harbours, bridges and railway timetables.`,
).join(' ');

const LIBRARY = {
  glaciers: source(
    'notes/glaciers.txt',
    'Glaciers of the north',
    'Glaciers retreat. Glaciers glaciers everywhere. The weather report mentions glaciers briefly among many other unrelated words today.',
    { date: '2020-05-01', author: 'A. Author' },
  ),
  volcanoes: source(
    'notes/volcanoes.txt',
    'Volcanoes',
    'Volcano erupted near the glacier.\n\nSubscribe to our newsletter for volcano news.',
    { date: '2021-03-15T10:00:00Z' },
  ),
  filler: source('notes/filler.txt', 'Filler', FILLER),
  body: source('notes/body.txt', 'Harbour notes', 'A volcano is mentioned once in this body among harbours.'),
};

/** Stores every source of LIBRARY; returns the store for chaining. */
async function load(store: Store): Promise<Store> {
  for (const s of Object.values(LIBRARY)) await store.putSource(s);
  return store;
}

const q = (text: string) => terms(text);

/** Runs the Store contract against `makeStore`, each test on a fresh store. */
export function storeContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  const withStore = (title: string, body: (store: Store) => Promise<void>) =>
    test(title, async () => {
      const fixture = await makeStore();
      try {
        await body(fixture.store);
      } finally {
        await fixture.cleanup();
      }
    });

  describe(`Store contract: ${name}`, () => {
    withStore('putSource reports ingested, unchanged, then updated', async (store) => {
      const first = LIBRARY.glaciers;
      assert.equal(await store.putSource(first), 'ingested');
      assert.equal(await store.putSource(first), 'unchanged');
      const changed = source(first.location, first.title, 'Glaciers melt into moraines.');
      assert.equal(changed.id, first.id, 'same location, same id');
      assert.equal(await store.putSource(changed), 'updated');
      assert.deepEqual(await store.stats(), { sources: 1, sentences: 1 });
      // The old version's sentences are gone from the index; the new ones are searchable.
      assert.equal((await store.searchSentences({ terms: q('retreat'), limit: 5 })).length, 0);
      const hits = await store.searchSentences({ terms: q('moraines'), limit: 5 });
      assert.deepEqual(
        hits.map((h) => h.text),
        ['Glaciers melt into moraines.'],
      );
    });

    withStore('getSource returns the text, spans and metadata exactly as stored', async (store) => {
      await load(store);
      const stored = await store.getSource(LIBRARY.volcanoes.id);
      assert.ok(stored);
      assert.equal(stored.text, LIBRARY.volcanoes.text);
      assert.deepEqual(stored.passages, LIBRARY.volcanoes.passages);
      assert.deepEqual(stored.sentenceSpans, LIBRARY.volcanoes.sentences);
      assert.equal(
        stored.text.slice(stored.sentenceSpans[1]?.start, stored.sentenceSpans[1]?.end),
        'Subscribe to our newsletter for volcano news.',
      );
      assert.equal(stored.sentenceSpans[1]?.boilerplate, true);
      assert.equal(stored.date, '2021-03-15T10:00:00Z');
      assert.equal(stored.characters, LIBRARY.volcanoes.text.length);
      assert.equal(stored.hash, LIBRARY.volcanoes.hash);
      assert.equal(stored.author, undefined);
      assert.equal((await store.getSource(LIBRARY.glaciers.id))?.author, 'A. Author');
      assert.equal(await store.getSource('nope' as SourceId), undefined);
    });

    withStore('listSources lists every source by location, with its summary', async (store) => {
      await load(store);
      const list = await store.listSources();
      assert.deepEqual(
        list.map((s) => s.location),
        ['notes/body.txt', 'notes/filler.txt', 'notes/glaciers.txt', 'notes/volcanoes.txt'],
      );
      const glaciers = list.find((s) => s.id === LIBRARY.glaciers.id);
      assert.deepEqual(glaciers, {
        id: LIBRARY.glaciers.id,
        location: 'notes/glaciers.txt',
        title: 'Glaciers of the north',
        format: 'text',
        hash: LIBRARY.glaciers.hash,
        sentences: 3,
        characters: LIBRARY.glaciers.text.length,
        date: '2020-05-01',
        author: 'A. Author',
      });
    });

    withStore('removeSource deletes a source and its sentences from search', async (store) => {
      await load(store);
      assert.equal(await store.removeSource(LIBRARY.glaciers.id), true);
      assert.equal(await store.removeSource(LIBRARY.glaciers.id), false);
      assert.equal(await store.getSource(LIBRARY.glaciers.id), undefined);
      const hits = await store.searchSentences({ terms: q('glaciers'), limit: 10 });
      assert.deepEqual(
        hits.map((h) => h.sourceId),
        [LIBRARY.volcanoes.id],
      );
      assert.deepEqual(await store.stats(), { sources: 3, sentences: 2 + 12 + 1 });
    });

    withStore('markDuplicate keeps a source listed but hides it from every search', async (store) => {
      await load(store);
      const copy = source('notes/copy.txt', 'Volcanoes copy', 'Volcano erupted near the glacier.');
      await store.putSource(copy);
      assert.equal((await store.sentenceFrequencies(q('erupted'))).get('erupt'), 2);
      await store.markDuplicate(copy.id, LIBRARY.volcanoes.id);
      const hits = await store.searchSentences({ terms: q('erupted'), limit: 10 });
      assert.deepEqual(
        hits.map((h) => h.sourceId),
        [LIBRARY.volcanoes.id],
      );
      const sources = await store.searchSources({ terms: q('volcanoes copy'), limit: 10 });
      assert.ok(!sources.some((h) => h.sourceId === copy.id));
      assert.equal((await store.sentenceFrequencies(q('erupted'))).get('erupt'), 1);
      const listed = (await store.listSources()).find((s) => s.id === copy.id);
      assert.equal(listed?.duplicateOf, LIBRARY.volcanoes.id);
    });

    withStore('searchSentences ranks by BM25 and returns exact offsets', async (store) => {
      await load(store);
      const hits = await store.searchSentences({ terms: q('glaciers'), limit: 10 });
      assert.deepEqual(
        hits.map((h) => h.text),
        [
          // two occurrences in a short sentence: highest term frequency wins
          'Glaciers glaciers everywhere.',
          // one occurrence, two terms long
          'Glaciers retreat.',
          // one occurrence, four terms long
          'Volcano erupted near the glacier.',
          // one occurrence in a long sentence: length normalisation pushes it last
          'The weather report mentions glaciers briefly among many other unrelated words today.',
        ],
      );
      for (const hit of hits) {
        const stored = await store.getSource(hit.sourceId);
        assert.equal(stored?.text.slice(hit.start, hit.end), hit.text);
        assert.equal(stored?.title, hit.title);
      }
      assert.ok(hits.every((h, i) => i === 0 || (hits[i - 1]?.score ?? 0) > h.score));
      assert.equal(hits[0]?.date, '2020-05-01');
      assert.equal(hits[0]?.kind, 'sentence');
      // The sentence with both query terms beats every sentence with one.
      const both = await store.searchSentences({ terms: q('volcano glacier'), limit: 2 });
      assert.equal(both[0]?.text, 'Volcano erupted near the glacier.');
      assert.equal(both.length, 2);
    });

    withStore('searchSentences never returns boilerplate and ignores empty queries', async (store) => {
      await load(store);
      assert.deepEqual(await store.searchSentences({ terms: q('newsletter'), limit: 5 }), []);
      assert.deepEqual(await store.searchSentences({ terms: [], limit: 5 }), []);
      assert.deepEqual(await store.searchSentences({ terms: q('unheardof'), limit: 5 }), []);
    });

    withStore('equal scores are ordered by source id, then offset', async (store) => {
      await load(store);
      const twins = ['x', 'y', 'z'].map((n) =>
        source(`twins/${n}.txt`, 'Twin', 'Identical twin sentence. Identical twin sentence.'),
      );
      for (const s of twins) await store.putSource(s);
      const hits = await store.searchSentences({ terms: q('identical twin'), limit: 10 });
      assert.equal(hits.length, 6);
      assert.ok(hits.every((h) => h.score === hits[0]?.score));
      const expected = twins
        .map((s) => s.id as string)
        .sort()
        .flatMap((id) => [`${id}@0`, `${id}@25`]);
      assert.deepEqual(
        hits.map((h) => `${h.sourceId}@${h.start}`),
        expected,
      );
    });

    withStore('date filters keep sources dated in range and drop undated ones', async (store) => {
      await load(store);
      const ids = async (since?: string, until?: string) =>
        (
          await store.searchSentences({
            terms: q('glacier volcano'),
            limit: 20,
            ...(since ? { since } : {}),
            ...(until ? { until } : {}),
          })
        ).map((h) => h.sourceId);
      assert.deepEqual(new Set(await ids('2021-01-01')), new Set([LIBRARY.volcanoes.id]));
      assert.deepEqual(new Set(await ids(undefined, '2020')), new Set([LIBRARY.glaciers.id]));
      // `until` compares the date's prefix, so a timestamp on the until day is kept
      assert.deepEqual(
        new Set(await ids(undefined, '2021-03-15')),
        new Set([LIBRARY.glaciers.id, LIBRARY.volcanoes.id]),
      );
      assert.deepEqual(await ids('2022-01-01'), []);
      assert.deepEqual(new Set(await ids()), new Set([LIBRARY.glaciers.id, LIBRARY.volcanoes.id, LIBRARY.body.id]));
      const sources = await store.searchSources({ terms: q('volcano'), limit: 10, since: '2021-01-01' });
      assert.deepEqual(
        sources.map((s) => s.sourceId),
        [LIBRARY.volcanoes.id],
      );
    });

    withStore('searchSources weights title words above body words', async (store) => {
      await load(store);
      const hits = await store.searchSources({ terms: q('volcanoes'), limit: 10 });
      assert.deepEqual(
        hits.map((h) => h.sourceId),
        // "Volcanoes" is the title (and in the body once): first; "body" mentions it once in its body only.
        [LIBRARY.volcanoes.id, LIBRARY.body.id],
      );
      assert.ok((hits[0]?.score ?? 0) > (hits[1]?.score ?? 0));
      assert.equal(hits[0]?.title, 'Volcanoes');
      const limited = await store.searchSources({ terms: q('volcanoes glaciers'), limit: 1 });
      assert.equal(limited.length, 1);
      assert.deepEqual(await store.searchSources({ terms: [], limit: 3 }), []);
    });

    withStore('sentenceFrequencies counts searchable sentences per term', async (store) => {
      await load(store);
      const df = await store.sentenceFrequencies(['glacier', 'volcano', 'newslett', 'absent', 'glacier']);
      // volcano: "Volcano erupted…" and the body note; the boilerplate newsletter line is not searchable
      assert.deepEqual([...df.entries()].sort(), [
        ['absent', 0],
        ['glacier', 4],
        ['newslett', 0],
        ['volcano', 2],
      ]);
    });

    withStore('markBoilerplate hides a passage from sentence and source search, idempotently', async (store) => {
      await load(store);
      const glaciers = LIBRARY.glaciers;
      // One passage holds all three glacier sentences; flag it and the source has nothing searchable left.
      await store.markBoilerplate(glaciers.id, [0]);
      await store.markBoilerplate(glaciers.id, [0]);
      const stored = await store.getSource(glaciers.id);
      assert.ok(stored?.sentenceSpans.every((s) => s.boilerplate));
      const hits = await store.searchSentences({ terms: q('glaciers'), limit: 10 });
      assert.deepEqual(
        hits.map((h) => h.sourceId),
        [LIBRARY.volcanoes.id],
      );
      assert.equal((await store.sentenceFrequencies(['glacier'])).get('glacier'), 1);
      // The title stays searchable at source level; the body no longer counts.
      const sources = await store.searchSources({ terms: q('everywhere'), limit: 10 });
      assert.deepEqual(sources, []);
      const byTitle = await store.searchSources({ terms: q('north'), limit: 10 });
      assert.deepEqual(
        byTitle.map((h) => h.sourceId),
        [glaciers.id],
      );
      assert.deepEqual(await store.stats(), { sources: 4, sentences: 3 + 2 + 12 + 1 });
    });

    withStore('fingerprints are replaced per kind, found by key, and go with their source', async (store) => {
      await load(store);
      const [a, b] = [LIBRARY.glaciers.id, LIBRARY.volcanoes.id].sort() as [SourceId, SourceId];
      await store.putFingerprints(a, 'band', [
        { key: 'k1', pos: 0 },
        { key: 'k2', pos: 1 },
      ]);
      await store.putFingerprints(b, 'band', [{ key: 'k1', pos: 3 }]);
      await store.putFingerprints(b, 'paragraph', [{ key: 'k1', pos: 0 }]);
      assert.deepEqual(await store.findFingerprints('band', ['k1', 'k2', 'k9']), [
        { sourceId: a, key: 'k1', pos: 0 },
        { sourceId: a, key: 'k2', pos: 1 },
        { sourceId: b, key: 'k1', pos: 3 },
      ]);
      await store.putFingerprints(a, 'band', [{ key: 'k3', pos: 2 }]);
      assert.deepEqual(await store.findFingerprints('band', ['k1', 'k2']), [{ sourceId: b, key: 'k1', pos: 3 }]);
      await store.removeSource(b);
      assert.deepEqual(await store.findFingerprints('band', ['k1']), []);
      assert.deepEqual(await store.findFingerprints('paragraph', ['k1']), []);
      assert.deepEqual(await store.findFingerprints('band', []), []);
    });

    withStore('stats counts sources and all their sentences', async (store) => {
      assert.deepEqual(await store.stats(), { sources: 0, sentences: 0 });
      await load(store);
      assert.deepEqual(await store.stats(), { sources: 4, sentences: 3 + 2 + 12 + 1 });
    });
  });
}
