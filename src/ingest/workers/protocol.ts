/** Messages between the parse pool and its workers (structured-cloned, so plain data only). */
import type { ParsedFile } from './parse-file.ts';

export interface WorkerRequest<T, O> {
  /** Position of the task in input order. */
  readonly id: number;
  readonly task: T;
  readonly options: O;
}

/** Exactly one of `result` (parsed), `failure` (a KoraError message: the input is unusable), `crash` (a bug). */
export type WorkerReply =
  | { readonly id: number; readonly result: ParsedFile }
  | { readonly id: number; readonly failure: string }
  | { readonly id: number; readonly crash: string };
