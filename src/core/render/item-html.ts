/**
 * @module core/render/item-html
 * The HTML body of one item, shared by all three formats: the lead image (with its credit when the page
 * gave one), the licensed excerpt — or, for a title-only item, the sentence saying why — and the
 * mandatory backlink line, worded by the licence's `attributionText`, else in the feed's language
 * (`item-text.ts`). Built from escaped text, then sanitized last (see `sanitize-html.ts`).
 */
import type { FeedItem, LicensedExcerpt, LicensePolicy } from '../types.ts';
import { resolveHttpUrl } from '../url.ts';
import { joinParagraphs, PARAGRAPH_BREAK } from '../paragraphs.ts';
import { backlinkTemplate, describeTitleOnlyReason } from './item-text.ts';
import { escapeHtmlParts, HtmlBuilder, joinHtml, sanitizeBuiltHtml, type HtmlParts } from './sanitize-html.ts';
import { quoteHtmlParts, quoteJson } from './json-text.ts';
import { escapeXml } from './xml.ts';

/**
 * The visible credit every item ends with, as the licence requires: `attributionText` with
 * `{attribution}` as the link to the article (validated to occur exactly once; a template built in code
 * without it still gets the link, at the end). Without `attributionText`, the built-in line in `language`
 * (the feed's; English when absent or not built in).
 *
 * @example
 * renderBacklink('https://ex.com/a', { maxShare: 0.3, attribution: 'Ex', attributionText: 'Source: {attribution}.' });
 * // '<p>Source: <a href="https://ex.com/a">Ex</a>.</p>'
 */
export function renderBacklink(url: string, license: LicensePolicy, language?: string): string {
  return addBacklink(new HtmlBuilder(), url, license, language).toString();
}

function addBacklink(html: HtmlBuilder, url: string, license: LicensePolicy, language?: string): HtmlBuilder {
  const template = license.attributionText ?? backlinkTemplate(language);
  const slot = template.indexOf('{attribution}');
  const [before, after] =
    slot < 0 ? [`${template} `, ''] : [template.slice(0, slot), template.slice(slot + '{attribution}'.length)];
  return html
    .addMarkup('<p>')
    .addText(before)
    .addMarkup(`<a href="${escapeXml(url)}">`)
    .addText(license.attribution)
    .addMarkup('</a>')
    .addText(after)
    .addMarkup('</p>');
}

/** The lead image, and under it its credit when the item has one. */
function addImage(html: HtmlBuilder, image: string, credit: string | undefined): void {
  html.addMarkup(`<p><img src="${escapeXml(image)}" alt="">`);
  if (credit?.trim()) html.addMarkup('<br><em>').addText(credit.trim()).addMarkup('</em>');
  html.addMarkup('</p>');
}

/** The paragraph break (core/paragraphs) inside a JSON string (`quoteExcerptText`). */
const PARAGRAPH_BREAK_JSON = JSON.stringify(PARAGRAPH_BREAK).slice(1, -1);

/** The excerpt as plain text, paragraphs separated by a blank line (JSON Feed `summary`). */
export function renderExcerptText(item: FeedItem): string {
  return joinParagraphs(item.excerpt.paragraphs);
}

/** What an item's HTML was last rendered from, and the HTML. */
interface RenderedHtml {
  readonly item: FeedItem;
  readonly license: LicensePolicy;
  readonly language: string | undefined;
  readonly parts: HtmlParts;
  /** Whether every excerpt paragraph is `isPlainText` (xml.ts), as `HtmlBuilder` found when it added them. */
  readonly excerptPlain: boolean;
  /** `joinHtml(parts)`, made on first need (JSON Feed). */
  html?: string;
  /** `escapeXml(html)`, made on first need: RSS and Atom place the same escaped HTML. */
  escaped?: string;
  /** The JSON strings, made on first need (JSON Feed). */
  json?: ItemJson;
}

/** An item's HTML and excerpt text as JSON strings (JSON Feed `content_html`, `summary`). */
export interface ItemJson {
  /** `quoteJson(renderItemHtml(item, license, language))` (json-text.ts). */
  readonly html: string;
  /** `quoteJson(renderExcerptText(item))`, undefined when that text is empty. */
  readonly summary: string | undefined;
}

/**
 * The last HTML rendered for each excerpt. Publishing renders the same items in three formats, and
 * sanitizing is most of an item's cost; the renderers copy items (`prepareItems`) but share the excerpt,
 * so it is the key, and every other input is compared before the HTML is reused.
 */
const lastRendered = new WeakMap<LicensedExcerpt, RenderedHtml>();

