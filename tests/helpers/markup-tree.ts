/**
 * @module tests/helpers/markup-tree
 * Generated HTML for the properties that compare a rewritten walk with the code it replaced: nested elements
 * `<tag attributes>children</tag>` and leaves of text, in the shapes (tags, attributes, texts) each test needs.
 */
import fc from 'fast-check';

export interface MarkupTreeShape {
  /** A leaf: text (or any markup of no children). */
  readonly leaf: fc.Arbitrary<string>;
  readonly tags: readonly string[];
  /** What follows the tag name inside `<…>`: `''`, or attributes each with a leading space. */
  readonly attributes: fc.Arbitrary<string>;
  readonly maxChildren: number;
}

/**
 * One node of markup: a leaf or an element holding up to `maxChildren` nodes, each closed.
 * @example fc.array(markupTree({ leaf: fc.constant('text'), tags: ['p'], attributes: fc.constant(''), maxChildren: 3 }))
 */
export function markupTree({ leaf, tags, attributes, maxChildren }: MarkupTreeShape): fc.Arbitrary<string> {
  return fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(fc.constantFrom(...tags), attributes, fc.array(tie('node'), { maxLength: maxChildren }))
        .map(([tag, attrs, children]) => `<${tag}${attrs}>${children.join('')}</${tag}>`),
    ),
  })).node;
}
