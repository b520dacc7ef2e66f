import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, JUDGE_DEFAULTS, judgeAgainst } from './judge.ts';
import { balancedAccuracy } from './judge-metrics.ts';

test('a verbatim claim is supported with score 1 and never contradicted', () => {
  const evidence = 'The plant opened in 1998. It employs 1,200 people in Leeds. Output did not fall in 2020.';
  for (const claim of [
    'It employs 1,200 people in Leeds.',
    'Output did not fall in 2020.',
    'The plant opened in 1998',
  ]) {
    const j = check(claim, evidence);
    assert.equal(j.label, 'supported', claim);
    assert.equal(j.score, 1);
  }
});

test('judgeAgainst names the deciding sentence', () => {
  const j = judgeAgainst('Rome is the capital of Italy.', ['Paris is in France.', 'Rome is the capital of Italy.']);
  assert.equal(j.label, 'supported');
  assert.deepEqual(j.best.slice(0, 1), [1]);
});

test('a changed number in the same context is contradicted', () => {
  const j = check('The tower is 300 metres tall.', 'The Eiffel tower is 330 metres tall and made of iron.');
  assert.equal(j.label, 'contradicted');
  assert.ok(j.score < JUDGE_DEFAULTS.threshold);
});

test('a negated claim is contradicted', () => {
  assert.equal(check('The bridge was not closed in March.', 'The bridge was closed in March.').label, 'contradicted');
});

test('unrelated evidence leaves the claim unsupported', () => {
  const j = check('The company doubled its revenue.', 'Cats sleep for most of the day. Dogs bark at strangers.');
  assert.equal(j.label, 'unsupported');
  assert.ok(j.score < 0.3);
});

test('the judge is deterministic', () => {
  const evidence = 'Alpha beta gamma. Delta 42 epsilon. Zeta eta theta.';
  assert.deepEqual(check('Delta 43 epsilon.', evidence), check('Delta 43 epsilon.', evidence));
});

test('balanced accuracy averages per-class recall', () => {
  const outcomes = [
    { gold: true, predicted: true },
    { gold: true, predicted: false },
    { gold: false, predicted: false },
    { gold: false, predicted: false },
  ];
  assert.equal(balancedAccuracy(outcomes), 0.75);
  assert.equal(balancedAccuracy([]), 0);
});
