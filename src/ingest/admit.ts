/**
 * Admits a prepared source into the library, applying the two library-level checks of dedupe.ts against
 * everything stored before it (earlier batches and earlier sources of this batch alike, so one rule serves both):
 *
 * 1. Near-duplicates: a source whose content is a near-copy of a stored canonical source is stored, then
 *    recorded with `markDuplicate` — listed, never searched or cited. The first-seen source stays canonical,
 *    so citations to it never move; ties between candidates go to the most similar, then the smallest id.
 * 2. Cross-page furniture: a paragraph already stored for another source of the same site is flagged
 *    boilerplate here, and — the first time it repeats — in that other source too.
 *
 * Duplicates keep no fingerprints, so a copy never makes its original's paragraphs look like furniture.
 */
import type { SourceId } from '../core/ids.ts';
import type { SegmentedSource, SentenceSpan } from '../core/model.ts';
import type { FingerprintMatch, PutOutcome, Store } from '../store/store.ts';
import {
  contentWordsExcluding,
  DEFAULT_DEDUPE_OPTIONS,
  type DedupeOptions,
  jaccard,
  nearDuplicateFingerprints,
  shingleHashes,
} from './dedupe.ts';
import type { PreparedSource } from './workers/parse-file.ts';

export interface AdmitResult {
  readonly outcome: PutOutcome;
  /** Set when the source was recorded as a near-copy of this canonical source. */
  readonly duplicateOf?: SourceId;
  /** Passages of this source flagged as cross-page furniture. */
  readonly furniturePassages: number;
}

const byKey = (matches: readonly FingerprintMatch[]): Map<string, FingerprintMatch[]> => {
  const out = new Map<string, FingerprintMatch[]>();
  for (const match of matches) out.set(match.key, [...(out.get(match.key) ?? []), match]);
  return out;
};

const isCallToAction = (s: SentenceSpan) => s.boilerplate;

/** The most similar stored canonical source at or above the threshold, if any. */
async function findCanonical(
  store: Store,
  source: SegmentedSource,
  furniture: ReadonlySet<number>,
  bandKeys: readonly string[],
  options: Readonly<DedupeOptions>,
): Promise<SourceId | undefined> {
  const matches = await store.findFingerprints('band', bandKeys);
  const candidates = [...new Set(matches.map((m) => m.sourceId))].filter((id) => id !== source.id).sort();
  if (candidates.length === 0) return undefined;
  const mine = shingleHashes(
    contentWordsExcluding(source.text, source.sentences, isCallToAction, furniture, options),
    options,
  );
  let best: { id: SourceId; similarity: number } | undefined;
  for (const id of candidates) {
    const stored = await store.getSource(id);
    if (!stored || stored.duplicateOf) continue;
    // Stored flags already exclude its calls to action and the furniture found so far.
    const theirs = shingleHashes(
      contentWordsExcluding(stored.text, stored.sentenceSpans, (s) => s.boilerplate, new Set(), options),
      options,
    );
    const similarity = jaccard(mine, theirs);
    if (similarity >= options.threshold && (!best || similarity > best.similarity)) best = { id, similarity };
  }
  return best?.id;
}

/** Stores one prepared source after the near-duplicate and furniture checks; see the module comment. */
export async function admitSource(
  store: Store,
  prepared: PreparedSource,
  options: Readonly<DedupeOptions> = DEFAULT_DEDUPE_OPTIONS,
): Promise<AdmitResult> {
  const { source } = prepared;
  const paragraphMatches = byKey(
    (await store.findFingerprints('paragraph', [...new Set(prepared.paragraphs.map((p) => p.key))])).filter(
      (m) => m.sourceId !== source.id,
    ),
  );
  const furniture = new Set(prepared.paragraphs.filter((p) => paragraphMatches.has(p.key)).map((p) => p.pos));
  // Bands from the worker cover all content; without the furniture they must be recomputed here (rare).
  const bands =
    furniture.size === 0
      ? prepared.bands
      : nearDuplicateFingerprints(
          contentWordsExcluding(source.text, source.sentences, isCallToAction, furniture, options),
          options,
        );
  const canonical = await findCanonical(
    store,
    source,
    furniture,
    bands.map((b) => b.key),
    options,
  );
  if (canonical) {
    const outcome = await store.putSource(source);
    await store.markDuplicate(source.id, canonical);
    return { outcome, duplicateOf: canonical, furniturePassages: 0 };
  }
  const flagged: SegmentedSource =
    furniture.size === 0
      ? source
      : {
          ...source,
          sentences: source.sentences.map((s) =>
            furniture.has(s.passage) && !s.boilerplate ? { ...s, boilerplate: true } : s,
          ),
        };
  const outcome = await store.putSource(flagged);
  if (outcome === 'unchanged') return { outcome, furniturePassages: furniture.size };
  await store.putFingerprints(source.id, 'paragraph', prepared.paragraphs);
  await store.putFingerprints(source.id, 'band', bands);
  // When a paragraph repeats for the first time, its first holder is flagged too; from the third holder on,
  // every earlier one is already flagged, so the work per source stays constant however large the site.
  for (const [key, matches] of paragraphMatches) {
    const holders = new Set(matches.map((m) => m.sourceId));
    if (holders.size !== 1) continue;
    const [holder] = holders;
    await store.markBoilerplate(
      holder!,
      matches.filter((m) => m.key === key).map((m) => m.pos),
    );
  }
  return { outcome, furniturePassages: furniture.size };
}
