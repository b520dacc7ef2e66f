/**
 * The markup libraries, loaded on first use. linkedom, Readability and fast-xml-parser take about 0.3 CPU-s to
 * load (0.8 s through tsx); every `kora` command and every parse thread paid that at start-up, though a library
 * of JSONL, text or PDF files never parses markup.
 */
import type { Readability } from '@mozilla/readability';
import type { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { parseHTML } from 'linkedom';

export interface MarkupLibraries {
  readonly parseHTML: typeof parseHTML;
  readonly Readability: typeof Readability;
  readonly XMLParser: typeof XMLParser;
  readonly XMLValidator: typeof XMLValidator;
}

let loaded: MarkupLibraries | undefined;

/** Loads the markup libraries once; a reader awaits this before it parses HTML or XML. */
export async function loadMarkupLibraries(): Promise<MarkupLibraries> {
  if (!loaded) {
    const [linkedom, readability, xml] = await Promise.all([
      import('linkedom'),
      import('@mozilla/readability'),
      import('fast-xml-parser'),
    ]);
    loaded = {
      parseHTML: linkedom.parseHTML,
      Readability: readability.Readability,
      XMLParser: xml.XMLParser,
      XMLValidator: xml.XMLValidator,
    };
  }
  return loaded;
}

/** The libraries, once `loadMarkupLibraries()` has resolved. */
export function markupLibraries(): MarkupLibraries {
  if (!loaded) throw new Error('markup libraries used before loadMarkupLibraries() resolved');
  return loaded;
}
