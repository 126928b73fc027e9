/**
 * @module core/pull/html-to-text
 * Plain text from the small HTML fragments feeds put in titles and summaries (CDATA with `<b>`,
 * Atom `type="html"`, doubly escaped entities). Character references and the common named entities
 * are decoded here directly (a feed of 1000 items has 2000 such fragments); a fragment with a rarer
 * named entity goes through linkedom, which knows all of HTML's (HTML §13.5).
 */
import { parseHTML } from 'linkedom';

const BLOCK_TAG =
  /<\/?(p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|table|tr|td|th|section|article|aside|header|footer|figure|figcaption)\b[^>]*>/gi;

const COMMON_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '\u00AD',
  ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', sbquo: '‚',
  ldquo: '“', rdquo: '”', bdquo: '„', prime: '′', copy: '©', reg: '®', trade: '™', bull: '•',
  middot: '·', deg: '°', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', times: '×',
  divide: '÷', plusmn: '±', frac12: '½', frac14: '¼', frac34: '¾', numero: '№', eacute: 'é', egrave: 'è',
  agrave: 'à', aacute: 'á', ccedil: 'ç', ouml: 'ö', uuml: 'ü', auml: 'ä', szlig: 'ß', iacute: 'í', oacute: 'ó',
};

/** A code point from a character reference; U+FFFD for ones HTML replaces (NUL, surrogates, out of range). */
function fromCodePoint(code: number): string {
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || Number.isNaN(code);
  return invalid ? '\uFFFD' : String.fromCodePoint(code);
}

/** Decode references and common entities; undefined when a named entity outside the table remains. */
function decodeCommonEntities(text: string): string | undefined {
  let unknown = false;
  const decoded = text.replace(/&(#x[\da-f]+|#\d+|[a-z][a-z\d]*);/gi, (whole, name: string) => {
    if (name[0] === '#') return fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    const value = COMMON_ENTITIES[name];
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return unknown ? undefined : decoded;
}

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
  const text = stripped.includes('&') ? (decodeCommonEntities(stripped) ?? decodeAllEntities(stripped)) : stripped;
  return text.replace(/\s+/g, ' ').trim() || undefined;
}
