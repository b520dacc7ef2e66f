/**
 * Language of a source, guessed from its text with franc (trigram profiles, ISO 639-3 codes such as `eng`,
 * `rus`, `cmn`). Only guessed when there is enough text: franc is unreliable on a headline or a caption.
 */
import { franc } from 'franc';

export interface LanguageOptions {
  /** Below this many characters of text no guess is made (chars; franc's own floor is 10, 100–500 is sane). */
  readonly minChars: number;
  /** Only this many characters are looked at (chars): trigram ranks settle within a few hundred characters, and franc's cost grows with the sample. */
  readonly sampleChars: number;
}

export const DEFAULT_LANGUAGE_OPTIONS: LanguageOptions = { minChars: 200, sampleChars: 1000 };

/** `franc`'s answer when it cannot tell. */
const UNDETERMINED = 'und';

/**
 * ISO 639-3 code of the text's language, or undefined when the text is too short or franc cannot tell:
 * `detectLanguage('The Assembly met in New York …')` → `'eng'`.
 */
export function detectLanguage(
  text: string,
  options: Readonly<LanguageOptions> = DEFAULT_LANGUAGE_OPTIONS,
): string | undefined {
  if (text.length < options.minChars) return undefined;
  // Sample from the middle as well as the start: a document's opening is often a title block or a byline.
  const half = Math.floor(options.sampleChars / 2);
  const sample =
    text.length <= options.sampleChars
      ? text
      : `${text.slice(0, half)}\n${text.slice(Math.floor(text.length / 2), Math.floor(text.length / 2) + half)}`;
  const code = franc(sample, { minLength: options.minChars });
  return code === UNDETERMINED ? undefined : code;
}
