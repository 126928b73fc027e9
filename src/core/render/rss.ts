/**
 * @module core/render/rss
 * RSS 2.0 (https://www.rssboard.org/rss-specification), written to pass the W3C Feed Validator:
 * - the author goes in `dc:creator` (Dublin Core), because RSS `<author>` must be an e-mail address;
 * - dates are RFC 822 with a 4-digit year, in GMT;
 * - `<atom:link rel="self">` names the feed's own URL, as the validator recommends;
 * - the item HTML is XML-escaped text in `<description>`, not CDATA (see `xml.ts`);
 * - the image is a Media RSS `media:content`: an `<enclosure>` requires `length` and `type`, and we know
 *   neither for a page's lead image (the `feed` package wrote length 0 and a MIME type guessed from the
 *   file extension).
 */
import type { FeedItem, FeedMeta } from '../types.ts';
import { formatRfc822, pickDate, pickItemDates } from './dates.ts';
import { describeFeed, describeRights, GENERATOR, normalizeLanguage, prepareItems, RSS_DOCS } from './feed-parts.ts';
import { renderItemHtml } from './item-html.ts';
import { resolveHttpUrl } from './sanitize-html.ts';
import { renderElement, renderStartTag } from './xml.ts';

const NAMESPACES = {
  version: '2.0',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

function renderItem(meta: FeedMeta, item: FeedItem): string {
  const image = item.image === undefined ? undefined : resolveHttpUrl(item.image, item.url);
  const isPermaLink = resolveHttpUrl(item.id, item.url) === item.id;
  const lines = [
    renderElement('title', item.title),
    renderElement('link', item.url),
    renderElement('guid', item.id, { isPermaLink: String(isPermaLink) }),
    renderElement('pubDate', formatRfc822(pickItemDates(item, meta.updated).published)),
    ...(item.author?.trim() ? [renderElement('dc:creator', item.author.trim())] : []),
    ...item.categories.filter((c) => c.trim() !== '').map((c) => renderElement('category', c.trim())),
    renderElement('description', renderItemHtml(item, meta.license)),
    ...(image === undefined ? [] : [renderElement('media:content', undefined, { url: image, medium: 'image' })]),
  ];
  return ['    <item>', ...lines.map((line) => `      ${line}`), '    </item>'].join('\n');
}

function renderChannelHead(meta: FeedMeta): string[] {
  const updated = formatRfc822(pickDate(meta.updated));
  const language = normalizeLanguage(meta.language);
  return [
    renderElement('title', meta.title),
    renderElement('link', resolveHttpUrl(meta.site, meta.links.rss) ?? meta.site),
    renderElement('description', describeFeed(meta)),
    ...(language === undefined ? [] : [renderElement('language', language)]),
    renderElement('copyright', describeRights(meta.license)),
    renderElement('lastBuildDate', updated),
    renderElement('pubDate', updated),
    renderElement('generator', GENERATOR),
    renderElement('docs', RSS_DOCS),
    renderElement('atom:link', undefined, { href: meta.links.rss, rel: 'self', type: 'application/rss+xml' }),
  ];
}

/**
 * Render an RSS 2.0 document. Pure: the same meta and items always give the same string.
 *
 * @example
 * const xml = renderRss(meta, items); // '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" …'
 */
export function renderRss(meta: FeedMeta, items: readonly FeedItem[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    renderStartTag('rss', NAMESPACES),
    '  <channel>',
    ...renderChannelHead(meta).map((line) => `    ${line}`),
    ...prepareItems(meta, items).map((item) => renderItem(meta, item)),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
