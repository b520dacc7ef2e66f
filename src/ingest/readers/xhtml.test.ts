import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlReader } from './html.ts';
import { readerFor } from './index.ts';
import { DEFAULT_READ_OPTIONS } from './reader.ts';

test('.xhtml files go to the HTML reader, XML prolog and namespaces included', async () => {
  assert.equal(readerFor('notes/page.XHTML'), htmlReader);
  const xhtml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en"><head><title>Steppe notes</title></head>
<body><nav><a href="/">Home</a></nav><h1>Steppe notes</h1>
<p>Central Asia is where the influence of China and Russia meets.</p><ul><li>Trade</li><li>Security</li></ul></body></html>`;
  const { documents } = await htmlReader.read({
    location: 'page.xhtml',
    bytes: new TextEncoder().encode(xhtml),
    options: DEFAULT_READ_OPTIONS,
  });
  assert.equal(documents[0]?.title, 'Steppe notes');
  assert.match(documents[0]?.text ?? '', /Central Asia is where the influence of China and Russia meets\./);
  assert.match(documents[0]?.text ?? '', /• Trade/);
  assert.doesNotMatch(documents[0]?.text ?? '', /xml version|Home/);
});
