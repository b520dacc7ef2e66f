/**
 * Shared bench helpers: a sentence pool from the real corpora in ../shared/data, synthetic libraries sampled
 * from it (any size, deterministic), a mixed library of HTML/feed/PDF/DOCX files, and measurement utilities.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { seededRandom } from '../src/analyze/random.ts';
import { prepareSource } from '../src/ingest/prepare.ts';

export const CORPORA = new URL('../../shared/data/corpora/', import.meta.url).pathname;

/** Sentences per synthetic document, lowest and highest (a UN speech has about 100). */
const DOC_SENTENCES = [40, 80] as const;
/** Sentences per paragraph, lowest and highest. */
const PARAGRAPH_SENTENCES = [3, 6] as const;
/** Bytes of JSONL per generated file: small enough that parse work spreads over all cores. */
const FILE_BYTES = 1_000_000;
/** A pool sentence has at least this many characters (drops "Thank you." and headings). */
const MIN_SENTENCE_CHARS = 40;

/** The seeded PRNG analysis uses (mulberry32): the same seed gives the same library on every machine. */
export const random = seededRandom;

const between = (next: () => number, [low, high]: readonly [number, number]) =>
  low + Math.floor(next() * (high - low + 1));

/** Every prose sentence of the corpora, segmented by Kora itself; throws with a clear message when absent. */
export function sentencePool(): string[] {
  if (!existsSync(CORPORA)) throw new Error(`bench needs ${CORPORA} (../shared/data); it is absent here`);
  const pool: string[] = [];
  for (const file of readdirSync(CORPORA)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(CORPORA, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { id: string; text: string };
      const source = prepareSource({ location: record.id, title: record.id, format: 'text', text: record.text });
      for (const s of source.sentences) {
        const text = source.text.slice(s.start, s.end).replace(/\s+/g, ' ');
        if (s.kind === 'sentence' && text.length >= MIN_SENTENCE_CHARS) pool.push(text);
      }
    }
  }
  return pool;
}

/** Paragraphs of sampled sentences: the body of one synthetic document. */
function sampledBody(pool: readonly string[], next: () => number, sentences: number): string[] {
  const paragraphs: string[] = [];
  let left = sentences;
  while (left > 0) {
    const size = Math.min(left, between(next, PARAGRAPH_SENTENCES));
    paragraphs.push(Array.from({ length: size }, () => pool[Math.floor(next() * pool.length)]).join(' '));
    left -= size;
  }
  return paragraphs;
}

/**
 * Writes JSONL files of synthetic documents holding about `sentences` sentences in all, sampled from the pool.
 * Sentences are drawn independently, so documents are distinct (no near-duplicates, no shared paragraphs).
 */
export function writeJsonlLibrary(dir: string, pool: readonly string[], sentences: number, seed = 1): void {
  mkdirSync(dir, { recursive: true });
  const next = random(seed);
  let written = 0;
  let file = 0;
  let lines: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length === 0) return;
    writeFileSync(join(dir, `part-${String(file++).padStart(4, '0')}.jsonl`), `${lines.join('\n')}\n`);
    lines = [];
    bytes = 0;
  };
  for (let doc = 0; written < sentences; doc++) {
    const count = Math.min(sentences - written, between(next, DOC_SENTENCES));
    const year = 1990 + (doc % 35);
    const line = JSON.stringify({
      id: `doc-${doc}`,
      title: `Synthetic speech ${doc}`,
      date: `${year}-09-${String(1 + (doc % 28)).padStart(2, '0')}`,
      text: sampledBody(pool, next, count).join('\n\n'),
    });
    lines.push(line);
    bytes += line.length;
    written += count;
    if (bytes >= FILE_BYTES) flush();
  }
  flush();
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An HTML page with site furniture around sampled article text. */
function htmlPage(site: number, title: string, body: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><title>${escapeXml(title)}</title>
<meta property="article:published_time" content="2021-03-0${1 + (site % 9)}"></head><body>
<nav><a href="/">Home</a> <a href="/topics">Topics</a> <a href="/about">About site ${site}</a></nav>
<div class="cookies"><p>We use cookies on site ${site}. Accept all cookies or manage your preferences.</p></div>
<main><article><h1>${escapeXml(title)}</h1>${body.map((p) => `<p>${escapeXml(p)}</p>`).join('\n')}
<h2>Related articles</h2><ul><li><a href="/a">Briefing ${site} on regional security</a></li>
<li><a href="/b">Site ${site} explainer on trade corridors</a></li></ul></article></main>
<footer><p>Site ${site} Institute, an independent research centre. Contact the press office.</p></footer>
</body></html>`;
}

/** An RSS 2.0 feed of `items` entries with HTML content. */
function rssFeed(feed: number, items: readonly { title: string; body: readonly string[] }[]): string {
  const entries = items
    .map(
      (item, i) => `<item><title>${escapeXml(item.title)}</title><link>https://feed${feed}.example.org/${i}</link>
<guid>feed${feed}-${i}</guid><pubDate>Mon, 0${1 + (i % 9)} Mar 2021 10:00:00 GMT</pubDate>
<description><![CDATA[${item.body.map((p) => `<p>${p}</p>`).join('')}]]></description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed ${feed}</title>
<link>https://feed${feed}.example.org/</link><description>Bench feed</description>${entries}</channel></rss>`;
}

