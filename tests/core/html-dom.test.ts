/**
 * @module tests/core/html-dom
 * `selectAll` answers class selectors (`.name`, `tag.name`, `.a.b`) with its own walk and a substring test
 * before the compiled query, instead of css-select's walk: the same elements in the same order as
 * css-select's `selectAll`, from a document and from an element, on generated pages whose class attributes
 * mix every kind of white space, near-miss names and repeated tokens.
 */
import { selectAll as cssSelectAll } from 'css-select';
import type { AnyNode } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBody, selectAll, type DomElement } from '../../src/core/html-dom.ts';
import { parseDocument } from '../../src/core/parse-html.ts';
import { markupTree } from '../helpers/markup-tree.ts';

const NAMES = ['share', 'shares', 'share-bar', 'x-share', 'Share', 'related', 'a', 'b', '_c', '-d'];
const SPACES = [' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\u200b', '\ufeff'];
const classAttribute = fc
  .array(fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom(...SPACES)), { maxLength: 6 })
  .map((parts) => parts.join(''));
const TAGS = ['div', 'p', 'span', 'section', 'a'];

const markup = markupTree({
  leaf: fc.constantFrom('text', ''),
  tags: TAGS,
  attributes: fc.option(classAttribute).map((name) => (name === null ? '' : ` class="${name}"`)),
  maxChildren: 4,
});

const SELECTORS = ['.share', '.related', 'div.share', 'span.a', '.a.b', '.b.a', '._c', '.-d', '.Share', '.share-bar'];

/** The same elements — the same objects — in the same order. */
function expectSameElements(actual: readonly DomElement[], expected: readonly DomElement[]): void {
  expect(actual.length).toBe(expected.length);
  for (const [index, element] of actual.entries()) expect(element).toBe(expected[index]);
}

describe('selectAll with class selectors', () => {
  it('finds what css-select finds, in its order, below a document and below an element', () => {
    fc.assert(
      fc.property(
        fc.array(markup, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...SELECTORS),
        (parts, selector) => {
          const document = parseDocument(parts.join(''));
          expectSameElements(selectAll(document, selector), cssSelectAll<AnyNode, DomElement>(selector, document));
          const body = readBody(document);
          for (const root of body ? [body, ...cssSelectAll<AnyNode, DomElement>('*', body)] : [])
            expectSameElements(selectAll(root, selector), cssSelectAll<AnyNode, DomElement>(selector, root));
        },
      ),
      { numRuns: 600 },
    );
  });
});
