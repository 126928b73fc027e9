/**
 * @module core/render/xml
 * The ONE place text is made safe for markup. Every renderer (RSS, Atom, item HTML, JSON Feed strings)
 * goes through these two functions, so a hostile title or excerpt is handled the same way everywhere.
 *
 * We escape rather than wrap in CDATA: a CDATA section ends at the first "]]>", which a hostile string
 * can contain (the `feed` package wrote CDATA without splitting it), while escaping `>` everywhere
 * makes "]]>" harmless by construction.
 */
import { MAY_HOLD_NOT_XML_CHAR_RANGES, stripControlChars } from '../xml-chars.ts';

// Renderers strip through this module too, so every markup-safety step stays one import away.
export { stripControlChars };

/**
 * Anything `escapeXml` may change, markup or (over code units) a character XML forbids, in one scan: most text
 * holds neither and is then returned after one scan instead of two (an excerpt's paragraphs most of all).
 */
const MAY_CHANGE = new RegExp(`[${MAY_HOLD_NOT_XML_CHAR_RANGES}&<>"']`);

/**
 * `MAY_CHANGE` and what a JSON string escapes besides (`\`, and tab, LF and CR, which XML allows): all C0
 * controls, surrogates, U+FFFE, U+FFFF, `&<>"'\`. Text it does not match is its own escape in XML and in a JSON
 * string (`isPlainText`).
 */
const MAY_CHANGE_OR_JSON = new RegExp(`[${MAY_HOLD_NOT_XML_CHAR_RANGES}\\u0000-\\u001F&<>"'\\\\]`);

/**
 * Whether `text` is `escapeXml(text)` and also, between quotes, its JSON string (JSON.stringify of it, stripped):
 * one scan, the same cost as `escapeXml`'s own test, answers for both formats — an excerpt's paragraph is then
 * never looked at again for JSON Feed.
 *
 * @example
 * isPlainText('Senate backs “water code”'); // true
 * isPlainText('a\\b'); // false: JSON escapes the backslash
 */
export function isPlainText(text: string): boolean {
  return !MAY_CHANGE_OR_JSON.test(text);
}

/** The entity for a markup character's code, else undefined. */
function entityOf(code: number): string | undefined {
  switch (code) {
    case 0x26:
      return '&amp;';
    case 0x3c:
      return '&lt;';
    case 0x3e:
      return '&gt;';
    case 0x22:
      return '&quot;';
    case 0x27:
      return '&apos;';
    default:
      return undefined;
  }
}

/**
 * `&<>"'` replaced by their entities, in one pass of slices: a `replace` with a function costs a call per
 * match and most of a microsecond per string, and the item HTML's markup is many short strings full of them.
 */
function escapeMarkup(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const entity = entityOf(text.charCodeAt(i));
    if (entity === undefined) continue;
    out += text.slice(last, i) + entity;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * Escape text for an XML/HTML text node or a quoted attribute value (either quote), after stripping
 * characters XML forbids. `&` is always escaped, so "&amp;" in the input shows as "&amp;", not "&".
 *
 * @example
 * escapeXml('Tom & "Jerry" <b>]]>'); // 'Tom &amp; &quot;Jerry&quot; &lt;b&gt;]]&gt;'
 */
export function escapeXml(text: string): string {
  return MAY_CHANGE.test(text) ? escapeMarkup(stripControlChars(text)) : text;
}

/**
 * `escapeXml(escaped)` for text that is `escapeXml` output already (an item's text inside its HTML, escaped
 * again as XML text): such text holds nothing to strip and none of `<>"'`, so only its `&`s change.
 *
 * @example
 * escapeEscapedXml(escapeXml('Tom & <Jerry>')); // 'Tom &amp;amp; &amp;lt;Jerry&amp;gt;'
 */
export function escapeEscapedXml(escaped: string): string {
  return escaped.includes('&') ? escaped.replaceAll('&', '&amp;') : escaped;
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
