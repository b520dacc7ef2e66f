/** What the HTTP layer needs from the rest of Kora, passed in so tests can run it in-process. */
import type { Brief, VerifyReport } from '../core/model.ts';
import type { Store } from '../store/store.ts';
import type { JobRegistry } from './jobs.ts';

/** Brief options the API accepts (a subset of the brief stage's options). */
export interface BriefRequestOptions {
  readonly subtopics?: number;
  readonly bullets?: number;
  readonly outline?: string[];
  readonly since?: string;
  readonly until?: string;
}

export type BriefFn = (store: Store, topic: string, options?: BriefRequestOptions) => Promise<Brief>;
export type VerifyFn = (store: Store, draft: string) => Promise<VerifyReport>;
export type RenderFn = (brief: Brief) => string;

/** The stages behind /api/brief, /api/verify and the renderers; a missing one answers 503. */
export interface Stages {
  readonly brief?: BriefFn;
  readonly verify?: VerifyFn;
  readonly renderMarkdown?: RenderFn;
  readonly renderHtml?: RenderFn;
}

export interface ServerDeps extends Stages {
  readonly store: Store;
  /** Folder for uploaded and fetched files (see uploads.ts). */
  readonly dataDir: string;
  readonly jobs: JobRegistry;
  /** Largest request body accepted, in bytes. */
  readonly maxRequestBytes: number;
}
