/**
 * @module tests/core/html-dom
 * `selectAll` answers class selectors (`.name`, `tag.name`, `.a.b`) with its own walk and a substring test
 * before the compiled query, instead of css-select's walk: the same elements in the same order as
 * css-select's `selectAll`, from a document and from an element, on generated pages whose class attributes
 * mix every kind of white space, near-miss names and repeated tokens. `collapseWhitespace` leaves a lone space
 * alone: the same text as the one-pattern version it replaced, over every code unit and any mix of text and space;
 * trimming first and testing before replacing changed nothing either (tests/helpers/html-dom-before.ts).
 */
import { selectAll as cssSelectAll } from 'css-select';
import type { AnyNode } from 'domhandler';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace, readBody, selectAll, type DomElement } from '../../src/core/html-dom.ts';
import { parseDocument } from '../../src/core/parse-html.ts';
import { collapseWhitespaceBefore } from '../helpers/html-dom-before.ts';
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

describe('collapseWhitespace', () => {
  // The function as it was before session 20: every run of white space replaced, a lone space by itself.
  const before = (text: string) => text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim() || undefined;

  it('collapses every code unit as the one-pattern version did, alone and between words', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      for (const text of [unit, `a${unit}b`, `a ${unit}b`, `a${unit} b`, `${unit}${unit}a`, ` ${unit}`])
        expect(collapseWhitespace(text), `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(before(text));
    }
  });

  it('gives the same text as the one-pattern version on any mix of words and white space', () => {
    const pieces = fc.oneof(fc.constantFrom(...SPACES, ' ', '\r\n', '\u2028', '\u3000'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(collapseWhitespace(text)).toBe(before(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('collapses every code unit as it did before trimming first, in every place a run can take', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const unit = String.fromCharCode(code);
      for (const text of [unit, `${unit}${unit}`, `a${unit}`, `${unit}a`, `a${unit}b`, `a  ${unit}b`, ` ${unit} `])
        expect(collapseWhitespace(text), `U+${code.toString(16)} in ${JSON.stringify(text)}`).toBe(
          collapseWhitespaceBefore(text),
        );
    }
  });

  it('gives the same text as before trimming first on any mix of words and white space, and on null', () => {
    const pieces = fc.oneof(
      fc.constantFrom(...SPACES, ' ', '   ', '\r\n', '\u2028', '\u3000', '\u200b\u200b', ' \u200b '),
      fc.string({ maxLength: 4, unit: 'binary' }),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(collapseWhitespace(text)).toBe(collapseWhitespaceBefore(text));
      }),
      { numRuns: 5000 },
    );
    expect(collapseWhitespace(null)).toBe(collapseWhitespaceBefore(null));
    expect(collapseWhitespace(undefined)).toBe(collapseWhitespaceBefore(undefined));
    expect(collapseWhitespace('')).toBe(collapseWhitespaceBefore(''));
  });
});
