/**
 * @module core/render/rss
 * RSS 2.0 (https://www.rssboard.org/rss-specification), written to pass the W3C Feed Validator:
 * - the author goes in `dc:creator` (Dublin Core), because RSS `<author>` must be an e-mail address;
 * - dates are RFC 822 with a 4-digit year, in GMT;
 * - `<atom:link rel="self">` names the feed's own URL, as the validator recommends, and with a WebSub hub
 *   configured `<atom:link rel="hub">` names it (W3C WebSub §4: discovery by `rel="hub"` and `rel="self"`);
 * - `lastBuildDate` is the last build (when the content last changed), `pubDate` the newest item's date;
 * - the item HTML is XML-escaped text in `<description>`, not CDATA (see `xml.ts`);
 * - the image is a Media RSS `media:content` (with `media:credit`): an `<enclosure>` requires `length` and
 *   `type`, and we know neither for a page's lead image (the `feed` package wrote length 0 and a MIME
 *   type guessed from the file extension);
 * - rights are machine-readable three ways: `<copyright>` on the channel, Dublin Core `dc:rights` on each item, and an
 *   `atom:link rel="license"` (RFC 4946) to the terms when the licence names a `termsUrl`.
 */
import type { FeedMeta } from '../types.ts';
import { formatRfc822, pickDate, pickItemDates } from './dates.ts';
import {
  describeFeed,
  describeRights,
  GENERATOR,
  normalizeLanguage,
  metaOf,
  renderMediaContent,
  RSS_DOCS,
  type RenderExtras,
  type SourcedItem,
} from './feed-parts.ts';
import { renderEscapedItemHtml } from './item-html.ts';
import { resolveHttpUrl } from '../url.ts';
import { renderElement, renderEscapedElement, renderStartTag } from './xml.ts';

const NAMESPACES = {
  version: '2.0',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/** RSS 2.0 `<source url="…">`: "the RSS channel that the item came from", named by its title (combined feed). */
function renderSource(item: SourcedItem): string[] {
  return item.source ? [renderElement('source', item.source.title, { url: item.source.links.rss })] : [];
}

function renderItem(feed: FeedMeta, item: SourcedItem): string {
  const meta = metaOf(feed, item);
  const media = renderMediaContent(item);
  const isPermaLink = resolveHttpUrl(item.id, item.url) === item.id;
  const lines = [
    renderElement('title', item.title),
    renderElement('link', item.url),
    renderElement('guid', item.id, { isPermaLink: String(isPermaLink) }),
    renderElement('pubDate', formatRfc822(pickItemDates(item, feed.updated).published)),
    ...(item.author?.trim() ? [renderElement('dc:creator', item.author.trim())] : []),
    ...item.categories.filter((c) => c.trim() !== '').map((c) => renderElement('category', c.trim())),
    renderEscapedElement('description', renderEscapedItemHtml(item, meta.license, meta.language)),
    // Dublin Core's rights element ("information about rights held in and over the resource") on each
    // item, for readers that look for machine-readable rights there. Not on the channel: the W3C Feed
    // Validator warns when a channel carries both <copyright> and dc:rights.
    renderElement('dc:rights', describeRights(meta.license)),
    ...(media === undefined ? [] : [media]),
    ...renderSource(item),
  ];
  // Indented by the separator: no second array of indented lines for every item.
  return `    <item>\n      ${lines.join('\n      ')}\n    </item>`;
}

function renderChannelHead(meta: FeedMeta, extras: RenderExtras): string[] {
  const updated = formatRfc822(pickDate(meta.updated));
  const built = formatRfc822(pickDate(meta.builtAt, meta.updated));
  const language = normalizeLanguage(meta.language);
  return [
    renderElement('title', meta.title),
    renderElement('link', resolveHttpUrl(meta.site, meta.links.rss) ?? meta.site),
    renderElement('description', describeFeed(meta)),
    ...(language === undefined ? [] : [renderElement('language', language)]),
    renderElement('copyright', describeRights(meta.license)),
    renderElement('lastBuildDate', built),
    renderElement('pubDate', updated),
    renderElement('generator', GENERATOR),
    renderElement('docs', RSS_DOCS),
    renderElement('atom:link', undefined, { href: meta.links.rss, rel: 'self', type: 'application/rss+xml' }),
    ...(meta.hub === undefined ? [] : [renderElement('atom:link', undefined, { href: meta.hub, rel: 'hub' })]),
    // RFC 4946's license link relation, borrowed through the Atom namespace RSS 2.0 already declares.
    ...(meta.license.termsUrl
      ? [renderElement('atom:link', undefined, { href: meta.license.termsUrl, rel: 'license' })]
      : []),
    // RFC 5005 §3 paged feeds, through the same Atom namespace.
    ...(extras.next ? [renderElement('atom:link', undefined, { href: extras.next, rel: 'next' })] : []),
  ];
}

/**
 * Render an RSS 2.0 document in two steps: its items with `meta` — `prepared` being the items as `prepareItems`
 * gives them for `meta` — then, from the returned function, the document around them. Pure: the same meta and
 * items always give the same string (`renderFeed` takes both steps at once). The function serves any meta that
 * gives the items the same: `meta` but for `builtAt`, which no item reads (see `createFeedRenderer`).
 *
 * @example
 * prepareRss(meta, prepareItems(meta, items))(meta); // '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" …'
 */
export function prepareRss(
  meta: FeedMeta,
  prepared: readonly SourcedItem[],
): (documentMeta: FeedMeta, extras?: RenderExtras) => string {
  const itemLines = prepared.map((item) => renderItem(meta, item));
  return (documentMeta, extras = {}) =>
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      renderStartTag('rss', NAMESPACES),
      '  <channel>',
      ...renderChannelHead(documentMeta, extras).map((line) => `    ${line}`),
      ...itemLines,
      '  </channel>',
      '</rss>',
      '',
    ].join('\n');
}
