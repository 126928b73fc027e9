/**
 * @module core/pull/html-to-text
 * Plain text from the small HTML fragments feeds put in titles and summaries (CDATA with `<b>`,
 * Atom `type="html"`, doubly escaped entities). linkedom decodes every HTML named entity, so this stays
 * correct for the long tail (`&hellip;`, `&laquo;`, `&#8217;`) without a table of our own.
 */
import { parseHTML } from 'linkedom';

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
  let textContent = html;
  if (/[<&]/.test(html)) {
    // Block-level tags become spaces ("<p>a</p><p>b</p>" reads "a b"); inline ones vanish ("<b>x</b>." reads "x.").
    const spaced = html
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(BLOCK_TAG, ' ')
      .replace(/<\/?[a-z][^>]*>|<!--[\s\S]*?-->/gi, '');
    const { document } = parseHTML(`<!doctype html><html><body><p>${spaced.replace(/</g, '&lt;')}</p></body></html>`);
    textContent = document.body.textContent ?? '';
  }
  return textContent.replace(/\s+/g, ' ').trim() || undefined;
}
