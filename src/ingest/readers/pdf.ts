/**
 * PDF: the text layer of each page, via unpdf (PDF.js packaged for servers; F1 ≥ .996 against pdftotext,
 * ../shared/LIBRARIES.md §3). Pages are read one at a time so that a page PDF.js cannot decode is skipped
 * with a warning instead of losing the file; the document keeps one entry per page so page numbers stay true.
 */
import { getDocumentProxy } from 'unpdf';
import type { Diagnostic } from '../../core/diagnostics.ts';
import { createError } from '../../core/errors.ts';
import { baseTitle } from './decode.ts';
import type { Reader } from './reader.ts';

/** PDF.js log level: 0 prints errors only, so recoverable font and xref warnings do not clutter the CLI. */
const PDFJS_VERBOSITY_ERRORS = 0;

interface TextItem {
  readonly str?: string;
  readonly hasEOL?: boolean;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Opens a PDF or throws the KoraError that says what to do (encrypted, corrupt). */
async function openPdf(location: string, bytes: Uint8Array): Promise<PdfDocument> {
  try {
    // a copy: PDF.js may detach the buffer it is given, and the caller's bytes must stay usable
    return await getDocumentProxy(new Uint8Array(bytes), { verbosity: PDFJS_VERBOSITY_ERRORS });
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw createError('ENCRYPTED', location);
    const detail = (error as Error).message || name || 'unknown error';
    throw createError('CORRUPT', location, `it is not a readable PDF (${detail}); is it truncated or damaged?`);
  }
}

/** Text of one page: PDF.js items in content order, a newline where PDF.js saw a line end. */
async function pageText(pdf: PdfDocument, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  return (content.items as TextItem[])
    .filter((item) => typeof item.str === 'string')
    .map((item) => item.str + (item.hasEOL ? '\n' : ''))
    .join('');
}

function titleOf(info: unknown): string | undefined {
  const title = (info as { Title?: unknown } | undefined)?.Title;
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
}

export const pdfReader: Reader = {
  format: 'pdf',
  extensions: ['.pdf'],
  async read({ location, bytes }) {
    const pdf = await openPdf(location, bytes);
    try {
      const pages: string[] = [];
      const diagnostics: Diagnostic[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        try {
          pages.push(await pageText(pdf, n));
        } catch (error) {
          pages.push(''); // keeps later pages' numbers right
          diagnostics.push({
            severity: 'warning',
            location: `${location}#page=${n}`,
            message: `page ${n} could not be read and was skipped (${(error as Error).message})`,
          });
        }
      }
      if (pages.every((page) => !page.trim())) {
        if (diagnostics.length === pdf.numPages && pdf.numPages > 0) {
          throw createError('CORRUPT', location, 'none of its pages could be read; is it damaged?');
        }
        throw createError('NO_TEXT_LAYER', location);
      }
      let title: string | undefined;
      try {
        title = titleOf((await pdf.getMetadata()).info);
      } catch {
        // metadata is optional; a damaged Info dictionary must not cost the text
      }
      return {
        documents: [{ location, format: 'pdf', title: title ?? baseTitle(location), text: '', pages }],
        diagnostics,
      };
    } finally {
      await pdf.destroy();
    }
  },
};
