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
import { resolveHttpUrl } from '../url.ts';
import { escapeEscapedXml, escapeXml, isPlainText, stripControlChars } from './xml.ts';

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

/**
 * The URL relative links resolve against, for the `process` call under way: one filter serves every call
 * (building one per item was a tenth of sanitizing), and `process` is synchronous and never nested.
 */
let base = '';

const FILTER = new FilterXSS({
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
  // xss's own text escape (its default: `<` and `>` to entities), without the two replaces for text holding
  // neither, as every text slot and most text does.
  escapeHtml: (text) =>
    text.includes('<') || text.includes('>') ? text.replace(/</g, '&lt;').replace(/>/g, '&gt;') : text,
});

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
  return sanitizeClean(stripControlChars(html), baseUrl);
}

/** `sanitizeHtml` for HTML that holds no character XML forbids (stripped already, or built so). */
function sanitizeClean(html: string, baseUrl: string): string {
  base = baseUrl;
  return FILTER.process(html);
}

/**
 * HTML built in code: markup the caller writes, and text, escaped here with `escapeXml`. Both are stripped of
 * what XML forbids, so the whole holds none of it. They are kept apart for `sanitizeBuiltHtml`.
 *
 * @example
 * new HtmlBuilder().addMarkup('<p>').addText(paragraph).addMarkup('</p>').toString(); // '<p>…</p>'
 */
export class HtmlBuilder {
  /** The markup, in pieces: text `i` goes between piece `i` and piece `i + 1`. */
  readonly markup: string[] = [''];
  /** The texts, escaped. */
  readonly texts: string[] = [];
  /** Whether each text is `isPlainText` (placed as it was given, and its own JSON string between quotes). */
  readonly plain: boolean[] = [];

  addMarkup(markup: string): this {
    const last = this.markup.length - 1;
    this.markup[last] = `${this.markup[last] ?? ''}${stripControlChars(markup)}`;
    return this;
  }

  addText(text: string): this {
    // A plain text is its own escape: one scan answers for XML and JSON (`escapeXml` would scan it again).
    const plain = isPlainText(text);
    this.texts.push(plain ? text : escapeXml(text));
    this.plain.push(plain);
    this.markup.push('');
    return this;
  }

  /** The HTML as built, not sanitized. */
  toString(): string {
    return joinHtml(this);
  }
}

/** HTML in pieces: text `i` (escaped) between markup `i` and markup `i + 1`. */
export interface HtmlParts {
  readonly markup: readonly string[];
  readonly texts: readonly string[];
  /** Whether text `i` is known to be `isPlainText` (see `HtmlBuilder`), when known. */
  readonly plain?: readonly boolean[];
}

/**
 * The parts as one string.
 * @example joinHtml({ markup: ['<p>', '</p>'], texts: ['a &amp; b'] }) // '<p>a &amp; b</p>'
 */
export function joinHtml({ markup, texts }: HtmlParts): string {
  let html = markup[0] ?? '';
  for (let i = 0; i < texts.length; i++) html += `${texts[i] ?? ''}${markup[i + 1] ?? ''}`;
  return html;
}

/**
 * `escapeXml(joinHtml(parts))`, the HTML as XML text (RSS `<description>`, Atom `<content type="html">`), made
 * piece by piece: a text is `escapeXml` output, which only changes at its `&`s when escaped again, and with
 * no lone surrogate in any piece (all were stripped), escaping each piece is escaping the whole.
 * @example escapeHtmlParts({ markup: ['<p>', '</p>'], texts: ['a &amp; b'] }) // '&lt;p&gt;a &amp;amp; b&lt;/p&gt;'
 */
export function escapeHtmlParts({ markup, texts, plain }: HtmlParts): string {
  let escaped = escapeXml(markup[0] ?? '');
  for (let i = 0; i < texts.length; i++) {
    // A plain text holds no `&`: its own escape.
    const text = plain?.[i] === true ? (texts[i] ?? '') : escapeEscapedXml(texts[i] ?? '');
    escaped += `${text}${escapeXml(markup[i + 1] ?? '')}`;
  }
  return escaped;
}

/** Marks each text's place while the markup alone is sanitized: escaped text and built markup hold none. */
const SLOT = '\u0000';
/**
 * A comment, or a tag whose body is dropped: the sanitizer's output around these depends on what the text
 * beside them holds (a comment's end, the output position the dropped body is counted from).
 */
const CONTEXT_DEPENDENT = new RegExp(`<!--|</?(?:${DROPPED_WITH_BODY.join('|')})`, 'i');

/**
 * Whether the sanitizer treats every text slot the same whatever text it holds: each slot between a `>` and a
 * `<`, so the tokenizer is outside any tag, never in a quote's look-back and never forms a comment there.
 */
function hasSlotsBetweenTags(markup: readonly string[]): boolean {
  for (let i = 0; i < markup.length; i++) {
    const piece = markup[i] ?? '';
    if (CONTEXT_DEPENDENT.test(piece)) return false;
    if (i > 0 && !piece.startsWith('<')) return false;
    if (i < markup.length - 1 && !piece.endsWith('>')) return false;
  }
  return true;
}

/**
 * `sanitizeHtml(html.toString(), baseUrl)`, in parts (`joinHtml` makes the same string), with only the markup
 * read by the sanitizer: its tokenizer passes text outside tags through unchanged unless it holds `<` or `>`,
 * and escaped text holds neither, so the markup is sanitized with a U+0000 in each text's place and each text
 * put back in its own. Markup where that would not hold (see `hasSlotsBetweenTags`), or a slot the sanitizer
 * dropped, sends the whole HTML through the sanitizer instead (one part). An item's text is most of its HTML,
 * and its markup a few tags.
 *
 * @example
 * joinHtml(sanitizeBuiltHtml(new HtmlBuilder().addMarkup('<p>').addText(paragraph).addMarkup('</p>'), item.url));
 */
export function sanitizeBuiltHtml(html: HtmlBuilder, baseUrl: string): HtmlParts {
  const { markup, texts } = html;
  if (hasSlotsBetweenTags(markup)) {
    const pieces = sanitizeClean(markup.join(SLOT), baseUrl).split(SLOT);
    if (pieces.length === texts.length + 1) return { markup: pieces, texts, plain: html.plain };
  }
  return { markup: [sanitizeClean(joinHtml(html), baseUrl)], texts: [] };
}
