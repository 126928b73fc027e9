/**
 * @module tests/core/extract/metadata
 * readArticleMetadata reads each title and image source only when the sources before it are silent. The
 * property: on generated pages — a `<title>` with and without branding, Open Graph, JSON-LD headline, name and
 * image, one or several `<h1>`, `<h2>`s, a `<base>`, feed hints and selectors — it decides every field as the
 * previous version, which read them all, did (kept verbatim in tests/helpers).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../../src/core/extract/json-ld.ts';
import { readArticleMetadata } from '../../../src/core/extract/metadata.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { readArticleMetadataBefore } from '../../helpers/metadata-before.ts';

const option = (values: string[]) => fc.constantFrom('', ...values);

const page = fc
  .record({
    title: option([
      '<title>Senate backs the water code | The Monitor</title>',
      '<title>The Monitor - Senate backs the water code</title>',
      '<title>Water</title>',
      '<title>Senate: backs the water code reform today</title>',
      '<title> </title>',
    ]),
    og: option([
      '<meta property="og:title" content="Senate backs it — The Monitor">',
      '<meta property="og:image" content="/img/a.jpg">',
      '<meta name="twitter:image" content="https://cdn.example.com/b.png">',
      '<meta property="og:site_name" content="The Monitor">',
    ]),
    base: option(['<base href="https://other.example.com/dir/">']),
    jsonLd: option([
      '{"@type":"NewsArticle","headline":"Senate backs the water code"}',
      '{"@type":"NewsArticle","headline":"Senate backs it","name":"Name","image":["a.png","b.png"]}',
      '{"@type":"NewsArticle","name":"The water code","image":"pic.jpg"}',
      '{"@type":"NewsArticle","image":{"url":"javascript:alert(1)"}}',
      '{"@type":"WebPage"}',
    ]),
    h1s: fc.array(option(['Senate backs the water code', 'Water', 'The Monitor']), { maxLength: 3 }),
    h2s: fc.array(option(['Senate: backs', 'Related', 'Senate backs the water code reform today']), { maxLength: 3 }),
  })
  .map(({ title, og, base, jsonLd, h1s, h2s }) => {
    const script = jsonLd === '' ? '' : `<script type="application/ld+json">${jsonLd}</script>`;
    const headings = [...h1s.map((h) => `<h1>${h}</h1>`), ...h2s.map((h) => `<h2>${h}</h2>`)].join('');
    return `<html><head>${title}${og}${base}${script}</head><body>${headings}<p>Text.</p></body></html>`;
  });

const options = fc.record({
  selectors: fc.option(fc.record({ title: fc.constantFrom('h2', '.nope', 'h1'), remove: fc.constant([]) }), {
    nil: undefined,
  }),
  hints: fc.option(
    fc.record({
      url: fc.constant('https://news.example.com/a'),
      title: fc.constantFrom('Hinted', ''),
      image: fc.constantFrom('/hint.jpg', 'mailto:x'),
    }),
    { nil: undefined },
  ),
});

describe('readArticleMetadata', () => {
  it('decides every field as the previous version did (title and image sources read lazily)', () => {
    fc.assert(
      fc.property(page, options, (html, readOptions) => {
        const url = 'https://news.example.com/a?utm_source=x';
        const before = parseDocument(html);
        const after = parseDocument(html);
        expect(readArticleMetadata(after, readJsonLd(after), url, readOptions)).toEqual(
          readArticleMetadataBefore(before, readJsonLd(before), url, readOptions),
        );
      }),
      { numRuns: 1500 },
    );
  });
});
