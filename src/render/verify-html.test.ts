import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSourceId } from '../core/ids.ts';
import type { VerifyReport } from '../core/model.ts';
import { renderVerifyHtml } from './verify-html.ts';

const quote = (text: string) => ({ sourceId: asSourceId('abc123'), start: 10, end: 10 + text.length, quote: text });
/** One claim per label; a quote carries markup that must come out escaped. */
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
      evidence: [quote('China joined the WTO in 2001.')],
    },
    {
      text: 'China joined the WTO in 2004.',
      start: 30,
      end: 59,
      label: 'contradicted',
      score: 0.45,
      evidence: [quote('China joined <script>alert(1)</script> in 2001.')],
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

test('html: standalone page, claims coloured by label, untrusted text escaped', () => {
  const html = renderVerifyHtml(SAMPLE_REPORT, { title: 'draft <b>.md' });
  assert.ok(html.startsWith('<!doctype html>'));
  assert.ok(!/<script/i.test(html), 'no script element, even from a quote');
  assert.ok(!/(?:src|href)=/i.test(html), 'no external assets or links');
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(html, /<title>draft &lt;b&gt;\.md<\/title>/);
  for (const label of ['supported', 'contradicted', 'unsupported']) {
    assert.match(html, new RegExp(`<li class="claim ${label}">`));
  }
  assert.match(html, /Russia is Tibet’s largest trading partner\..*No evidence found in the library/);
  assert.match(html, /✓ supported.*Supported by/);
  assert.match(html, /✗ contradicted.*Contradicted by/);
});
