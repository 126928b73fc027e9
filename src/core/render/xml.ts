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

/**
 * Whether JSON text may hold a string with a character XML forbids: `JSON.stringify` writes a C0 control as `\b`,
 * `\f` or `\u00XX`, a lone surrogate as `\uDXXX` (ECMA-262 QuoteJSONString), U+FFFE and U+FFFF as themselves.
 * An escaped backslash before a `b`, `f` or `u` (`\\u`) counts too, which only sends that document the slow
 * way. Searched with indexOf: five searches of a feed take a quarter of one regular-expression scan.
 */
function mayHoldForbiddenJson(json: string): boolean {
  return FORBIDDEN_JSON_MARKS.some((mark) => json.includes(mark));
}

const FORBIDDEN_JSON_MARKS = ['\\u', '\\b', '\\f', '\uFFFE', '\uFFFF'];

/**
 * `JSON.stringify(value, stripJsonStrings, indent)`, the same string, written without the replacer when no
 * string value holds a character XML forbids: a replacer takes JSON.stringify off its fast path (a call per
 * member, most of a JSON Feed's time), and the plain output shows whether any string needed it — every such
 * character leaves a mark `mayHoldForbiddenJson` finds, and without one the replacer would have changed nothing.
 *
 * @example
 * stringifyStripped({ title: 'a\u0000b' }, 2); // '{\n  "title": "ab"\n}'
 */
export function stringifyStripped(value: unknown, indent: number): string {
  // Undefined (not a string) for undefined, a function or a symbol: the replacer's way then answers the same.
  const plain = JSON.stringify(value, null, indent) as string | undefined;
  return plain === undefined || mayHoldForbiddenJson(plain) ? JSON.stringify(value, stripJsonStrings, indent) : plain;
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
