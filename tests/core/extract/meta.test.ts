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
});
