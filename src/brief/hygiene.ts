/**
 * Sentence hygiene: how fit a sentence is to stand alone in a brief, in [0, 1]. 0 rejects it (questions,
 * calls to action, site furniture, headings, fragments); lower values keep a sentence as a last resort
 * (it leans on missing context: "This is…", "He said…"; or it is a speech formality).
 */
import type { SentenceKind } from '../core/model.ts';
import { isCallToAction } from '../ingest/boilerplate.ts';

/** Word-count bounds for a sentence that reads well on its own (words). */
const MIN_WORDS = 7;
const MAX_WORDS = 70;

const FURNITURE =
  /\b(?:this (?:podcast|episode|video|webinar|event|interview|report|paper|article|book|commentary|essay|piece)|in this (?:episode|interview|podcast|report|paper|article|video)|click|subscribe|newsletter|mailing list|sign up|log in|download|read more|listen to|watch (?:the|our)|interviews|(?:is|are) (?:joined|interviewed) by|copyright|©)\b/i;
const DANGLING_START =
  /^(?:this|that|these|those|it|its|he|she|they|them|his|her|their|such|both|the latter|the former|here|there (?:he|she))\b/i;
/** An opening phrase that points back to something the reader has not seen: "In that context, …". */
const DANGLING_PHRASE =
  /^(?:in|for|with|under|by|to|towards?|on|at|from|against|despite|given|after|before)\s+(?:[\p{L}-]+\s+){0,3}?(?:these|this|those|that|such|the time|the same time)\b/iu;
const CONNECTIVE_START =
  /^(?:and|but|or|so|yet|also|well|now|first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|lastly|consequently|accordingly|likewise|similarly|in particular|for example|for instance|however|moreover|furthermore|therefore|thus|nevertheless|nonetheless|that said|in addition|at the same time|on the other hand|besides|hence|instead|indeed)\b/i;
const FORMALITY =
  /\b(?:congratulat\w*|thank(?:s|ing)? (?:you|the|him|her|mr|madam)|mr\.? president|madam president|your election|allow me|i (?:would|wish) (?:like|to)|distinguished delegates|ladies and gentlemen)\b/i;
const FIRST_PERSON = /\b(?:I|me|my)\b/;

/** Multipliers for last-resort sentences (0–1): lower means used only when nothing better exists. */
const PENALTY = {
  fragment: 0.3,
  dangling: 0.45,
  connective: 0.7,
  formality: 0.15,
  firstPerson: 0.7,
  unbalanced: 0.5,
} as const;

function balanced(text: string): boolean {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return count(/\(/g) === count(/\)/g) && count(/“/g) === count(/”/g) && count(/"/g) % 2 === 0;
}

/** Fitness of a sentence for a brief, in [0, 1]; 0 means never use it. */
export function sentenceQuality(text: string, kind: SentenceKind): number {
  if (kind === 'heading') return 0;
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words < MIN_WORDS || words > MAX_WORDS) return 0;
  if (/\?["”’)]*$/.test(text) || isCallToAction(text) || FURNITURE.test(text)) return 0;
  if (!/^["“‘(]?[\p{Lu}\p{N}]/u.test(text)) return 0; // starts mid-sentence: a broken split
  let quality = 1;
  if (!/[.!]["”’')\]]*$/.test(text)) quality *= PENALTY.fragment;
  if (DANGLING_START.test(text) || DANGLING_PHRASE.test(text)) quality *= PENALTY.dangling;
  else if (CONNECTIVE_START.test(text)) quality *= PENALTY.connective;
  if (FORMALITY.test(text)) quality *= PENALTY.formality;
  if (FIRST_PERSON.test(text)) quality *= PENALTY.firstPerson;
  if (!balanced(text)) quality *= PENALTY.unbalanced;
  return quality;
}

const BACKGROUND =
  /\b(?:history|historic(?:al|ally)?|since|decades?|centur(?:y|ies)|years? ago|founded|established|origins?|traditional(?:ly)?|long-standing|longstanding|background|began|beginning|first|formerly|in the past|relations between|relationship|\d{4})\b/i;
const OUTLOOK =
  /\b(?:will|would likely|likely|future|prospects?|expect(?:s|ed)?|outlook|forthcoming|coming (?:years|decades|months)|going forward|next (?:year|decade|steps?)|should|must|need to|continue to|remain(?:s)? committed|ahead|long-term|tomorrow)\b/i;

/** 1 when a sentence gives background or context (history, origins, long-standing relations), else 0. */
export const backgroundCue = (text: string): number => (BACKGROUND.test(text) ? 1 : 0);

/** 1 when a sentence looks forward (will, likely, prospects, future), else 0. */
export const outlookCue = (text: string): number => (OUTLOOK.test(text) ? 1 : 0);
