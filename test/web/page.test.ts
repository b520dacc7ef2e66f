/**
 * The page in a real browser against `kora serve`: upload → brief → citation → highlighted quote, export,
 * the verify flow, keyboard use, a phone-sized layout, and hostile sources that must execute nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import type { Brief } from '../../src/core/model.ts';
import {
  launchBrowser,
  NO_BROWSER,
  type Served,
  screenshot,
  startServer,
  uploadThroughPage,
  watchedPage,
} from './harness.ts';

const XSS_DIR = fileURLToPath(new URL('../fixtures/xss/', import.meta.url));

/** A small library about the tea trade, written to a temp folder (one file per source). */
const ARTICLES: Record<string, string> = {
  'kyakhta.txt': `Kyakhta and the Tea Road

Kyakhta was the main market of the tea trade between China and Russia. The treaty of 1727 opened the border town to licensed merchants. Chinese traders brought brick tea and silk to Kyakhta every winter. Russian merchants paid for the tea with furs, cloth and later silver. By 1800 the tea trade was the largest business on the border.
`,
  'caravans.md': `# Camel Caravans

Camel caravans carried the tea across the Gobi desert. A caravan often counted two hundred camels and took forty days to reach Kyakhta. The caravan trade employed thousands of Mongol drivers. Winter was the season of the caravans because the frozen ground was easier to cross.
`,
  'railway.txt': `The Railway and the End of the Caravans

The Trans-Siberian railway changed the tea trade after 1900. Tea shipped by sea to Odessa and then by rail became cheaper than tea carried by caravan. Kyakhta lost its merchants within two decades. The old caravan route fell silent as the railway carried the tea trade north.
`,
  'tea-houses.txt': `Tea Houses of Moscow

Moscow tea houses served the tea that came through Kyakhta. Russian families drank strong tea from the samovar at every meal. The demand of Moscow kept the tea trade profitable for merchants on the border. Tea houses became meeting places for traders, students and writers.
`,
};

/** Tab presses allowed from the topic field to the first citation (about ten controls lie between). */
const MAX_TABS = 25;

const SKIP = NO_BROWSER ? { skip: NO_BROWSER } : {};

