/** Branded identifiers: a SourceId can never be passed where a plain string or another id is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Stable id of a source: a short hash of where it came from (file path, URL, record key). */
export type SourceId = Brand<string, 'SourceId'>;
/** Row id of one sentence in a store. */
export type SentenceId = Brand<number, 'SentenceId'>;

export const asSourceId = (value: string): SourceId => value as SourceId;
export const asSentenceId = (value: number): SentenceId => value as SentenceId;
