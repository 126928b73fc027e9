/**
 * @module core/render/item-html
 * The HTML body of one item, shared by all three formats: the lead image, the licensed excerpt and the
 * mandatory backlink line. Built from escaped text, then sanitized last (see `sanitize-html.ts`).
 */
import type { FeedItem, LicensePolicy } from '../types.ts';
import { resolveHttpUrl, sanitizeHtml } from './sanitize-html.ts';
import { escapeXml } from './xml.ts';

/** The visible credit every item ends with, as the licence requires. */
export function renderBacklink(url: string, attribution: string): string {
  return `<p>Read the full article at <a href="${escapeXml(url)}">${escapeXml(attribution)}</a></p>`;
}

/** The excerpt as plain text, paragraphs separated by a blank line (JSON Feed `summary`). */
export function renderExcerptText(item: FeedItem): string {
  return item.excerpt.paragraphs.join('\n\n');
}

/**
 * Item HTML: the lead image (when the item has excerpt text to go with it), one `<p>` per excerpt
 * paragraph, and always, last, "Read the full article at <a href=canonical>Attribution</a>".
 * An item whose excerpt is empty (body not extracted, or too short for any word to be allowed) is the
 * backlink line only.
 *
 * @example
 * renderItemHtml(item, feed.license);
 * // '<p><img src="https://ex.com/a.jpg" alt=""></p><p>First sentence.</p><p>Read the full article at <a href="https://ex.com/n/1">Example News</a></p>'
 */
export function renderItemHtml(item: FeedItem, license: LicensePolicy): string {
  const parts: string[] = [];
  if (item.excerpt.paragraphs.length > 0) {
    const image = item.image === undefined ? undefined : resolveHttpUrl(item.image, item.url);
    if (image !== undefined) parts.push(`<p><img src="${escapeXml(image)}" alt=""></p>`);
    for (const paragraph of item.excerpt.paragraphs) parts.push(`<p>${escapeXml(paragraph)}</p>`);
  }
  parts.push(renderBacklink(item.url, license.attribution));
  return sanitizeHtml(parts.join(''), item.url);
}
