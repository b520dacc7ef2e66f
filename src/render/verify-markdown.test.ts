import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSourceId } from '../core/ids.ts';
import type { VerifyReport } from '../core/model.ts';
import { renderVerifyMarkdown } from './verify-markdown.ts';

/** A report with one claim per label; the quotes carry markup that must not survive as HTML. */
const SAMPLE_REPORT: VerifyReport = {
  schema: 'kora.verify/v1',
  summary: { supported: 1, contradicted: 1, unsupported: 1 },
  claims: [
    {
      text: 'China joined the WTO in 2001.',
      start: 0,
      end: 29,
      label: 'supported',
      score: 1,
      evidence: [{ sourceId: asSourceId('abc123'), start: 10, end: 39, quote: 'China joined the WTO in 2001.' }],
    },
    {
      text: 'China joined the WTO in 2004.',
      start: 30,
      end: 59,
      label: 'contradicted',
      score: 0.45,
      evidence: [
        {
          sourceId: asSourceId('abc123'),
          start: 10,
          end: 39,
          quote: 'China joined <script>alert(1)</script> in 2001.',
        },
      ],
    },
    {
      text: 'Russia is Tibet’s largest trading partner.',
      start: 60,
      end: 102,
      label: 'unsupported',
      score: 0,
      evidence: [],
    },
  ],
};

test('markdown: summary counts, labels inline, quotes with source ids and offsets, HTML escaped', () => {
  const md = renderVerifyMarkdown(SAMPLE_REPORT, {
    title: 'draft.md',
    titles: new Map([['abc123', 'UN speech 2001']]),
  });
  assert.ok(md.startsWith('# draft.md\n'));
  assert.match(md, /\*\*3 claims\*\*: 1 ✅ supported · 1 ❌ contradicted · 1 ⚠️ unsupported/);
  assert.match(md, /1\. \*\*✅ supported\*\* \(score 1\.00, draft 0–29\): China joined the WTO in 2001\./);
  assert.match(md, /> “China joined the WTO in 2001\.” — `abc123` 10–39, UN speech 2001/);
  assert.ok(!md.includes('<script>'));
  assert.match(md, /&lt;script&gt;/);
  assert.match(md, /3\. \*\*⚠️ unsupported\*\*.*\n {3}- _no evidence found in the library_/);
});
