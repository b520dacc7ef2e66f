/**
 * Ingest jobs: an upload answers 202 at once and the work goes on in the background; clients poll
 * `GET /api/jobs/:id` for progress. Jobs live in memory only — a restart forgets them, not the sources.
 */
import { randomUUID } from 'node:crypto';
import type { IngestProgress } from '../ingest/index.ts';
import type { Job } from './schemas.ts';

/** Finished jobs kept for polling; older ones are forgotten first (a client polls within seconds). */
export const MAX_KEPT_JOBS = 200;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** In-memory job table. */
export class JobRegistry {
  readonly #jobs = new Map<string, Mutable<Job>>();

  /** Registers a running job and returns it (its object is updated in place). */
  create(filesTotal: number, bytesTotal: number): Job {
    const job: Mutable<Job> = {
      id: randomUUID(),
      state: 'running',
      filesDone: 0,
      filesTotal,
      bytesDone: 0,
      bytesTotal,
      sources: 0,
    };
    this.#jobs.set(job.id, job);
    this.#prune();
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Copies ingest progress onto the job. */
  progress(id: string, p: IngestProgress): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    Object.assign(job, {
      filesDone: p.filesDone,
      filesTotal: p.filesTotal,
      bytesDone: p.bytesDone,
      bytesTotal: p.bytesTotal,
      sources: p.sources,
    });
  }

  finish(id: string, result: NonNullable<Job['result']>): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    job.state = 'done';
    job.filesDone = job.filesTotal;
    job.bytesDone = job.bytesTotal;
    job.result = result;
  }

  fail(id: string, error: { code: string; message: string }): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    job.state = 'failed';
    job.error = error;
  }

  #prune(): void {
    for (const [id, job] of this.#jobs) {
      if (this.#jobs.size <= MAX_KEPT_JOBS) break;
      if (job.state !== 'running') this.#jobs.delete(id);
    }
  }
}
