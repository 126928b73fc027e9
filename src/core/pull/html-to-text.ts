/**
 * @module core/pull/html-to-text
 * Plain text from the small HTML fragments feeds put in titles and summaries (CDATA with `<b>`,
 * Atom `type="html"`, doubly escaped entities). Character references are decoded by the `entities`
 * package as an HTML parser decodes text (HTML §13.5, every named reference, the legacy ones that may
 * omit `;`), without building a document: a feed of 1000 items has 2000 such fragments.
 */
import { decodeHTML } from 'entities';

const BLOCK_TAG =
  /<\/?(p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|section|article|aside|header|footer|figure|figcaption)\b[^>]*>/gi;

/**
 * Strip tags, decode entities, collapse whitespace. Undefined for empty results.
 *
 * @example
 * toPlainText('Almaty <b>Speed Skaters</b> &amp; more'); // 'Almaty Speed Skaters & more'
 */
export function toPlainText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  // Block-level tags become spaces ("<p>a</p><p>b</p>" reads "a b"); inline ones vanish ("<b>x</b>." reads "x.").
  const stripped = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(/<\/?[a-z][^>]*>|<!--[\s\S]*?-->/gi, '');
  const text = stripped.includes('&') ? decodeHTML(stripped) : stripped;
  return text.replace(/\s+/g, ' ').trim() || undefined;
}
