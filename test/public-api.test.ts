/** Pins the library's public surface: adding or removing an export is a deliberate, reviewed change. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as kora from '../src/index.ts';

test('the library exports exactly these names', () => {
  assert.deepEqual(Object.keys(kora).sort(), [
    'DEFAULT_BRIEF',
    'DEFAULT_DB',
    'DEFAULT_INGEST_OPTIONS',
    'KoraError',
    'brief',
    'check',
    'clusterTexts',
    'createError',
    'distinctiveKeyphrases',
    'extractKeyphrases',
    'ingestPaths',
    'isKoraError',
    'normalizeText',
    'openStore',
    'renderBriefHtml',
    'renderBriefMarkdown',
    'renderVerifyHtml',
    'renderVerifyMarkdown',
    'retrieveSources',
    'search',
    'segment',
    'selfCheck',
    'splitClaims',
    'terms',
    'tokenize',
    'verify',
  ]);
});
