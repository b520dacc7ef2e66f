import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { check, evidenceSentences, JUDGE_DEFAULTS, judgeAgainst } from './judge.ts';
import { indexEvidence } from './judge-align.ts';
import { analyse, splitClaim } from './judge-analysis.ts';
import { findDefects, skippedInside } from './judge-findings.ts';
import { balancedAccuracy } from './judge-metrics.ts';

const PLANT = [
  'The Leeds plant opened in 1998 and makes bicycle frames.',
  'It employs 1,200 people and exports to Norway.',
  'Output did not fall in 2020, the company said.',
].join(' ');

test('a verbatim claim is supported with score 1 and never contradicted', () => {
  for (const claim of [
    'It employs 1,200 people and exports to Norway.',
    'Output did not fall in 2020',
    'the Leeds plant opened in 1998',
  ]) {
    assert.deepEqual(check(claim, PLANT), { label: 'supported', score: 1 }, claim);
  }
});

test('a verbatim claim stays supported even when the evidence elsewhere negates or changes its facts', () => {
  const evidence = 'The vote was held in May. The vote was not held in June. Turnout was 40 percent, not 45 percent.';
  for (const claim of ['The vote was held in May.', 'not 45 percent']) {
    assert.equal(check(claim, evidence).label, 'supported', claim);
  }
});

test('a close paraphrase of one sentence is supported', () => {
  const j = check('The plant in Leeds makes bicycle frames.', PLANT);
  assert.equal(j.label, 'supported');
  assert.ok(j.score >= JUDGE_DEFAULTS.threshold && j.score < 1);
});

test('judgeAgainst names the deciding sentence first', () => {
  const j = judgeAgainst('Rome is the capital of Italy.', ['Paris is in France.', 'Rome is the capital of Italy.']);
  assert.equal(j.label, 'supported');
  assert.equal(j.best[0], 1);
  const p = judgeAgainst('The plant employs 1,200 people.', evidenceSentences(PLANT));
  assert.equal(p.label, 'supported');
  assert.ok(p.best.includes(1), 'the sentence with the number and the employees');
});

test('a changed number is not supported, and contradicted when the evidence states another in its place', () => {
  const j = check('The plant employs 1,500 people.', PLANT);
  assert.equal(j.label, 'contradicted');
  assert.ok(j.score < JUDGE_DEFAULTS.threshold);
  const other = check('The tower is 300 metres tall.', 'The Eiffel tower is 330 metres tall and made of iron.');
  assert.equal(other.label, 'contradicted');
});

test('a changed country is not supported', () => {
  const j = check('The plant exports to Sweden.', PLANT);
  assert.notEqual(j.label, 'supported');
  assert.ok(j.score < check('The plant exports to Norway.', PLANT).score);
});

test('a swapped entity in the same role is contradicted', () => {
  const evidence = [
    'Judge Carter ordered Stiviano to pay back the gifts on Monday.',
    'The ruling was expected.',
    'Sterling had sued in March.',
  ].join(' ');
  assert.equal(check('Judge Sterling ordered Stiviano to pay back the gifts.', evidence).label, 'contradicted');
});

test('a negated claim is contradicted, and so is dropping the negation', () => {
  assert.equal(check('The bridge was not closed in March.', 'The bridge was closed in March.').label, 'contradicted');
  assert.equal(check('Output fell in 2020.', PLANT).label, 'contradicted');
});

test('"not only" does not negate, and an abbreviated month matches the full name', () => {
  assert.equal(analyse('It sold not only bikes but also cars.').negated, false);
  assert.equal(analyse('It did not sell bikes.').negated, true);
  // "No." before a number is a rank or an issue number, not a negation; a bare "no" before one still negates.
  assert.equal(analyse('She is the world No. 3 player.').negated, false);
  assert.equal(analyse('No 3 cases were alike.').negated, true);
  // An acronym is a name even where it opens the sentence; another capitalised opener is not.
  assert.ok(analyse('NATO met in Riga.').names.has('nato'));
  assert.ok(!analyse('Officials met in Riga.').names.has('offici'));
  assert.deepEqual(
    analyse('Paterson died on Nov. 10, 2018.').terms,
    analyse('Paterson died on November 10, 2018.').terms,
  );
  const evidence = 'The plant opened on Sept. 4, 1998, the mayor said.';
  assert.equal(check('The plant opened on September 4, 1998.', evidence).label, 'supported');
});

test('a copy that cuts as many words out of its sentence as it keeps is a splice, not supported', () => {
  assert.equal(skippedInside(['a', 'x', 'y', 'b'], new Set(['a', 'b'])), 2);
  const evidence =
    'The documents show Bates had one Taser training class over a six-year period, took three firearms training classes and qualified 10 times to use a handgun.';
  assert.notEqual(
    check('The documents show Bates had one Taser training class to use a handgun.', evidence).label,
    'supported',
  );
  assert.equal(check('Bates took three firearms training classes.', evidence).label, 'supported');
});

test('a copy that leaves out a whole aside (relative clause, parenthesis, dashes, age) is a trim, not a splice', () => {
  const sentence = analyse('The drone, which was found on Wednesday by police officers, carried traces of cesium.');
  const claim = new Set(analyse('The drone carried traces of cesium.').terms);
  assert.equal(skippedInside(sentence.terms, claim), 4);
  assert.equal(skippedInside(sentence.terms, claim, sentence.asides), 0);
  const evidence = 'The drone, which was found on Wednesday by police officers, carried traces of cesium.';
  assert.equal(check('The drone carried traces of cesium.', evidence).label, 'supported');
  // An aside the claim quotes from is no trim: its other words still count as skipped.
  assert.equal(skippedInside(sentence.terms, new Set(['drone', 'find', 'carri']), sentence.asides), 3);
  const aged = analyse('Brian Wilkins, 82, who has used the beach since 1938, opened it (on Saturday).');
  assert.deepEqual(
    aged.asides.map((a) => a >= 0),
    [false, false, true, true, true, true, true, false, true],
  );
});