describe('the page in chromium', SKIP, () => {
  let server: Served;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kora-web-files-'));
    for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(dir, name), text);
    server = await startServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  after(async () => {
    await closeBrowser?.();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const briefFromApi = async (topic: string, subtopics: number): Promise<Brief> => {
    const res = await fetch(`${server.url}/api/brief`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ topic, subtopics, bullets: 3 }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as Brief;
  };

  test('drop and choose files → brief → [n] opens the source with the quote highlighted', async (t) => {
    const { page, dialogs, errors } = await watchedPage(browser, server.url);
    // drag-and-drop: a synthetic drop event carrying one file, as the browser sends for a real drag
    const [first, ...rest] = Object.entries(ARTICLES);
    await page.evaluate(([name, text]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/plain' }));
      document
        .querySelector('#drop-zone')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, first!);
    await page.waitForFunction(() => document.querySelector('#library-count')?.textContent === '1 source');
    const message = await uploadThroughPage(
      page,
      rest.map(([name]) => join(dir, name)),
    );
    assert.match(message, /^Added 3, unchanged 0\./);
    assert.equal(await page.textContent('#library-count'), '4 sources');

    // layout shifts while the brief is written and drawn (CLS); the article's reserved height keeps it ~0
    await page.evaluate(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          (window as unknown as { __shift: number }).__shift += (entry as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: false });
    });
    await page.fill('#topic', 'tea trade');
    await page.fill('#subtopics', '3');
    await page.click('#brief-submit');
    await page.waitForSelector('#brief h1.brief-title', { timeout: 60_000 });
    const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
    assert.ok(shift < 0.01, `layout shift ${shift}`);
    t.diagnostic(`cumulative layout shift while the brief was written and drawn: ${shift.toFixed(4)}`);
    assert.match((await page.textContent('#brief-status')) ?? '', /^Brief written: \d+ subtopics from \d+ sources\.$/);

    const brief = await briefFromApi('tea trade', 3);
    assert.equal(await page.textContent('#brief h1'), brief.title);
    const headings = await page.$$eval('#brief h2', (hs) => hs.map((h) => h.textContent));
    assert.deepEqual(headings, [
      'Executive Summary',
      'Introduction',
      `Top ${brief.subtopics.length} Subtopics`,
      'Conclusion',
      'Keyword Phrase Tags',
      'Sources',
      'Gaps',
    ]);
    const firstCitation = brief.executiveSummary[0]!.citations[0]!;
    const n = brief.sources.find((s) => s.id === firstCitation.sourceId)!.n;
    const cite = page.locator('#brief .cite').first();
    assert.equal(await cite.textContent(), `[${n}]`);
    await cite.click();
    const mark = page.locator('#source-dialog[open] mark#source-quote');
    await mark.waitFor({ state: 'visible' });
    assert.equal(await mark.textContent(), firstCitation.quote);
    assert.equal(await page.textContent('#source-title'), brief.sources.find((s) => s.n === n)!.title);
    // scrolled into view: the mark lies inside the visible part of the scrolling text box
    const inView = await page.evaluate(() => {
      const m = document.querySelector('#source-quote')!.getBoundingClientRect();
      const box = document.querySelector('#source-text')!.getBoundingClientRect();
      return m.top >= box.top && m.bottom <= box.bottom;
    });
    assert.ok(inView, 'the highlighted quote is scrolled into view');
    await screenshot(page, 'source-dialog.png');
    await page.keyboard.press('Escape');
    await page.locator('#source-dialog').waitFor({ state: 'hidden' });
    // the Sources list opens the same source from its title
    await page.locator('#brief .sources button.source-title').first().click();
    await page.locator('#source-dialog[open] mark#source-quote').waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#source-title'), brief.sources[0]!.title);
    await page.keyboard.press('Escape');
    await page.locator('#source-dialog').waitFor({ state: 'hidden' });
    await screenshot(page, 'brief.png');

    // exports: Markdown and HTML rendered by the server, JSON from the page
    for (const [button, suffix, check] of [
      ['#export-md', '.md', (t: string) => t.includes(brief.title)],
      ['#export-html', '.html', (t: string) => /<html/i.test(t)],
      ['#export-json', '.json', (t: string) => (JSON.parse(t) as Brief).title === brief.title],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      assert.equal(download.suggestedFilename(), `tea-trade${suffix}`);
      const text = await readFile((await download.path())!, 'utf8');
      assert.ok(check(text), `${suffix} export content`);
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('keyboard: Tab reaches a citation, Enter opens it, Escape closes it', async () => {
    const { page } = await watchedPage(browser, server.url);
    await page.fill('#topic', 'tea trade');
    await page.press('#topic', 'Enter');
    await page.waitForSelector('#brief .cite', { timeout: 60_000 });
    // real Tab presses from the topic field: composer fields, export buttons, then the brief's first [n]
    await page.focus('#topic');
    let presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.classList.contains('cite')))) {
      assert.ok(++presses < MAX_TABS, 'Tab never reached a citation');
      await page.keyboard.press('Tab');
    }
    const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    assert.match(label ?? '', /^Source \d+: .+\(show the quote\)$/);
    await page.keyboard.press('Enter');
    await page.locator('#source-dialog[open] mark').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#source-dialog').waitFor({ state: 'hidden' });
    await page.context().close();
  });

  test('the outline replaces the automatic subtopics', async () => {
    const { page } = await watchedPage(browser, server.url);
    await page.fill('#topic', 'tea trade');
    await page.click('details.outline summary');
    await page.fill('#outline', 'Camel caravans\nThe railway');
    const [request] = await Promise.all([page.waitForRequest('**/api/brief'), page.click('#brief-submit')]);
    assert.deepEqual(request.postDataJSON(), {
      topic: 'tea trade',
      subtopics: 5,
      bullets: 3,
      outline: ['Camel caravans', 'The railway'],
    });
    await page.waitForSelector('#brief h1.brief-title', { timeout: 60_000 });
    const labels = await page.locator('#brief ol.subtopics > li > h3').allTextContents();
    // the brief title-cases headings; the words are the user's
    assert.deepEqual(
      labels.map((l) => l.toLowerCase()),
      ['camel caravans', 'the railway'],
    );
    await page.context().close();
  });

  test('verify: claims are coloured by label and show their evidence', async () => {
    const { page } = await watchedPage(browser, server.url);
    await page.click('#tab-verify');
    const draft =
      'Camel caravans carried the tea across the Gobi desert. The tea trade was run by Portuguese sailors in Lisbon.';
    await page.fill('#draft', draft);
    await page.click('#verify-submit');
    await page.waitForSelector('#verify-result .claim', { timeout: 60_000 });
    const claims = await page.$$eval('#verify-result .claim', (bs) =>
      bs.map((b) => ({
        text: b.textContent,
        label: b.getAttribute('data-label'),
        colour: getComputedStyle(b).backgroundColor,
      })),
    );
    assert.equal(claims.length, 2);
    assert.equal(claims[0]!.text, 'Camel caravans carried the tea across the Gobi desert.');
    assert.equal(claims[0]!.label, 'supported');
    assert.notEqual(claims[1]!.label, 'supported');
    assert.notEqual(claims[0]!.colour, claims[1]!.colour);
    // the draft is redrawn verbatim around the claims
    assert.equal(await page.textContent('#verify-result .draft'), draft);
    await page.locator('#verify-result .claim').first().click();
    await page.waitForSelector('#verify-evidence li q');
    await page.locator('#verify-evidence button').first().click();
    const mark = page.locator('#source-dialog[open] mark#source-quote');
    await mark.waitFor({ state: 'visible' });
    assert.match((await mark.textContent()) ?? '', /caravans carried the tea/i);
    await page.keyboard.press('Escape');
    await screenshot(page, 'verify.png');
    await page.context().close();
  });

  test('phone-sized screen: one column, nothing wider than the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.fill('#topic', 'tea trade');
    await page.click('#brief-submit');
    await page.waitForSelector('#brief .cite', { timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await screenshot(page, 'phone.png');
    await context.close();
  });

  test('library: the filter narrows the list and × removes a source', async () => {
    const { page } = await watchedPage(browser, server.url);
    await page.waitForFunction(() => document.querySelector('#library-count')?.textContent === '4 sources');
    await page.fill('#library-filter', 'moscow');
    assert.deepEqual(await page.locator('#source-list li:visible .source-title').allTextContents(), [
      'Tea Houses of Moscow',
    ]);
    await page.click('#source-list li:visible button.remove');
    await page.waitForFunction(() => document.querySelector('#library-count')?.textContent === '3 sources');
    const { sources } = (await (await fetch(`${server.url}/api/sources`)).json()) as { sources: { title: string }[] };
    assert.ok(!sources.some((s) => s.title === 'Tea Houses of Moscow'));
    await page.context().close();
  });
});

// its own server and library, so the hostile sources are the only ones a brief can cite
describe('hostile sources in chromium', SKIP, () => {
  let server: Served;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  before(async () => {
    server = await startServer();
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  after(async () => {
    await closeBrowser?.();
    await server?.stop();
  });

  test('hostile sources: titles, text and links with script execute nothing', async () => {
    const { page, dialogs, errors } = await watchedPage(browser, server.url);
    const message = await uploadThroughPage(
      page,
      ['caravan.html', 'ledger.jsonl', 'notes.md'].map((f) => join(XSS_DIR, f)),
    );
    assert.match(message, /^Added 3/);
    // the HTML in a title is shown as text
    const titles = await page.$$eval('#source-list .source-title', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(
      titles.some((t) => t.includes('<img src=x onerror=')),
      titles.join('\n'),
    );

    await page.fill('#topic', 'tea trade ledger caravans Kyakhta');
    await page.fill('#subtopics', '3');
    await page.click('#brief-submit');
    await page.waitForSelector('#brief .cite', { timeout: 60_000 });
    // open every cited source, including the hostile ones
    const cites = page.locator('#brief .cite');
    const count = await cites.count();
    const opened = new Set<string>();
    const metas: string[] = [];
    for (let i = 0; i < count; i++) {
      const label = (await cites.nth(i).getAttribute('aria-label')) ?? '';
      if (opened.has(label)) continue;
      opened.add(label);
      await cites.nth(i).click();
      await page.locator('#source-dialog[open] mark').waitFor();
      metas.push((await page.textContent('#source-meta')) ?? '');
      await page.keyboard.press('Escape');
      await page.locator('#source-dialog').waitFor({ state: 'hidden' });
    }
    assert.ok(
      [...opened].some((l) => l.includes('<img')),
      `a hostile source was cited: ${[...opened].join(' | ')}`,
    );

    // the JSONL record's javascript: URL was shown in the source dialog as text (never as a link)
    assert.ok(
      metas.some((m) => m.includes("javascript:window.__pwned='url'")),
      metas.join(' | '),
    );

    await page.click('#tab-verify');
    await page.fill(
      '#draft',
      "<script>window.__pwned='draft'</script> The tea trade made Kyakhta rich. <img src=x onerror=alert(1)>",
    );
    await page.click('#verify-submit');
    await page.waitForSelector('#verify-result .claim', { timeout: 60_000 });
    await page.locator('#verify-result .claim').first().click();

    const state = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      images: document.querySelectorAll('img, svg, iframe, object, embed').length,
      jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name)))
        .length,
    }));
    assert.deepEqual(state, { pwned: undefined, scripts: ['/main.js'], images: 0, jsLinks: 0, handlers: 0 });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await screenshot(page, 'hostile.png');
    await page.context().close();
  });
});
