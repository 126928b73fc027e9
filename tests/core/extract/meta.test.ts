/**
 * @module tests/core/extract/meta
 * readPageMeta's document title comes from the tag index: the first `<title>` inside a `<head>`, else the first
 * anywhere. The property: on generated pages with titles in and out of heads (an SVG's own `<title>`, several
 * heads, none), it is the title the css-select queries it replaced find.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPageMeta } from '../../../src/core/extract/meta.ts';
import { collapseWhitespace, readTextContent, selectFirst } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { markupTree } from '../../helpers/markup-tree.ts';
import { readPageMetaBefore } from '../../helpers/meta-before.ts';

const markup = markupTree({
  leaf: fc.constantFrom('', 'Water code', ' Senate  votes ', 'x'),
  tags: ['head', 'title', 'div', 'svg', 'body', 'p', 'html'],
  attributes: fc.constant(''),
  maxChildren: 4,
});

describe('readPageMeta', () => {
  it('reads the document title css-select’s `head title`, then `title`, find (the code it replaced)', () => {
    fc.assert(
      fc.property(fc.array(markup, { maxLength: 5 }), (parts) => {
        const document = parseDocument(parts.join(''));
        const title = selectFirst(document, 'head title') ?? selectFirst(document, 'title');
        const expected = title ? collapseWhitespace(readTextContent(title)) : undefined;
        expect(readPageMeta(document).documentTitle).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads every meta tag as before it decoded only the values of the keys asked for', () => {
    const keys = fc.constantFrom(
      '',
      'og:title',
      'OG:Title og:title',
      ' author  dc.creator ',
      'author\u00a0dc.creator',
      '\tdate\n',
      'article:tag',
      'article:section article:tag',
      'og:image',
      'twitter:image',
      'og:locale',
      'content-language',
      'article:published_time',
      'date',
    );
    const meta = fc
      .tuple(
        fc.subarray(['property', 'name', 'itemprop', 'http-equiv']),
        fc.array(keys, { minLength: 4, maxLength: 4 }),
        fc.constantFrom(
          '',
          ' ',
          ' \n\t ',
          '&#160;',
          'Water &amp; code',
          'Water &amp;amp; &amp;lt;code&amp;gt;',
          ' Senate\u00a0 votes ',
          'a, b,c',
          '2025-01-02T10:11:00Z',
          'https://x.test/i.jpg',
          '//cdn.x.test/author',
          'en_US',
        ),
      )
      .map(
        ([attributes, values, content]) =>
          `<meta ${attributes.map((name, index) => `${name}="${values[index] ?? ''}"`).join(' ')} content="${content}">`,
      );
    fc.assert(
      fc.property(fc.array(meta, { maxLength: 10 }), (metas) => {
        const document = parseDocument(
          `<html lang="kk"><head>${metas.join('')}<title>T</title></head><body></body></html>`,
        );
        expect(readPageMeta(document)).toEqual(readPageMetaBefore(document));
      }),
      { numRuns: 2000 },
    );
  });
});
