// biome-ignore-all assist/source/organizeImports: exports are grouped by pipeline stage, in pipeline order
/**
 * Kora's library API. Everything the CLI and the HTTP server do goes through these exports.
 *
 * @example
 * import { openStore, ingestPaths, brief, verify, renderBriefMarkdown } from 'kora';
 * const store = await openStore('kora.db');
 * await ingestPaths(['./sources'], store);
 * console.log(renderBriefMarkdown(await brief(store, 'Russia China relations')));
 * await store.close();
 */

// The vocabulary: sources, spans, briefs, claims and reports (types only).
export type { Brand, SentenceId, SourceId } from './core/ids.ts';
export type {
  Brief,
  BriefSource,
  BriefSubtopic,
  Citation,
  Claim,
  ClaimReport,
  Gap,
  Judgement,
  PassageSpan,
  SentenceHit,
  SentenceSpan,
  SourceHit,
  SourceSummary,
  Statement,
  StoredSource,
  VerdictLabel,
  VerifyReport,
} from './core/model.ts';
// Errors with stable codes (`error.code`), thrown only for misuse or unusable input.
export { createError, isKoraError, KoraError, type ErrorCode } from './core/errors.ts';
// Index terms as every stage sees them: lower-cased, stemmed, stopwords removed.
export { terms, tokenize } from './core/text.ts';

// Ingest: files, folders, URLs → stored sources with exact sentence offsets.
export { DEFAULT_INGEST_OPTIONS, ingestPaths, type IngestOptions, type IngestSummary } from './ingest/index.ts';
export { normalizeText } from './ingest/normalize.ts';
export { segment } from './ingest/segment.ts';

// Store: the embedded SQLite default or PostgreSQL, behind one interface.
export { DEFAULT_DB, openStore } from './store/open.ts';
export type { Store } from './store/store.ts';
export { search, type SearchOptions, type SearchResult } from './store/search.ts';

// Analysis: retrieval with query expansion, keyphrases, clustering.
export { retrieveSources } from './analyze/retrieve.ts';
export { distinctiveKeyphrases, extractKeyphrases, type Keyphrase } from './analyze/keyphrases.ts';
export { clusterTexts } from './analyze/cluster.ts';

// Briefs: every sentence quoted from a source and cited.
export { brief, type BriefOptions, DEFAULT_BRIEF } from './brief/index.ts';
export { selfCheck } from './brief/self-check.ts';

// Verification: a draft, claim by claim, against the library; and the judge on its own.
export { verify } from './verify/index.ts';
export { check } from './verify/judge.ts';
export { splitClaims } from './verify/claims.ts';

// Rendering: Brief / VerifyReport → Markdown or standalone HTML.
export { renderBriefMarkdown } from './render/brief-markdown.ts';
export { renderBriefHtml } from './render/brief-html.ts';
export { renderVerifyMarkdown } from './render/verify-markdown.ts';
export { renderVerifyHtml } from './render/verify-html.ts';
