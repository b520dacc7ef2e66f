/** Small wording helpers for labels built from keyphrases and the user's topic. */

const MINOR_WORDS = new Set('a an and as at but by for in nor of on or the to vs via with'.split(' '));

/** Title case that keeps acronyms as written and minor words lower-case: "russia and the UN" → "Russia and the UN". */
export function titleCase(text: string): string {
  return text
    .split(/(\s+)/)
    .map((word, i) => {
      if (/^\s+$/.test(word) || word.length === 0) return word;
      if (/[A-Z]/.test(word.slice(1)) || /\d/.test(word)) return word; // acronyms, mixed case, numbers: as written
      if (i > 0 && MINOR_WORDS.has(word.toLowerCase())) return word.toLowerCase();
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');
}
