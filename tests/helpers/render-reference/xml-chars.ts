/**
 * @module core/xml-chars
 * The characters an XML 1.0 document may not hold, and their removal: base-level because URL hygiene
 * (core/url) and every renderer (core/render/xml) need the same rule.
 */

/**
 * Characters outside the XML 1.0 `Char` production (https://www.w3.org/TR/xml/#charsets): C0 controls
 * except tab, LF and CR; U+FFFE and U+FFFF; and, with the `u` flag, any lone surrogate (a paired
 * surrogate is one astral code point and does not match the range).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
/**
 * The same class over UTF-16 code units (no `u`), as a test: it also matches paired surrogates, so it
 * finds a superset, and text it does not match has nothing to strip. The `u` pattern costs several
 * times more, and was most of rendering's time, although text almost never holds such a character.
 */
// eslint-disable-next-line no-control-regex -- as above
const MAY_HOLD_NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * Remove every character an XML 1.0 document may not contain. A parser must reject a feed holding one
 * (even as a character reference), so one stray U+0008 in a page would break the whole feed.
 *
 * @example
 * stripControlChars('a\u0000b\uD800c'); // 'abc'
 */
export function stripControlChars(text: string): string {
  return MAY_HOLD_NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHAR, '') : text;
}
