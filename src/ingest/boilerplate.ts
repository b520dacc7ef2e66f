/**
 * Site furniture that must never be cited: calls to action ("Join our mailing list…", "Subscribe", "Follow us")
 * and the short paragraphs that carry them. Cross-page repetition (a footer shared by a site's pages) is
 * detected at ingest time from the library, see dedupe.ts.
 */
import type { SentenceSpan } from '../core/model.ts';

const CALL_TO_ACTION =
  /\b(?:join our (?:mailing list|newsletter|network|community)|subscribe (?:to|now|today|for)|sign up (?:for|to|now|today)|follow us|click here|share (?:this|on)|all rights reserved|cookie (?:policy|settings|preferences)|we use cookies|accept (?:all )?cookies|related articles|read more|download the (?:app|pdf)|support our work|donate now)\b/i;
/** A paragraph holding a call to action is furniture as a whole when it is this short (sentences). */
const FURNITURE_PARAGRAPH_MAX_SENTENCES = 3;

export const isCallToAction = (sentence: string): boolean => CALL_TO_ACTION.test(sentence);

/** Flags calls to action, and every sentence of a short paragraph that holds one. */
export function flagFurniture(text: string, sentences: readonly SentenceSpan[]): SentenceSpan[] {
  const byPassage = new Map<number, SentenceSpan[]>();
  for (const s of sentences) byPassage.set(s.passage, [...(byPassage.get(s.passage) ?? []), s]);
  const furniturePassages = new Set<number>();
  for (const [passage, list] of byPassage) {
    const hasCall = list.some((s) => isCallToAction(text.slice(s.start, s.end)));
    if (hasCall && list.length <= FURNITURE_PARAGRAPH_MAX_SENTENCES) furniturePassages.add(passage);
  }
  return sentences.map((s) =>
    furniturePassages.has(s.passage) || isCallToAction(text.slice(s.start, s.end)) ? { ...s, boilerplate: true } : s,
  );
}
