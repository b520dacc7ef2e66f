/** The page's only way to the server: typed calls to the JSON API. */
import type { Brief, SourceSummary, StoredSource, VerifyReport } from '../src/core/model.ts';

/** An ingest job as `GET /api/jobs/:id` returns it. */
export interface Job {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly sources: number;
  readonly result?: {
    readonly ingested: number;
    readonly unchanged: number;
    readonly duplicates: number;
    readonly failed: readonly { readonly path: string; readonly error: string }[];
    readonly sourceIds: readonly string[];
  };
  readonly error?: { readonly code: string; readonly message: string };
}

export interface BriefInput {
  readonly topic: string;
  readonly subtopics?: number;
  readonly bullets?: number;
  readonly outline?: string[];
  readonly since?: string;
  readonly until?: string;
}

/** An API error with the server's code and message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, init);
  if (response.ok) return response;
  let code = 'HTTP_ERROR';
  let message = `the server answered ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code: string; message: string } };
    if (body.error) ({ code, message } = body.error);
  } catch {
    // not our JSON error shape; keep the status message
  }
  throw new ApiError(response.status, code, message);
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export const listSources = async (): Promise<SourceSummary[]> =>
  ((await (await call('/api/sources')).json()) as { sources: SourceSummary[] }).sources;

export const getSource = async (id: string): Promise<StoredSource> =>
  (await (await call(`/api/sources/${encodeURIComponent(id)}`)).json()) as StoredSource;

export const removeSource = async (id: string): Promise<void> => {
  await call(`/api/sources/${encodeURIComponent(id)}`, { method: 'DELETE' });
};

export async function uploadFiles(files: readonly File[]): Promise<Job> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return ((await (await call('/api/sources', { method: 'POST', body: form })).json()) as { job: Job }).job;
}

export const addUrls = async (urls: readonly string[]): Promise<Job> =>
  ((await (await call('/api/sources', json({ urls }))).json()) as { job: Job }).job;

export const getJob = async (id: string): Promise<Job> =>
  ((await (await call(`/api/jobs/${encodeURIComponent(id)}`)).json()) as { job: Job }).job;

export const makeBrief = async (input: BriefInput): Promise<Brief> =>
  (await (await call('/api/brief', json(input))).json()) as Brief;

/** Markdown or HTML of a brief the page already holds. */
export const renderBrief = async (brief: Brief, format: 'md' | 'html'): Promise<string> =>
  (await call(`/api/render?format=${format}`, json(brief))).text();

export const verifyDraft = async (text: string): Promise<VerifyReport> =>
  (await (await call('/api/verify', json({ text }))).json()) as VerifyReport;