/** Characters per PDF line (Helvetica 10 pt on A4 with margins) and lines per page. */
const PDF_LINE_CHARS = 95;
const PDF_PAGE_LINES = 60;

async function pdfDocument(paragraphs: readonly string[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    let line = '';
    // Helvetica's WinAnsi encoding cannot draw every character of the corpus: keep printable Latin-1 only.
    for (const word of paragraph.replace(/[^\x20-\x7e\xa0-\xff]/g, ' ').split(/\s+/)) {
      if (line && line.length + word.length + 1 > PDF_LINE_CHARS) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line, '');
  }
  for (let start = 0; start < lines.length; start += PDF_PAGE_LINES) {
    const page = pdf.addPage([595, 842]);
    lines.slice(start, start + PDF_PAGE_LINES).forEach((text, i) => {
      page.drawText(text, { x: 50, y: 800 - i * 12, size: 10, font });
    });
  }
  return pdf.save();
}

async function docxDocument(title: string, paragraphs: readonly string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ text: title }), ...paragraphs.map((p) => new Paragraph({ text: p }))] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Counts of each kind of file in the mixed library (about 8 MB: enough to amortise starting the parse workers). */
export const MIXED = { sites: 8, pagesPerSite: 40, feeds: 12, itemsPerFeed: 25, pdfs: 40, docx: 40 } as const;

/** Writes the mixed library: HTML sites with shared furniture, RSS feeds, PDFs and DOCX files. */
export async function writeMixedLibrary(dir: string, pool: readonly string[], seed = 7): Promise<void> {
  const next = random(seed);
  const body = (sentences: number) => sampledBody(pool, next, sentences);
  for (let site = 0; site < MIXED.sites; site++) {
    const folder = join(dir, `site-${site}`);
    mkdirSync(folder, { recursive: true });
    for (let page = 0; page < MIXED.pagesPerSite; page++) {
      writeFileSync(join(folder, `page-${page}.html`), htmlPage(site, `Site ${site} article ${page}`, body(30)));
    }
  }
  mkdirSync(join(dir, 'feeds'), { recursive: true });
  for (let feed = 0; feed < MIXED.feeds; feed++) {
    const items = Array.from({ length: MIXED.itemsPerFeed }, (_, i) => ({ title: `Item ${i}`, body: body(8) }));
    writeFileSync(join(dir, 'feeds', `feed-${feed}.rss`), rssFeed(feed, items));
  }
  mkdirSync(join(dir, 'documents'), { recursive: true });
  for (let i = 0; i < MIXED.pdfs; i++)
    writeFileSync(join(dir, 'documents', `report-${i}.pdf`), await pdfDocument(body(120)));
  for (let i = 0; i < MIXED.docx; i++) {
    writeFileSync(join(dir, 'documents', `memo-${i}.docx`), await docxDocument(`Memo ${i}`, body(120)));
  }
}

/** Total bytes of the files under a folder. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** Runs a bench helper script in a fresh process (so its peak RSS is its own) and parses its JSON answer. */
export function runChild<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? 'null') as T);
    });
  });
}

/** Peak resident set size of this process so far (MB). */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** One line describing the machine, for RESULTS.md. */
export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `Node ${process.version}, ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/** Value of `--name value` in args, or the fallback. */
export function flag(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
}
