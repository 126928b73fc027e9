/**
 * @module core/pull/html-to-text
 * Plain text from the small HTML fragments feeds put in titles and summaries (CDATA with `<b>`,
 * Atom `type="html"`, doubly escaped entities). Character references and the common named entities
 * are decoded directly by core/html-entities (a feed of 1000 items has 2000 such fragments); one with a rarer
 * named entity goes through linkedom, which knows all of HTML's (HTML §13.5).
 */
import { parseHTML } from 'linkedom';
import { decodeKnownEntities } from '../html-entities.ts';

const BLOCK_TAG =
  /<\/?(p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|section|article|aside|header|footer|figure|figcaption)\b[^>]*>/gi;

/** The slow, complete path: let an HTML parser decode every entity. */
function decodeAllEntities(text: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><p>${text.replace(/</g, '&lt;')}</p></body></html>`);
  return String(document.body.textContent ?? '');
}

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
  const known = stripped.includes('&') ? decodeKnownEntities(stripped) : { text: stripped, unknown: false };
  const text = known.unknown ? decodeAllEntities(stripped) : known.text;
  return text.replace(/\s+/g, ' ').trim() || undefined;
}
