import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachWord, terms, tokenize } from './text.ts';

/** The word rule, as a regular expression: tokenize() scans it by hand and must find exactly these words. */
const WORD_RULE = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;

test('words keep inner dots, commas and apostrophes, and nothing else', () => {
  const text = "Don’t cut 3.5 or 1,000. The U.S. said 'no'.";
  assert.deepEqual(
    tokenize(text).map((t) => t.word),
    ["don't", 'cut', '3.5', 'or', '1,000', 'the', 'u.s', 'said', 'no'],
  );
  for (const token of tokenize(text)) {
    assert.equal(text.slice(token.start, token.end).toLowerCase().replace(/’/g, "'"), token.word);
  }
});

test('the hand scanner finds the same words as the rule, in any script', () => {
  const samples = [
    "𝐀𝐁c d'é’x 3.5, 1,000. don't ’tis x'' a.b.c. 日本語テキスト ١٢٣ Ωμέγα ñ.ñ x\u0301y 𝟘𝟙 🙂smile a’ ’b .5 5. a,,b",
    '\ud800abc \udc00x lone surrogates, then a pair 𝒳 and a trailing high \ud83d',
    'Привет, мир. Ünïcödé wörds; x.y.z... “quoted” (bracketed) [1] e.g. i.e.',
    '',
    '...',
  ];
  for (const text of samples) {
    const expected = [...text.matchAll(WORD_RULE)].map((m) => [m.index, m.index + m[0].length]);
    assert.deepEqual(
      tokenize(text).map((t) => [t.start, t.end]),
      expected,
      text,
    );
  }
});

test('index terms are stemmed content words; stopwords go, case and typographic apostrophes do not matter', () => {
  assert.deepEqual(terms('The Nations were uniting'), ['nation', 'unit']);
  assert.deepEqual(terms('NATIONS nations Nations'), ['nation', 'nation', 'nation']);
  assert.deepEqual(terms('Don’t stop'), terms("don't stop"));
});

test('unjoined words split at inner dots, commas and apostrophes', () => {
  const text = 'Don’t cut 3.5 or 1,000 𝐀𝐁c';
  const words: string[] = [];
  forEachWord(text, (start, end) => words.push(text.slice(start, end)), false);
  assert.deepEqual(
    words,
    [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]),
  );
  assert.deepEqual(words, ['Don', 't', 'cut', '3', '5', 'or', '1', '000', '𝐀𝐁c']);
});
