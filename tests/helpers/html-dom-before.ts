/**
 * @module tests/helpers/html-dom-before
 * src/core/html-dom.ts `collapseWhitespace` (and the pattern it reads) as it was before session 22 trimmed first
 * and tested for white space to collapse before replacing it, kept verbatim (the entry renamed) as the reference
 * tests/core/html-dom.test.ts compares the new one with.
 * Remove this file, and that comparison, once the change has shipped through a release with the output hashes
 * unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes on purpose.
 */

/**
 * The white space `collapseWhitespace` makes one space where it is not one already: a run of two or more
 * (`\s`, NBSP and BOM among them, and the zero-width space), or one such character other than a space. A
 * single space is left alone: replacing it with itself, once per word, was most of the cost.
 */
const UNCOLLAPSED_WHITESPACE = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** Collapse runs of white space (including NBSP) to one space and trim; `undefined` when nothing is left. */
export function collapseWhitespaceBefore(text: string | null | undefined): string | undefined {
  if (text == null) return undefined;
  const collapsed = text.replace(UNCOLLAPSED_WHITESPACE, ' ').trim();
  return collapsed === '' ? undefined : collapsed;
}