function isSameInput(last: RenderedHtml, item: FeedItem, license: LicensePolicy, language?: string): boolean {
  const before = last.item;
  return (
    last.license === license &&
    last.language === language &&
    before.url === item.url &&
    before.image === item.image &&
    before.imageCredit === item.imageCredit &&
    before.titleOnlyReason === item.titleOnlyReason
  );
}

function renderItemHtmlAnew(item: FeedItem, license: LicensePolicy, language?: string): RenderedHtml {
  const html = new HtmlBuilder();
  let excerptPlain = true;
  if (item.excerpt.paragraphs.length > 0) {
    const image = item.image === undefined ? undefined : resolveHttpUrl(item.image, item.url);
    if (image !== undefined) addImage(html, image, item.imageCredit);
    const first = html.plain.length;
    for (const paragraph of item.excerpt.paragraphs) html.addMarkup('<p>').addText(paragraph).addMarkup('</p>');
    excerptPlain = !html.plain.includes(false, first);
  } else if (item.titleOnlyReason !== undefined) {
    html.addMarkup('<p>').addText(describeTitleOnlyReason(item.titleOnlyReason, language)).addMarkup('</p>');
  }
  // Sanitized last, as everything that emits HTML is; the texts are escaped, so only the markup needs reading.
  const parts = sanitizeBuiltHtml(addBacklink(html, item.url, license, language), item.url);
  return { item, license, language, parts, excerptPlain };
}

/**
 * Item HTML: the lead image and its credit (when the item has excerpt text to go with it), one `<p>` per
 * excerpt paragraph, and always, last, "Read the full article at <a href=canonical>Attribution</a>"
 * (or the licence's own `attributionText`). Whether the item carries an image at all is the licence
 * stage's decision (`images` in the effective policy), not the renderer's.
 * An item whose excerpt is empty (body not extracted, or too short for any word to be allowed) is the
 * backlink line only; when the licence stage withheld the excerpt (`titleOnlyReason`), one sentence in
 * the feed's `language` says why, before the backlink.
 *
 * @example
 * renderItemHtml(item, feed.license);
 * // '<p><img src="https://ex.com/a.jpg" alt=""></p><p>First sentence.</p><p>Read the full article at <a href="https://ex.com/n/1">Example News</a></p>'
 */
export function renderItemHtml(item: FeedItem, license: LicensePolicy, language?: string): string {
  const rendered = findRendered(item, license, language);
  rendered.html ??= joinHtml(rendered.parts);
  return rendered.html;
}

function findRendered(item: FeedItem, license: LicensePolicy, language?: string): RenderedHtml {
  const last = lastRendered.get(item.excerpt);
  if (last !== undefined && isSameInput(last, item, license, language)) return last;
  const rendered = renderItemHtmlAnew(item, license, language);
  lastRendered.set(item.excerpt, rendered);
  return rendered;
}

/**
 * `escapeXml(renderItemHtml(item, license, language))`, the item HTML as XML text (RSS `<description>`,
 * Atom `<content type="html">`), escaped once for both formats: the HTML is an item's longest text.
 *
 * @example
 * renderEscapedElement('description', renderEscapedItemHtml(item, feed.license)); // from ./xml.ts
 */
export function renderEscapedItemHtml(item: FeedItem, license: LicensePolicy, language?: string): string {
  const rendered = findRendered(item, license, language);
  rendered.escaped ??= escapeHtmlParts(rendered.parts);
  return rendered.escaped;
}

/** The excerpt's text as a JSON string: plain paragraphs (see `RenderedHtml`) placed as they are. */
function quoteExcerptText(item: FeedItem, excerptPlain: boolean): string | undefined {
  // The separator is not empty, so the JSON is empty exactly when the text is.
  const json = excerptPlain ? item.excerpt.paragraphs.join(PARAGRAPH_BREAK_JSON) : undefined;
  if (json !== undefined) return json === '' ? undefined : `"${json}"`;
  const text = renderExcerptText(item);
  return text === '' ? undefined : quoteJson(text);
}

/**
 * The item HTML and excerpt text as JSON strings (JSON Feed `content_html` and `summary`), made from what rendering
 * the HTML learned: the texts that needed no escaping are placed as they are, and not looked at again.
 *
 * @example
 * const { html, summary } = renderItemJson(item, feed.license); // html: '"<p>First sentence.</p><p>Read…"'
 */
export function renderItemJson(item: FeedItem, license: LicensePolicy, language?: string): ItemJson {
  const rendered = findRendered(item, license, language);
  rendered.json ??= {
    html: quoteHtmlParts(rendered.parts) ?? quoteJson((rendered.html ??= joinHtml(rendered.parts))),
    summary: quoteExcerptText(item, rendered.excerptPlain),
  };
  return rendered.json;
}
