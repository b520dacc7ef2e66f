/** The Reader interface: one per format, each turning a file's bytes into raw documents. */
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { RawDocument } from '../../core/model.ts';

/** Options that shape how records are read from structured files. */
export interface ReadOptions {
  /** JSON/JSONL/CSV field holding the text (default `text`). */
  readonly textField: string;
  readonly titleField: string;
  readonly idField: string;
}

export const DEFAULT_READ_OPTIONS: ReadOptions = { textField: 'text', titleField: 'title', idField: 'id' };

export interface ReadInput {
  /** Where the bytes came from, used in locations and messages. */
  readonly location: string;
  readonly bytes: Uint8Array;
  readonly options: ReadOptions;
}

/** Documents read from one input, and the recoverable problems met on the way (a bad JSONL line…). */
export interface ReadResult {
  readonly documents: RawDocument[];
  readonly diagnostics: Diagnostic[];
}

export interface Reader {
  /** Format name stored with each source, e.g. `html`. */
  readonly format: string;
  /** Lower-case file extensions this reader handles, with the dot. */
  readonly extensions: readonly string[];
  /** Throws a KoraError when the whole input is unusable; returns diagnostics for parts of it. */
  read(input: ReadInput): ReadResult | Promise<ReadResult>;
}
