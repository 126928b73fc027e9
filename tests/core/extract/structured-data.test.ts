/**
 * @module tests/core/extract/structured-data
 * readStructuredData reads an article's categories (`articleSection`, then `keywords`) in one pass of loops. The
 * property: on generated JSON-LD articles whose sections and keywords are strings, comma lists, lists, numbers,
 * objects or nothing, with entities and every kind of white space, it reads what the code before did, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonLd } from '../../../src/core/extract/json-ld.ts';
import { readStructuredData } from '../../../src/core/extract/structured-data.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { readStructuredDataBefore } from '../../helpers/structured-data-before.ts';

const text = fc.constantFrom(
  'Culture',
  ' Music ,Dombra,, Heritage ',
  '',
  ' ',
  'a\u00a0&amp; b',
  ',',
  'x\n\ty',
  'Ünï, cödé',
);
const value = fc.oneof(
  text,
  fc.array(fc.oneof(text, fc.constant(7), fc.constant(null), fc.constant({ name: 'Obj' })), { maxLength: 3 }),
  fc.constant(42),
  fc.constant(null),
  fc.constant(undefined),
);

describe('readStructuredData', () => {
  it('reads every category as before it read them in one pass of loops', () => {
    fc.assert(
      fc.property(value, value, (articleSection, keywords) => {
        const article = { '@type': 'NewsArticle', headline: 'H', articleSection, keywords };
        const document = parseDocument(`<script type="application/ld+json">${JSON.stringify(article)}</script>`);
        const graph = readJsonLd(document);
        expect(readStructuredData(graph)).toEqual(readStructuredDataBefore(graph));
      }),
      { numRuns: 2000 },
    );
  });
});
