/** Messages between the parse pool and its workers (structured-cloned, so plain data only). */
import type { SegmentedSource, SentenceKind, SentenceSpan } from '../../core/model.ts';
import type { FailureKinds, ParsedFile, PreparedSource } from './parse-file.ts';

/**
 * What a worker starts with: every task of the batch, and a shared cursor through which all parse threads
 * (the workers and the calling thread) claim the next task (see workers/cursor.ts).
 */
export interface WorkerStart<T, O> {
  readonly tasks: readonly T[];
  readonly options: O;
  readonly cursor: SharedArrayBuffer;
}

/** Exactly one of `result` (parsed), `failure` (a KoraError message: the input is unusable), `crash` (a bug). */
export type WorkerReply =
  | { readonly id: number; readonly result: PackedFile }
  | { readonly id: number; readonly failure: string }
  | { readonly id: number; readonly crash: string };

/**
 * A parsed file as it crosses threads: each source's sentence spans in typed arrays and its index terms in one
 * string. Cloned as objects, 10 MB of parsed JSONL took 37.5 MB of message and 0.17–0.24 s to receive on the
 * writer thread, which is the one that limits a two-thread ingest of JSONL (−4 % wall time with packing).
 */
export interface PackedFile {
  readonly sources: readonly PackedSource[];
  readonly failed: ParsedFile['failed']; // plain objects: cloned as they are
  readonly failedKinds?: FailureKinds;
}

interface PackedSource extends Omit<PreparedSource, 'source'> {
  readonly source: Omit<SegmentedSource, 'sentences' | 'sentenceTerms'>;
  /** start, end, passage of each sentence, in order. */
  readonly spans: Int32Array;
  /** Per sentence: the index of its kind in KINDS, plus BOILERPLATE_BIT. */
  readonly flags: Uint8Array;
  /** The sentences' index terms joined by newlines (terms never hold one). */
  readonly terms?: string;
}

const KINDS: readonly SentenceKind[] = ['sentence', 'heading', 'item'];
const BOILERPLATE_BIT = 4;

/** A file's failures (and, for a line range, their kinds) as they are: plain data. */
const failures = ({ failed, failedKinds }: Pick<ParsedFile, 'failed' | 'failedKinds'>) => ({
  failed,
  ...(failedKinds ? { failedKinds } : {}),
});

export function packFile(file: ParsedFile): { packed: PackedFile; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const sources = file.sources.map(({ source, ...prints }): PackedSource => {
    const { sentences, sentenceTerms, ...rest } = source;
    const spans = new Int32Array(sentences.length * 3);
    const flags = new Uint8Array(sentences.length);
    sentences.forEach((s, i) => {
      spans[i * 3] = s.start;
      spans[i * 3 + 1] = s.end;
      spans[i * 3 + 2] = s.passage;
      flags[i] = KINDS.indexOf(s.kind) | (s.boilerplate ? BOILERPLATE_BIT : 0);
    });
    transfer.push(spans.buffer as ArrayBuffer, flags.buffer as ArrayBuffer);
    return { ...prints, source: rest, spans, flags, ...(sentenceTerms ? { terms: sentenceTerms.join('\n') } : {}) };
  });
  return { packed: { sources, ...failures(file) }, transfer };
}

export function unpackFile(file: PackedFile): ParsedFile {
  const sources = file.sources.map(({ source, spans, flags, terms, ...prints }): PreparedSource => {
    const sentences: SentenceSpan[] = Array.from(flags, (flag, i) => ({
      start: spans[i * 3] as number,
      end: spans[i * 3 + 1] as number,
      kind: KINDS[flag & ~BOILERPLATE_BIT] as SentenceKind,
      passage: spans[i * 3 + 2] as number,
      boilerplate: (flag & BOILERPLATE_BIT) !== 0,
    }));
    const unpacked: SegmentedSource = {
      ...source,
      sentences,
      ...(terms !== undefined ? { sentenceTerms: sentences.length === 0 ? [] : terms.split('\n') } : {}),
    };
    return { ...prints, source: unpacked };
  });
  return { sources, ...failures(file) };
}