test('a claim with an unknown-word placeholder is not supported: the lost word is unverifiable', () => {
  assert.equal(analyse('lacey spears of UNK , kentucky , was found guilty .').placeholders, 1);
  assert.equal(analyse('a # [UNK] m upgrade and a <unk> stadium').placeholders, 2);
  assert.equal(analyse('The junk bond market and the unknown buyer.').placeholders, 0);
  const evidence = 'lacey spears of scottsville , kentucky , was found guilty last month of second-degree murder .';
  assert.equal(
    check('lacey spears of kentucky was found guilty of second-degree murder .', evidence).label,
    'supported',
  );
  assert.notEqual(
    check('lacey spears of UNK , kentucky , was found guilty of second-degree murder .', evidence).label,
    'supported',
  );
});

test('in cased text a lower-case word after "!" continues the sentence', () => {
  assert.deepEqual(splitClaim('The band covered it for the "Kerrang!" tribute album. It sold well.'), [
    'The band covered it for the "Kerrang!" tribute album.',
    'It sold well.',
  ]);
  assert.deepEqual(splitClaim('he won ! she lost .'), ['he won !', 'she lost .']);
});

test("a negated claim is penalised for its window's missing negation only when the window is its source", () => {
  const index = indexEvidence(['The race was close in the polls.', 'Turnout was high in the north.'].map(analyse));
  // The window states little of the claim, so its silence about "no" is no evidence against it.
  assert.equal(findDefects(analyse('No candidate was the favourite before the race.'), index).negation, 0);
  assert.equal(findDefects(analyse('The race was not close in the polls.'), index).negation, 1);
});

test('unrelated evidence leaves the claim unsupported with a low score', () => {
  const j = check('The company doubled its revenue.', 'Cats sleep for most of the day. Dogs bark at strangers.');
  assert.equal(j.label, 'unsupported');
  // Every word novel: the penalty is the novel-word weight, about two half-lives below the threshold.
  assert.ok(j.score < 0.25, `score ${j.score}`);
});

test('the same words in another relation are not supported', () => {
  const evidence = 'Smith founded the bank in 1990. Jones joined the bank as chairman in 2001.';
  assert.notEqual(check('Jones founded the bank.', evidence).label, 'supported');
});

test('every sentence of a multi-sentence claim must hold', () => {
  const ok = 'the plant opened in 1998 . it exports to norway .';
  const bad = 'the plant opened in 1998 . it exports bananas to brazil .';
  assert.equal(check(ok, PLANT).label, 'supported');
  assert.notEqual(check(bad, PLANT).label, 'supported');
  assert.deepEqual(splitClaim(bad), ['the plant opened in 1998 .', 'it exports bananas to brazil .']);
});

test('empty claims and empty evidence are unsupported', () => {
  assert.deepEqual(check('', PLANT), { label: 'unsupported', score: 0 });
  assert.deepEqual(check('Rome is in Italy.', ''), { label: 'unsupported', score: 0 });
  assert.deepEqual(check('It was.', PLANT), { label: 'unsupported', score: 0 }, 'only stopwords: nothing to check');
});

test('analysis canonicalises numbers and spots negation and pronoun gender', () => {
  const a = analyse('She did not pay 1,200 dollars for two cars.');
  assert.deepEqual([...a.numbers], ['1200', '2']);
  assert.equal(a.negated, true);
  assert.equal(a.genders, 2);
});

test('the judge is deterministic and scores stay in [0, 1]', () => {
  const evidence = 'Alpha beta gamma. Delta 42 epsilon. Zeta eta theta.';
  const first = judgeAgainst('Delta 43 epsilon zeta.', evidenceSentences(evidence));
  assert.deepEqual(judgeAgainst('Delta 43 epsilon zeta.', evidenceSentences(evidence)), first);
  assert.ok(first.score >= 0 && first.score <= 1);
});

test('balanced accuracy averages per-class recall', () => {
  const outcomes = [
    { gold: true, predicted: true },
    { gold: true, predicted: false },
    { gold: false, predicted: false },
    { gold: false, predicted: false },
  ];
  assert.equal(balancedAccuracy(outcomes), 0.75);
  assert.equal(balancedAccuracy([{ gold: true, predicted: true }]), 1);
  assert.equal(balancedAccuracy([]), 0);
});

const WICE = new URL('../../../shared/data/verification/wice_dev.jsonl', import.meta.url);
test('verbatim sentences of real documents are supported (wice_dev)', {
  skip: !existsSync(WICE) && 'needs ../shared/data/verification/wice_dev.jsonl',
}, () => {
  const rows = readFileSync(WICE, 'utf8')
    .trim()
    .split('\n')
    .slice(0, 20)
    .map((l) => JSON.parse(l) as { doc: string });
  for (const row of rows) {
    const sentences = evidenceSentences(row.doc).filter((s) => s.length > 40);
    const quote = sentences[Math.floor(sentences.length / 2)];
    if (quote) assert.equal(check(quote, row.doc).label, 'supported', quote);
  }
});
