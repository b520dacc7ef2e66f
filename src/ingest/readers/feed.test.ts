import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeXmlEntities, feedReader } from './feed.ts';
import { DEFAULT_READ_OPTIONS } from './reader.ts';

const read = async (xml: string, location = 'news.rss') =>
  feedReader.read({ location, bytes: new TextEncoder().encode(xml), options: DEFAULT_READ_OPTIONS });

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title>
<item><title>AT&amp;T &amp; friends</title><link>https://example.org/a</link><guid>https://example.org/a</guid>
<pubDate>Tue, 01 Sep 2020 10:00:00 GMT</pubDate><dc:creator>Ana Lee</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<h2>Heading</h2><p>First paragraph & more.</p><ul><li>one</li><li>two</li></ul><script>evil()</script>]]></content:encoded></item>
<item><title>Bare ampersand</title><link>https://example.org/b?x=1&y=2</link>
<description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt; body.&lt;/p&gt;</description></item>
</channel></rss>`;

test('RSS 2.0: one document per item with title, link, ISO date, author and cleaned HTML', async () => {
  const { documents, diagnostics } = await read(RSS);
  assert.deepEqual(diagnostics, []);
  assert.equal(documents.length, 2);
  const [a, b] = documents;
  assert.equal(a?.title, 'AT&T & friends');
  assert.equal(a?.url, 'https://example.org/a');
  assert.equal(a?.location, 'news.rss#https://example.org/a');
  assert.equal(a?.date, '2020-09-01T10:00:00Z');
  assert.equal(a?.author, 'Ana Lee');
  assert.equal(a?.format, 'feed');
  assert.equal(a?.text, 'Heading\n\nFirst paragraph & more.\n\n• one\n\n• two');
  assert.equal(b?.text, 'Escaped HTML body.');
  assert.equal(b?.url, 'https://example.org/b?x=1&y=2');
  assert.equal(b?.location, 'news.rss#https://example.org/b?x=1&y=2');
});

test('Atom: xhtml and html content, alternate link, author name', async () => {
  const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
  <entry><id>tag:blog,2024:1</id><title type="html">A &amp;amp; B</title>
  <link rel="self" href="https://blog/self/1"/><link rel="alternate" href="https://blog/1"/>
  <published>2024-03-05T08:00:00+01:00</published><author><name>Bo Chen</name></author>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello &amp; bye.</p><p>Second.</p></div></content></entry>
  <entry><id>tag:blog,2024:2</id><title>Two</title><link href="https://blog/2"/><updated>2024-03-06</updated>
  <summary type="html">&lt;p&gt;Only a summary.&lt;/p&gt;</summary></entry></feed>`;
  const { documents } = await read(atom, 'blog.atom');
  assert.equal(documents.length, 2);
  assert.equal(documents[0]?.url, 'https://blog/1');
  assert.equal(documents[0]?.location, 'blog.atom#tag:blog,2024:1');
  assert.equal(documents[0]?.date, '2024-03-05T07:00:00Z');
  assert.equal(documents[0]?.author, 'Bo Chen');
  assert.equal(documents[0]?.text, 'Hello & bye.\n\nSecond.');
  assert.equal(documents[1]?.text, 'Only a summary.');
  assert.equal(documents[1]?.date, '2024-03-06T00:00:00Z');
});

test('RDF / RSS 1.0 items with dc:date', async () => {
  const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://r/"><title>R</title></channel>
  <item rdf:about="https://r/1"><title>One</title><link>https://r/1</link><description>First item text.</description><dc:date>2021-01-02</dc:date></item>
  <item rdf:about="https://r/2"><title>Two</title><link>https://r/2</link><description>Second item text.</description></item></rdf:RDF>`;
  const { documents } = await read(rdf, 'r.rdf');
  assert.deepEqual(
    documents.map((d) => [d.title, d.url, d.date]),
    [
      ['One', 'https://r/1', '2021-01-02T00:00:00Z'],
      ['Two', 'https://r/2', undefined],
    ],
  );
});

