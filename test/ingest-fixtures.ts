/** Builders for ingest test inputs: real PDFs and DOCX made in memory, and hostile ones made by hand. */
import { deflateRawSync } from 'node:zlib';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** The text of threePagePdf(): the lines of each page. */
export const PAGES = [
  ['China is quietly exploiting the rift with the West.', 'Beijing gains influence in the region.'],
  ['Russian foreign policy remains focused on Europe.'],
  ['Moscow must reduce its dependence on China.'],
];

/** A three-page PDF with a text layer holding PAGES, one sentence per line. */
export async function threePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of PAGES) {
    const page = doc.addPage([500, 400]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 40, y: 350 - i * 20, size: 12, font });
    });
  }
  doc.setTitle('Sino-Russian notes');
  return doc.save();
}

/** A minimal PDF whose trailer names an /Encrypt dictionary (standard handler) that the empty password fails. */
export function encryptedPdf(): Uint8Array {
  const hex = (c: string, bytes: number) => `<${c.repeat(bytes * 2)}>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    `<< /Filter /Standard /V 1 /R 2 /O ${hex('a', 32)} /U ${hex('b', 32)} /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [${hex('c', 16)} ${hex('c', 16)}] >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A DOCX with a title heading, a paragraph, a subheading, a two-item bullet list and a closing paragraph. */
export async function sampleDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Sino-Russian Relations', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: 'China is quietly exploiting the rift. Moscow must reduce its dependence.' }),
          new Paragraph({ text: 'Key points', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Energy trade grows', bullet: { level: 0 } }),
          new Paragraph({ text: 'Border closures bite', bullet: { level: 0 } }),
          new Paragraph({ text: 'A closing paragraph ends here.' }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/**
 * A small ZIP (one stored entry `word/document.xml`, a few KB of deflated zeros) whose central directory declares
 * `declared` uncompressed bytes: what a zip bomb looks like before anything is inflated.
 */
export function zipBomb(declared = 0xfffffffe): Uint8Array {
  const name = Buffer.from('word/document.xml');
  const data = deflateRawSync(Buffer.alloc(1024 * 1024)); // 1 MB of zeros deflates to about 1 KB
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}

/** An RSS feed whose DOCTYPE declares the billion-laughs entities (10^8 "lol"s if expanded) and uses them. */
export function billionLaughsFeed(): string {
  const levels = Array.from({ length: 9 }, (_, i) => {
    const ref = i === 0 ? 'lol' : `&lol${i - 1 || ''};`.repeat(10);
    return `<!ENTITY lol${i || ''} "${ref}">`;
  }).join('');
  return `<?xml version="1.0"?><!DOCTYPE rss [${levels}]><rss><channel><title>L</title>
  <item><title>&lol8;</title><link>https://l/1</link><description>Laugh &lol8; here.</description></item></channel></rss>`;
}

/** HTML with `depth` nested elements: deeper than html.ts accepts, to test the refusal. */
export const deeplyNestedHtml = (depth = 100_000): string =>
  `<!doctype html><html><body>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}</body></html>`;

/** A PDF written by hand from its object bodies (object n is `objects[n - 1]`), with a correct xref table. */
function rawPdf(objects: readonly string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A PDF whose first page reads "First page text." and whose second page object is not a page (PDF.js throws). */
export function pdfWithBadPage(): Uint8Array {
  const content = 'BT /F1 12 Tf 40 300 Td (First page text.) Tj ET';
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>',
    '42',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

/** The line range size the JSONL tests plan with: the least planning allows (decode.ts SNIFF_BYTES), 8 KB. */
export const TEST_PART_BYTES = 8192;

const WORDS = `minister harbour treaty council budget railway election farmers coast river border trade delegation
summit province energy pipeline grain drought reform parliament court tariff currency port envoy ceasefire census
fishery mining forest refinery corridor customs militia monsoon vaccine clinic school`.split(/\s+/);

/** Deterministic sentences (a linear congruential generator), so that a failure reproduces. */
function sentences(seed: number, count: number): string {
  let state = seed;
  const word = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return WORDS[state % WORDS.length];
  };
  return Array.from({ length: count }, () => `The ${Array.from({ length: 12 }, word).join(' ')}.`).join(' ');
}

/**
 * A JSONL file of several TEST_PART_BYTES line ranges, with every kind of line a cut must keep right: records with
 * an id and without (keyed by their line number), lines that are not JSON (the first in the second range), records
 * that are not documents or have no words, CRLF endings, a line starting with U+FEFF, and a run of blank lines
 * three ranges long (so that one range holds blank lines only, and cuts fall between blank lines). `badLines` are
 * the numbers of the lines that are not JSON; `blankFrom` the byte offset where the blank run starts.
 */
export function jsonlInParts(): { text: string; badLines: number[]; blankFrom: number } {
  const lines: string[] = [];
  const badLines: number[] = [];
  const record = (i: number) =>
    JSON.stringify({ ...(i % 2 ? { id: `r${i}` } : {}), title: `Record ${i}`, text: sentences(i + 1, 3) });
  for (let i = 0; i < 32; i++) lines.push(record(i));
  badLines.push(lines.push('{"id": "broken", "text": "cut off'));
  lines.push('{"title": "no text"}', '[1, 2]', '{"id": "wordless", "text": "  "}', `${record(32)}\r`);
  lines.push(`\ufeff${record(33)}`);
  const blankFrom = Buffer.byteLength(`${lines.join('\n')}\n`);
  for (let i = 0; i < 9000; i++) lines.push(['', '   ', '\t', '\r'][i % 4] ?? '');
  for (let i = 34; i < 60; i++) lines.push(record(i));
  badLines.push(lines.push('not json at all'));
  lines.push('{"text": 42}', record(60));
  return { text: `${lines.join('\n')}\n`, badLines, blankFrom };
}
