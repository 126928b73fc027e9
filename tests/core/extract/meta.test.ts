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

  const metaOf = (tags: string) =>
    readPageMeta(parseDocument(`<html><head><title>Title element</title>${tags}</head><body></body></html>`));

  it("takes the title and the author in Readability's order: Dublin Core, Open Graph, <meta name=title>, Twitter, Parse.ly", () => {
    const all =
      '<meta name="twitter:title" content="Twitter"><meta property="og:title" content="Open Graph">' +
      '<meta name="title" content="Meta name"><meta property="dc:title" content="Dublin Core">' +
      '<meta name="author" content="Meta author"><meta property="dc:creator" content="DC author">';
    expect(metaOf(all)).toMatchObject({ title: 'Dublin Core', author: 'DC author' });
    expect(metaOf('<meta name="twitter:title" content="Twitter"><meta name="title" content="Meta name">').title).toBe(
      'Meta name',
    );
    expect(
      metaOf('<meta name="parsely-title" content="Parse.ly"><meta name="parsely-author" content="Jane">'),
    ).toMatchObject({ title: 'Parse.ly', author: 'Jane' });
  });

  it('reads each word of a key attribute as a key, and skips a tag without content', () => {
    const tags =
      '<meta property="og:description twitter:description"><meta property="x:title dc:title" content="Preferred">' +
      '<meta property="og:title twitter:title" content="A title"><meta property="dc:creator twitter:site_name" content="Creator">';
    expect(metaOf(tags)).toMatchObject({ title: 'Preferred', author: 'Creator' });
  });

  it('decodes (twice: sites escape their escapes) and collapses a value, and takes no profile URL for an author', () => {
    const tags =
      '<meta property="og:title" content=" Water &amp;amp; \n code "><meta property="article:author" content="https://x.test/a">';
    expect(metaOf(tags)).toMatchObject({ title: 'Water & code', author: undefined });
  });
});