test('one bad item is a diagnostic; the other items are kept', async () => {
  const xml = `<rss><channel><title>T</title><item><title>Empty</title><link>https://x/1</link></item>
  <item><title>Good</title><link>https://x/2</link><description>Good text.</description></item></channel></rss>`;
  const { documents, diagnostics } = await read(xml);
  assert.equal(documents.length, 1);
  assert.equal(diagnostics.length, 1);
  assert.match(diagnostics[0]?.message ?? '', /feed item 1 has no content \(title "Empty"\)/);
});

test('malformed feed: a clear error naming the file and the line', async () => {
  await assert.rejects(read('<rss><channel><item><title>x</title>\n</channel></rss>', 'bad.rss'), {
    message: /^cannot ingest "bad\.rss": malformed XML at line 2: /,
  });
  await assert.rejects(read('<html><body>not a feed</body></html>', 'page.xml'), {
    message: 'cannot ingest "page.xml": it is XML but not an RSS, Atom or RDF feed',
  });
  await assert.rejects(read('<urlset><url><loc>https://a/</loc></url></urlset>', 'sitemap.xml'), {
    message: 'cannot ingest "sitemap.xml": it is a sitemap, not a feed; ingest its URL to fetch the pages it lists',
  });
});

test('billion laughs: DOCTYPE entities are never expanded and memory stays bounded', async () => {
  const levels = Array.from({ length: 9 }, (_, i) => {
    const ref = i === 0 ? 'lol' : `&lol${i - 1 || ''};`.repeat(10);
    return `<!ENTITY lol${i || ''} "${ref}">`;
  }).join('');
  const xml = `<?xml version="1.0"?><!DOCTYPE rss [${levels}]><rss><channel><title>L</title>
  <item><title>&lol8;</title><link>https://l/1</link><description>Laugh &lol8; here.</description></item></channel></rss>`;
  const before = process.memoryUsage().heapUsed;
  const { documents } = await read(xml, 'lol.rss');
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(documents.length, 1);
  assert.equal(documents[0]?.title, '&lol8;');
  assert.equal(documents[0]?.text, 'Laugh &lol8; here.');
  assert.ok(grown < 50 * 1024 * 1024, `heap grew ${grown} bytes`);
});

test('decodeXmlEntities decodes only predefined and numeric references', () => {
  assert.equal(decodeXmlEntities('&lt;a&gt; &amp;amp; &#233;&#x41; &nbsp; &foo;'), '<a> &amp; éA &nbsp; &foo;');
});

test('a feed declared ISO-8859-1 is decoded by its declaration', async () => {
  const xml =
    '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>L</title><item><title>Caf\xe9</title><link>https://c/1</link><description>Cr\xe8me br\xfbl\xe9e.</description></item></channel></rss>';
  const bytes = Uint8Array.from(xml, (c) => c.charCodeAt(0));
  const { documents } = await feedReader.read({ location: 'latin.rss', bytes, options: DEFAULT_READ_OPTIONS });
  assert.equal(documents[0]?.title, 'Café');
  assert.equal(documents[0]?.text, 'Crème brûlée.');
});

test('an item without guid or link gets a key from its title and date, stable when items are prepended', async () => {
  const item =
    '<item><title>Lonely</title><pubDate>2022-05-01</pubDate><description>No link here.</description></item>';
  const before = await read(`<rss><channel><title>T</title>${item}</channel></rss>`);
  const newer = '<item><title>New</title><description>Fresh.</description></item>';
  const after = await read(`<rss><channel><title>T</title>${newer}${item}</channel></rss>`);
  assert.match(before.documents[0]?.location ?? '', /^news\.rss#[0-9a-f]{12}$/);
  assert.equal(after.documents[1]?.location, before.documents[0]?.location);
});

test('deeply nested XML is refused with a clear error, not a crash', async () => {
  const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
  const xml = `<rss><channel><title>T</title><item><title>x</title><description>ok</description><x>${deep}</x></item></channel></rss>`;
  await assert.rejects(read(xml, 'deep.rss'), {
    code: 'BAD_FEED',
    message: 'cannot ingest "deep.rss": unreadable XML (Maximum nested tags exceeded)',
  });
});
