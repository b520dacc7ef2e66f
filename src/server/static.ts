/**
 * The page: web/main.ts bundled by esbuild when the server starts (no build step, no files written),
 * styles minified, all held in memory and served with the CSP from security.ts.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

/** The page's folder, beside src/. */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** The three files of the page. */
export interface WebAssets {
  readonly html: string;
  readonly js: string;
  readonly css: string;
}

/** Bundles and minifies the page (about 100 ms). */
export async function buildWebAssets(webDir: string = WEB_DIR): Promise<WebAssets> {
  const [bundle, css, html] = await Promise.all([
    build({
      entryPoints: [`${webDir}main.ts`],
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      legalComments: 'none',
    }),
    readFile(`${webDir}styles.css`, 'utf8').then((text) => transform(text, { loader: 'css', minify: true })),
    readFile(`${webDir}index.html`, 'utf8'),
  ]);
  return { html, js: bundle.outputFiles[0]!.text, css: css.code };
}
