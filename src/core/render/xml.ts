/**
 * @module core/render/xml
 * The ONE place text is made safe for markup. Every renderer (RSS, Atom, item HTML, JSON Feed strings)
 * goes through these two functions, so a hostile title or excerpt is handled the same way everywhere.
 *
 * We escape rather than wrap in CDATA: a CDATA section ends at the first "]]>", which a hostile string
 * can contain (the `feed` package wrote CDATA without splitting it), while escaping `>` everywhere
 * makes "]]>" harmless by construction.
 */

/**
 * Characters outside the XML 1.0 `Char` production (https://www.w3.org/TR/xml/#charsets): C0 controls
 * except tab, LF and CR; U+FFFE and U+FFFF; and, with the `u` flag, any lone surrogate (a paired
 * surrogate is one astral code point and does not match the range).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Remove every character an XML 1.0 document may not contain. A parser must reject a feed holding one
 * (even as a character reference), so one stray U+0008 in a page would break the whole feed.
 *
 * @example
 * stripControlChars('a\u0000b\uD800c'); // 'abc'
 */
export function stripControlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/**
 * Escape text for an XML/HTML text node or a quoted attribute value (either quote), after stripping
 * characters XML forbids. `&` is always escaped, so "&amp;" in the input shows as "&amp;", not "&".
 *
 * @example
 * escapeXml('Tom & "Jerry" <b>]]>'); // 'Tom &amp; &quot;Jerry&quot; &lt;b&gt;]]&gt;'
 */
export function escapeXml(text: string): string {
  return stripControlChars(text).replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Attributes in the order given; undefined values are left out. */
type Attributes = Readonly<Record<string, string | undefined>>;

function renderAttributes(attributes: Attributes): string {
  return Object.entries(attributes)
    .flatMap(([name, value]) => (value === undefined ? [] : [` ${name}="${escapeXml(value)}"`]))
    .join('');
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
  const open = `<${name}${renderAttributes(attributes)}`;
  return text === undefined ? `${open}/>` : `${open}>${escapeXml(text)}</${name}>`;
}
