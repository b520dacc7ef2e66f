/**
 * The API's wire shapes as zod schemas: requests are parsed with them, and /api/openapi.json is generated
 * from them, so the documentation cannot drift from what the server accepts.
 */
import { z } from 'zod';

/** Most subtopics or bullets a client may ask for: more would be unreadable and slow (1–10). */
export const MAX_SECTION_COUNT = 10;
/** Longest topic, outline heading or search query accepted, in characters. */
export const MAX_PHRASE_CHARS = 500;
/** Most URLs per request: each is fetched in turn. */
export const MAX_URLS = 50;
/** Most hits per search request. */
export const MAX_SEARCH_K = 100;

const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD')
  .describe('ISO date; sources dated outside the range are left out');

/** A date range that is not backwards; prefixes compare correctly (`2010` ≤ `2010-05-01`). */
function orderedRange(range: { since?: string | undefined; until?: string | undefined }): boolean {
  return !range.since || !range.until || range.since.slice(0, range.until.length) <= range.until;
}

/** `POST /api/brief` body. */
export const BriefRequest = z
  .object({
    topic: z.string().trim().min(1, 'expected a non-empty topic').max(MAX_PHRASE_CHARS),
    subtopics: z.number().int().min(1).max(MAX_SECTION_COUNT).optional(),
    bullets: z.number().int().min(1).max(MAX_SECTION_COUNT).optional(),
    outline: z.array(z.string().trim().min(1).max(MAX_PHRASE_CHARS)).max(MAX_SECTION_COUNT).optional(),
    since: isoDate.optional(),
    until: isoDate.optional(),
  })
  .strict()
  .refine(orderedRange, { message: 'since must not be after until', path: ['since'] });
export type BriefRequest = z.infer<typeof BriefRequest>;

/** `POST /api/verify` body. */
export const VerifyRequest = z.object({ text: z.string().trim().min(1, 'expected a non-empty draft') }).strict();

/** `POST /api/sources` JSON body (files go as multipart/form-data instead). */
export const UrlsRequest = z
  .object({
    urls: z
      .array(
        z
          .string()
          .url()
          .refine((u) => /^https?:\/\//i.test(u), 'only http and https URLs can be fetched'),
      )
      .min(1)
      .max(MAX_URLS),
  })
  .strict();

/** `GET /api/search` query string. */
export const SearchQuery = z
  .object({
    q: z.string().trim().min(1, 'expected a query in ?q=').max(MAX_PHRASE_CHARS),
    k: z.coerce.number().int().min(1).max(MAX_SEARCH_K).default(10),
    since: isoDate.optional(),
    until: isoDate.optional(),
  })
  .refine(orderedRange, { message: 'since must not be after until', path: ['since'] });

/** `?format=` on brief and render routes. */
export const FormatQuery = z.object({ format: z.enum(['json', 'md', 'html']).default('json') });

const span = { start: z.number().int().min(0), end: z.number().int().min(0) };
const verdict = z.enum(['supported', 'contradicted', 'unsupported']);

export const Citation = z.object({ sourceId: z.string(), quote: z.string(), ...span });
export const Statement = z.object({
  text: z.string(),
  citations: z.array(Citation),
  verdict: verdict.optional(),
});

/** A `kora.brief/v1` document, as produced by `POST /api/brief` and accepted by `POST /api/render`. */
export const Brief = z.object({
  schema: z.literal('kora.brief/v1'),
  topic: z.string(),
  title: z.string(),
  executiveSummary: z.array(Statement),
  introduction: z.array(Statement),
  subtopics: z.array(z.object({ label: z.string(), keyphrases: z.array(z.string()), bullets: z.array(Statement) })),
  conclusion: z.array(Statement),
  tags: z.array(z.string()),
  sources: z.array(
    z.object({
      id: z.string(),
      n: z.number().int(),
      title: z.string(),
      location: z.string(),
      date: z.string().optional(),
    }),
  ),
  gaps: z.array(z.object({ subtopic: z.string(), reason: z.string() })),
});

/** A `kora.verify/v1` report. */
export const VerifyReport = z.object({
  schema: z.literal('kora.verify/v1'),
  summary: z.record(verdict, z.number().int()),
  claims: z.array(
    z.object({ text: z.string(), ...span, label: verdict, score: z.number(), evidence: z.array(Citation) }),
  ),
});

const sourceMeta = {
  id: z.string(),
  title: z.string(),
  location: z.string(),
  format: z.string(),
  hash: z.string(),
  sentences: z.number().int(),
  characters: z.number().int(),
  date: z.string().optional(),
  author: z.string().optional(),
  url: z.string().optional(),
  language: z.string().optional(),
  duplicateOf: z.string().optional(),
};

export const SourceSummary = z.object(sourceMeta);
export const StoredSource = z.object({
  ...sourceMeta,
  text: z.string().describe('the stored text that every citation offset points into'),
  passages: z.array(z.object({ ...span, page: z.number().int().optional() })),
  sentenceSpans: z.array(
    z.object({
      ...span,
      kind: z.enum(['sentence', 'heading', 'item']),
      passage: z.number().int(),
      boilerplate: z.boolean(),
    }),
  ),
});

export const SearchResult = z.object({
  query: z.string(),
  hits: z.array(
    z.object({
      sentenceId: z.number().int(),
      sourceId: z.string(),
      title: z.string(),
      text: z.string(),
      kind: z.enum(['sentence', 'heading', 'item']),
      score: z.number(),
      date: z.string().optional(),
      ...span,
    }),
  ),
});

export const JobState = z.enum(['running', 'done', 'failed']);

/** An ingest job: poll `GET /api/jobs/:id` until `state` is `done` or `failed`. */
export const Job = z.object({
  id: z.string(),
  state: JobState,
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  sources: z.number().int().describe('sources stored so far'),
  result: z
    .object({
      ingested: z.number().int(),
      unchanged: z.number().int(),
      duplicates: z.number().int().describe('of those stored, near-copies of another source (never cited)'),
      failed: z.array(z.object({ path: z.string(), error: z.string() })),
      sourceIds: z.array(z.string()),
    })
    .optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type Job = z.infer<typeof Job>;

export const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
