/**
 * @module core/paragraphs
 * How Lede writes several paragraphs as one text: separated by a blank line. The extract stage writes an
 * article's body so (`ExtractedArticle.text`), the licence stage counts and hashes an excerpt's paragraphs
 * joined so, and the renderers print an excerpt's plain text so: one definition keeps them agreeing (an
 * excerpt re-cut from its own paragraphs must count the words its licence counted).
 */

/** Between two paragraphs of a text: a blank line. */
export const PARAGRAPH_BREAK = '\n\n';

/**
 * How a text is read back into paragraphs: a blank line, possibly holding spaces. The licence splits an article
 * by it both to leave out repeated paragraphs and to cut its excerpt, so the two see the same paragraphs.
 */
export const PARAGRAPH_SEPARATOR = /\n\s*\n/;

/**
 * Paragraphs as one text, separated by a blank line.
 * @example joinParagraphs(['First paragraph.', 'Second.']) // 'First paragraph.\n\nSecond.'
 */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join(PARAGRAPH_BREAK);
}
