/**
 * @module core/render/sanitize-html
 * The last step on every path that emits HTML (as Miniflux sanitizes every entry in one place): an
 * allowlist of tags and attributes, absolute http(s) URLs only.
 *
 * Why the `xss` package rather than a hand-written allowlist: sanitizing needs an HTML tokenizer that
 * copes with malformed markup (unclosed quotes, `<scr<script>ipt>`, entity-encoded `javascript:`), and
 * `xss` is a small, dependency-light, widely used one that is plain JavaScript (no DOM, no Node APIs),
 * so it runs unchanged on Cloudflare Workers. A DOM-based sanitizer would pull a DOM implementation into
 * the Worker bundle; a regex one would be the kind of code that gets XSS wrong.
 */
import { decodeHTMLAttribute } from 'entities';
import { FilterXSS, type IWhiteList } from 'xss';
import { resolveHttpUrl } from '../../../src/core/url.ts';
import { escapeXml, stripControlChars } from './xml.ts';

/** Tags and attributes a subscriber's reader may receive; everything else is dropped. */
const ALLOWED: IWhiteList = {
  p: [],
  a: ['href'],
  img: ['src', 'alt'],
  em: [],
  strong: [],
  br: [],
  blockquote: [],
  ul: [],
  ol: [],
  li: [],
};

/** Tags removed WITH their content (their text is code or chrome, never article prose). */
const DROPPED_WITH_BODY = [
  'script',
  'style',
  'iframe',
  'noscript',
  'template',
  'object',
  'embed',
  'svg',
  'math',
  'textarea',
  'select',
  'title',
];

function createFilter(base: string): FilterXSS {
  return new FilterXSS({
    whiteList: ALLOWED,
    stripIgnoreTag: true,
    stripIgnoreTagBody: DROPPED_WITH_BODY,
    allowCommentTag: false,
    // Every allowed attribute is rewritten here, decoded then re-escaped by `escapeXml`, so its value
    // is always quoted and escaped the same way (`alt=""` stays `alt=""`); others fall to xss, which drops them.
    // Decoded as a browser decodes attribute values (HTML §13.2.5.72: `&#106avascript:` is `javascript:`,
    // a `;` being optional), so the URL check below sees the URL the browser would follow.
    onTagAttr: (tag, name, value) => {
      if (!(ALLOWED[tag] ?? []).includes(name)) return undefined;
      if (name !== 'href' && name !== 'src') return `${name}="${escapeXml(decodeHTMLAttribute(value))}"`;
      const url = resolveHttpUrl(decodeHTMLAttribute(value), base);
      return url === undefined ? '' : `${name}="${escapeXml(url)}"`;
    },
  });
}

/**
 * Keep only allowlisted markup: p, a[href], img[src,alt], em, strong, br, blockquote, ul, ol, li.
 * No script/style/iframe, no `on*` handlers, no `javascript:`/`data:` URLs; every URL absolute.
 *
 * @param html HTML to clean (trusted or not).
 * @param baseUrl The item's URL, against which relative URLs are resolved.
 * @example
 * sanitizeHtml('<p onclick="x()">Hi <a href="/a">a</a><script>x()</script></p>', 'https://ex.com/n/1');
 * // '<p>Hi <a href="https://ex.com/a">a</a></p>'
 */
export function sanitizeHtml(html: string, baseUrl: string): string {
  return sanitizeBuiltHtml(stripControlChars(html), baseUrl);
}

/**
 * `sanitizeHtml` for HTML that holds no character XML forbids: markup built from literal tags and `escapeXml`
 * output (which strips them), as the item HTML is. Its text, an item's longest, is then not scanned for them
 * a second time; `sanitizeHtml(html, base)` is `sanitizeBuiltHtml(stripControlChars(html), base)`.
 *
 * @example
 * sanitizeBuiltHtml(`<p>${escapeXml(paragraph)}</p>`, item.url);
 */
export function sanitizeBuiltHtml(html: string, baseUrl: string): string {
  return createFilter(baseUrl).process(html);
}
