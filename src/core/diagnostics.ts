/** A recoverable problem carried on a result rather than thrown: the batch goes on. */
export interface Diagnostic {
  readonly severity: 'warning' | 'error';
  /** Which input it is about: a path, URL or record key. */
  readonly location: string;
  readonly message: string;
}

export const warning = (location: string, message: string): Diagnostic => ({ severity: 'warning', location, message });
