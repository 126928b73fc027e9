/**
 * @module core/render/xml
 * The ONE place text is made safe for markup. Every renderer (RSS, Atom, item HTML, JSON Feed strings)
 * goes through these two functions, so a hostile title or excerpt is handled the same way everywhere.
 *
 * We escape rather than wrap in CDATA: a CDATA section ends at the first "]]>", which a hostile string
 * can contain (the `feed` package wrote CDATA without splitting it), while escaping `>` everywhere
 * makes "]]>" harmless by construction.
 */
import { stripControlChars } from './xml-chars.ts';

// Renderers strip through this module too, so every markup-safety step stays one import away.
export { stripControlChars };

const MARKUP = /[&<>"']/g;
/** The same class as a test: most short text (titles, URLs, dates) holds none, and then needs no new string. */
const HAS_MARKUP = /[&<>"']/;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escape text for an XML/HTML text node or a quoted attribute value (either quote), after stripping
 * characters XML forbids. `&` is always escaped, so "&amp;" in the input shows as "&amp;", not "&".
 *
 * @example
 * escapeXml('Tom & "Jerry" <b>]]>'); // 'Tom &amp; &quot;Jerry&quot; &lt;b&gt;]]&gt;'
 */
export function escapeXml(text: string): string {
  const clean = stripControlChars(text);
  return HAS_MARKUP.test(clean) ? clean.replace(MARKUP, (char) => ENTITIES[char] ?? char) : clean;
}

/**
 * A `JSON.stringify` replacer that strips characters XML forbids from every string value as it is written (keys
 * are left alone): JSON.stringify hands it the root, every member and every array element, so no stripped copy
 * of the document is built first.
 *
 * @example
 * JSON.stringify({ title: 'a\u0000b', tags: ['c\uD800'] }, stripJsonStrings); // '{"title":"ab","tags":["c"]}'
 */
export function stripJsonStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? stripControlChars(value) : value;
}

/** Attributes in the order given; undefined values are left out. */
type Attributes = Readonly<Record<string, string | undefined>>;

// A loop rather than entries/flatMap/join: every element of every item goes through here.
function renderAttributes(attributes: Attributes): string {
  let out = '';
  for (const name of Object.keys(attributes)) {
    const value = attributes[name];
    if (value !== undefined) out += ` ${name}="${escapeXml(value)}"`;
  }
  return out;
}

/** A start tag with escaped attribute values, e.g. for a root element whose children are rendered apart. */
export function renderStartTag(name: string, attributes: Attributes = {}): string {
  return `<${name}${renderAttributes(attributes)}>`;
}

/**
 * One element with escaped text content, or self-closing when `text` is undefined.
 *
 * @example
 * renderElement('guid', 'https://ex.com/a?b&c', { isPermaLink: 'true' });
 * // '<guid isPermaLink="true">https://ex.com/a?b&amp;c</guid>'
 */
export function renderElement(name: string, text: string | undefined, attributes: Attributes = {}): string {
  return text === undefined
    ? `<${name}${renderAttributes(attributes)}/>`
    : renderEscapedElement(name, escapeXml(text), attributes);
}

/**
 * One element whose content is already `escapeXml` output, for text escaped once and placed in several
 * documents (an item's HTML in RSS and Atom); `renderElement(name, text, a)` is `renderEscapedElement(name, escapeXml(text), a)`.
 */
export function renderEscapedElement(name: string, escaped: string, attributes: Attributes = {}): string {
  return `<${name}${renderAttributes(attributes)}>${escaped}</${name}>`;
}
