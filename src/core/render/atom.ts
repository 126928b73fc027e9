/**
 * @module core/render/atom
 * Atom 1.0 (RFC 4287). Notes on the choices:
 * - feed `id` is the feed's own URL, a stable IRI (§4.2.6); entry ids are the canonical article URLs;
 * - a feed-level `<author>` (the attribution) means every entry has an author (§4.1.1), while entries
 *   still name their own byline when the page gave one;
 * - `<rights>` carries the licence terms (§4.2.10), and `<link rel="license">` (RFC 4946) their URL;
 * - content is `type="html"`, the sanitized item HTML escaped as text (§3.1.1.2);
 * - dates are RFC 3339 in UTC (§3.3); an entry's `updated` is never before its `published`; the feed's
 *   `updated` is its last build (when its content last changed, §4.2.15);
 * - with a WebSub hub configured, `<link rel="hub">` beside `rel="self"` (W3C WebSub §4).
 */
import type { FeedMeta } from '../types.ts';
import { formatRfc3339, pickDate, pickItemDates } from './dates.ts';
import {
  describeFeed,
  describeRights,
  GENERATOR,
  normalizeLanguage,
  metaOf,
  renderMediaContent,
  type RenderExtras,
  type SourcedItem,
} from './feed-parts.ts';
import { renderEscapedItemHtml } from './item-html.ts';
import { resolveHttpUrl } from '../url.ts';
import { renderElement, renderEscapedElement, renderStartTag } from './xml.ts';

function renderAuthor(name: string, uri?: string): string {
  const uriElement = uri === undefined ? '' : renderElement('uri', uri);
  return `<author>${renderElement('name', name)}${uriElement}</author>`;
}

/**
 * RFC 4287 §4.2.11 `atom:source`: the metadata of the feed an entry was copied from (combined feed), so the
 * entry keeps its own rights and author — an entry's author falls back to its source's before the feed's (§4.2.1).
 */
function renderSource(source: FeedMeta): string {
  const site = resolveHttpUrl(source.site, source.links.atom) ?? source.site;
  return [
    '<source>',
    renderElement('id', source.links.atom),
    renderElement('title', source.title, { type: 'text' }),
    renderElement('link', undefined, { rel: 'self', type: 'application/atom+xml', href: source.links.atom }),
    renderElement('link', undefined, { rel: 'alternate', type: 'text/html', href: site }),
    renderElement('rights', describeRights(source.license), { type: 'text' }),
    renderAuthor(source.license.attribution, site),
    '</source>',
  ].join('');
}

function renderEntry(feed: FeedMeta, item: SourcedItem): string {
  const meta = metaOf(feed, item);
  const { published, updated } = pickItemDates(item, feed.updated);
  const media = renderMediaContent(item);
  const lines = [
    renderElement('id', item.id),
    renderElement('title', item.title, { type: 'text' }),
    renderElement('link', undefined, { rel: 'alternate', type: 'text/html', href: item.url }),
    renderElement('published', formatRfc3339(published)),
    renderElement('updated', formatRfc3339(updated)),
    ...(item.author?.trim() ? [renderAuthor(item.author.trim())] : []),
    ...item.categories
      .filter((c) => c.trim() !== '')
      .map((c) => renderElement('category', undefined, { term: c.trim() })),
    renderEscapedElement('content', renderEscapedItemHtml(item, meta.license, meta.language), { type: 'html' }),
    ...(media === undefined ? [] : [media]),
    // An entry without atom:rights takes the feed's (§4.2.10): a combined entry states its own source's.
    ...(item.source ? [renderElement('rights', describeRights(meta.license), { type: 'text' })] : []),
    ...(item.source ? [renderSource(item.source)] : []),
  ];
  const open = renderStartTag('entry', { 'xml:lang': normalizeLanguage(item.language) });
  // Indented by the separator: no second array of indented lines for every entry.
  return `  ${open}\n    ${lines.join('\n    ')}\n  </entry>`;
}

function renderFeedHead(meta: FeedMeta, extras: RenderExtras): string[] {
  const site = resolveHttpUrl(meta.site, meta.links.atom) ?? meta.site;
  return [
    renderElement('id', meta.links.atom),
    renderElement('title', meta.title, { type: 'text' }),
    renderElement('subtitle', describeFeed(meta), { type: 'text' }),
    renderElement('updated', formatRfc3339(pickDate(meta.builtAt, meta.updated))),
    renderElement('link', undefined, { rel: 'self', type: 'application/atom+xml', href: meta.links.atom }),
    ...(meta.hub === undefined ? [] : [renderElement('link', undefined, { rel: 'hub', href: meta.hub })]),
    renderElement('link', undefined, { rel: 'alternate', type: 'text/html', href: site }),
    renderElement('rights', describeRights(meta.license), { type: 'text' }),
    // RFC 4946 §2: the machine-readable licence; a feed-level one is inherited by every entry (§2.4),
    // and atom:rights stays its human-readable statement (§2.5).
    ...(meta.license.termsUrl
      ? [renderElement('link', undefined, { rel: 'license', type: 'text/html', href: meta.license.termsUrl })]
      : []),
    // RFC 5005 §3: the next, older page of a paged feed.
    ...(extras.next
      ? [renderElement('link', undefined, { rel: 'next', type: 'application/atom+xml', href: extras.next })]
      : []),
    renderAuthor(meta.license.attribution, site),
    renderElement('generator', GENERATOR),
  ];
}

/**
 * Render an Atom 1.0 document in two steps: its entries with `meta` — `prepared` being the items as
 * `prepareItems` gives them for `meta` — then, from the returned function, the document around them. Pure: the
 * same meta and items always give the same string (`renderFeed` takes both steps at once). The function serves
 * any meta that gives the entries the same: `meta` but for `builtAt`, which no entry reads (see `createFeedRenderer`).
 *
 * @example
 * prepareAtom(meta, prepareItems(meta, items))(meta); // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns=…'
 */
export function prepareAtom(
  meta: FeedMeta,
  prepared: readonly SourcedItem[],
): (documentMeta: FeedMeta, extras?: RenderExtras) => string {
  const entries = prepared.map((item) => renderEntry(meta, item));
  return (documentMeta, extras = {}) => {
    const root = renderStartTag('feed', {
      xmlns: 'http://www.w3.org/2005/Atom',
      'xmlns:media': 'http://search.yahoo.com/mrss/',
      'xml:lang': normalizeLanguage(documentMeta.language),
    });
    return [
      '<?xml version="1.0" encoding="utf-8"?>',
      root,
      ...renderFeedHead(documentMeta, extras).map((line) => `  ${line}`),
      ...entries,
      '</feed>',
      '',
    ].join('\n');
  };
}
