import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { nonClaimReason, splitClaims } from './claims.ts';

const SEEDS = new URL('../../../shared/seeds/', import.meta.url).pathname;
const seed000 = existsSync(SEEDS) ? readdirSync(SEEDS).find((f) => f.startsWith('000_')) : undefined;

/** Every claim's offsets must point at its text in the original draft. */
function assertOffsets(draft: string, claims: ReturnType<typeof splitClaims>): void {
  for (const claim of claims) assert.equal(draft.slice(claim.start, claim.end), claim.text);
}

test('seed 000: sentences and bullet items are claims; title, headings, numbered subtopics and tags are not', {
  skip: seed000 ? false : `../shared/seeds/000_*.txt is absent (looked in ${SEEDS})`,
}, () => {
  const draft = readFileSync(join(SEEDS, seed000 ?? ''), 'utf8');
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  // 2 executive-summary sentences + 4 introduction + 15 bullets + 3 conclusion
  assert.equal(claims.length, 24);
  assert.equal(
    claims[0]?.text,
    'Russia’s relationship with Tibet dates back to the early 20th century, when the Russian Empire established a diplomatic mission in Lhasa.',
  );
  assert.ok(
    claims[6]?.text.startsWith('Russia is Tibet’s largest trading partner'),
    'bullet marker is not part of the claim',
  );
  const texts = claims.map((c) => c.text);
  for (const notAClaim of [
    'From The Kremlin To The Kora: Russia’s Route To Tibet',
    'Executive Summary',
    'Top 5 Subtopics',
    'Economic Engagement',
    'Keyword Phrase Tags',
    'Russia Tibet relations',
    'Cultural exchange',
  ]) {
    assert.ok(!texts.some((t) => t.includes(notAClaim)), `"${notAClaim}" must not be a claim`);
  }
});

test('Markdown: headings, wrapped paragraphs, list items, questions and imperatives', () => {
  const draft = [
    '# Russia and Central Asia',
    '',
    'Russia signed a treaty with Kazakhstan in 1992. Why does it',
    'matter? Trade grew by 40 per cent after the',
    'treaty was signed.',
    '',
    '## Findings',
    '',
    '- Kazakhstan exports most of its oil through Russia.',
    '* Consider the pipeline routes before drawing conclusions.',
    '  1. Mongolia borders both Russia and China.',
    '- Economic engagement',
    '',
    '**Tags:** Russia, Kazakhstan, oil',
  ].join('\n');
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  assert.deepEqual(
    claims.map((c) => c.text),
    [
      'Russia signed a treaty with Kazakhstan in 1992.',
      'Trade grew by 40 per cent after the\ntreaty was signed.',
      'Kazakhstan exports most of its oil through Russia.',
      'Mongolia borders both Russia and China.',
    ],
  );
});

test('Windows line ends, setext headings and tag sections keep exact offsets', () => {
  const draft =
    'Brief\r\n=====\r\n\r\nChina joined the WTO in 2001.\r\n\r\nKeywords\r\n\r\n- China joins trade bodies\r\n\r\nConclusion\r\n\r\nIndia grew fast.';
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  assert.deepEqual(
    claims.map((c) => c.text),
    ['China joined the WTO in 2001.', 'India grew fast.'],
  );
});

test('non-claims are named: questions, imperatives, fragments without a verb', () => {
  assert.equal(nonClaimReason('Is Russia a partner of Tibet?'), 'question');
  assert.equal(nonClaimReason('Consider the evidence before you decide.'), 'imperative');
  assert.equal(nonClaimReason('Security cooperation in the region'), 'no verb');
  assert.equal(nonClaimReason('Trade rose.'), 'too short');
  assert.equal(nonClaimReason('Russia seeks new markets in Asia.'), undefined);
  assert.equal(nonClaimReason('The treaty was signed in 1992.'), undefined);
});

test('an empty or heading-only draft has no claims', () => {
  assert.deepEqual(splitClaims(''), []);
  assert.deepEqual(splitClaims('# Title\n\nExecutive Summary\n'), []);
});

test('code blocks and tables are skipped; a block quote is prose without its marker', () => {
  const draft = [
    'Russia exports gas to China.',
    '',
    '```',
    'Russia is a code sample that says nothing.',
    '```',
    '',
    '| Country | Trade |',
    '|---|---|',
    '| Russia is big | 10 |',
    '',
    '> China joined the WTO in 2001.',
  ].join('\n');
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  assert.deepEqual(
    claims.map((c) => c.text),
    ['Russia exports gas to China.', 'China joined the WTO in 2001.'],
  );
});

test('a bold lead-in label and wrapping emphasis are not part of the claim', () => {
  const draft = '- **Economic ties:** Russia is China’s largest supplier of oil.\n- *Mongolia borders Russia.*\n';
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  assert.deepEqual(
    claims.map((c) => c.text),
    ['Russia is China’s largest supplier of oil.', 'Mongolia borders Russia.'],
  );
});

test('one paragraph per line keeps its lines; a short title line above prose is a heading', () => {
  const draft = [
    'Russia and China',
    'Russian foreign policy remains focused primarily on Europe.',
    'Is a Pax Sinica emerging?',
    'China has gradually expanded its presence in Belarus. Trade',
    'grew by a third after the visit.',
  ].join('\n');
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  assert.deepEqual(
    claims.map((c) => c.text),
    [
      'Russian foreign policy remains focused primarily on Europe.',
      'China has gradually expanded its presence in Belarus.',
      'Trade\ngrew by a third after the visit.',
    ],
  );
});

test('a Kora brief: citation markers and verdict marks are not part of claims; the Sources list is skipped', () => {
  const draft = [
    'Executive Summary',
    '',
    'Russia signed the treaty in 1992. [1] China welcomed the treaty. [2][3]',
    '',
    '  • Mongolia borders both Russia and China. [4] (✓ supported)',
    '',
    'Sources',
    '',
    '1. ungdc RUS_47_1992 — corpora/ungdc.jsonl#RUS_47_1992 — 1992',
  ].join('\n');
  const claims = splitClaims(draft);
  assertOffsets(draft, claims);
  assert.deepEqual(
    claims.map((c) => c.text),
    ['Russia signed the treaty in 1992.', 'China welcomed the treaty.', 'Mongolia borders both Russia and China.'],
  );
});
