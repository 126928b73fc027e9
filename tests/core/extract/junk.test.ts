/**
 * @module tests/core/extract/junk
 * `removeJunk` finds junk by tag, ARIA role and hiding attributes with its own walk: on generated
 * containers — junk tags nested in junk and in content, roles in other cases, `hidden` with and without a
 * value, `aria-hidden` true and not, widget class names, `remove` selectors — it leaves the tree the
 * previous version (css-select on a selector list, kept verbatim in tests/helpers) left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeJunk } from '../../../src/core/extract/junk.ts';
import { readBody } from '../../../src/core/html-dom.ts';
import { parseDocument } from '../../../src/core/parse-html.ts';
import { describeTree } from '../../helpers/describe-tree.ts';
import { removeJunkBefore } from '../../helpers/junk-before.ts';
import { markupTree } from '../../helpers/markup-tree.ts';

const TAGS = ['div', 'p', 'span', 'nav', 'aside', 'script', 'svg', 'form', 'button', 'iframe', 'footer', 'section'];
const ATTRIBUTES = [
  '',
  ' role="navigation"',
  ' role="Navigation"',
  ' role="main"',
  ' role="dialog"',
  ' role=" banner"',
  ' hidden',
  ' hidden="false"',
  ' aria-hidden="true"',
  ' aria-hidden="TRUE"',
  ' aria-hidden="false"',
  ' class="share-bar"',
  ' class="article-content"',
  ' class="post-comments"',
  ' style="display: none"',
  ' class="ad"',
];
const WORDS = ['A sentence of the story.', 'Share', 'x'.repeat(60), ' ', ''];

const markup = markupTree({
  leaf: fc.constantFrom(...WORDS),
  tags: TAGS,
  attributes: fc.constantFrom(...ATTRIBUTES),
  maxChildren: 4,
});

const REMOVE = [[], ['.ad'], ['span', '.nope[']];

describe('removeJunk', () => {
  it('leaves the tree the selector-list version left', () => {
    fc.assert(
      fc.property(fc.array(markup, { minLength: 1, maxLength: 4 }), fc.constantFrom(...REMOVE), (parts, remove) => {
        const html = `<main class="story">${parts.join('')}</main>`;
        const [now, before] = [readBody(parseDocument(html)), readBody(parseDocument(html))];
        if (!now || !before) throw new Error('a parsed page has a body');
        removeJunk(now, remove);
        removeJunkBefore(before, remove);
        expect(describeTree(now)).toEqual(describeTree(before));
      }),
      { numRuns: 800 },
    );
  });
});
