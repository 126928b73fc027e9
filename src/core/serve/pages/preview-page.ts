/**
 * @module core/serve/pages/preview-page
 * The preview of one feed: every item the feeds publish, as a reader's feed reader shows it (the item
 * HTML exactly as the feeds carry it, backlink line included), each with its licence note. Served at
 * `GET /feeds/{id}`, and at `/feeds/{id}.rss|atom|json` to a browser's top-level navigation — a person
 * opening a feed link — with a box showing the URL to paste into a feed reader. Browsers no longer turn
 * feed XML into a page (XSLT is leaving them), so the server does.
 *
 * A navigation is told apart by Fetch Metadata (W3C Fetch Metadata Request Headers §2): `Sec-Fetch-Dest:
 * document` with `Sec-Fetch-Mode: navigate`. Feed readers, `fetch()` and curl send neither, and get
 * the feed; every answer at a feed URL says `Vary: Sec-Fetch-Dest, Sec-Fetch-Mode` (RFC 9110 §12.5.5).
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { feedPath } from '../../feed-formats.ts';
import { formatShare } from '../../share.ts';
import type { FeedDefinition, FeedFormat } from '../../types.ts';
import type { ServeEnv } from '../serve-env.ts';
import { renderFacts, renderFeedUrls, renderRights } from './feed-parts.ts';
import { loadFeedView, type FeedView, type PublishedItem } from './feed-view.ts';
import {
  FORMAT_LABELS,
  autodiscoveryLinks,
  copyableUrl,
  h,
  pageHeaders,
  renderPage,
  showInstant,
} from './page-shell.ts';

/** The request headers a navigation differs in: every answer at a feed URL varies on them. */
export const NAVIGATION_VARY = 'Sec-Fetch-Dest, Sec-Fetch-Mode';

/**
 * Whether a request is a browser's top-level navigation (a person opening the URL).
 * @example isNavigation(new Request(url, { headers: { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate' } })) // true
 */
export function isNavigation(request: { readonly headers: Pick<Headers, 'get'> }): boolean {
  return request.headers.get('Sec-Fetch-Dest') === 'document' && request.headers.get('Sec-Fetch-Mode') === 'navigate';
}

/**
 * `headers` with the navigation headers added to its `Vary`, keeping what it already varies on.
 * @example withNavigationVary(feedHeaders(validators, 'rss')) // { …, Vary: 'Sec-Fetch-Dest, Sec-Fetch-Mode' }
 */
export function withNavigationVary(headers: Record<string, string>): Record<string, string> {
  const vary = headers.Vary;
  return { ...headers, Vary: vary ? `${vary}, ${NAVIGATION_VARY}` : NAVIGATION_VARY };
}

function describeLicenceNote(item: PublishedItem): string {
  if (item.titleOnlyReasons !== undefined) {
    const why =
      item.titleOnlyReasons.length > 0 ? item.titleOnlyReasons.join('; ') : 'no text of the article could be used';
    return `Title and link only: ${why}.`;
  }
  const of = item.articleWords === undefined ? '' : ` of ${item.articleWords}`;
  return `Licence: ${item.words}${of} words of the article (${formatShare(item.share)}).`;
}

function renderItem(item: PublishedItem): Child {
  return h(
    'article',
    null,
    h('h2', null, h('a', { href: item.url }, item.title)),
    item.published === undefined ? '' : h('p', { class: 'meta' }, showInstant(item.published)),
    h('div', { class: 'excerpt', dangerouslySetInnerHTML: { __html: item.contentHtml } }),
    h('p', { class: 'note' }, describeLicenceNote(item)),
  );
}

function renderSubscribeBox(feed: FeedDefinition, format: FeedFormat): Child {
  return h(
    'aside',
    { class: 'subscribe', 'aria-labelledby': 'subscribe' },
    h('h2', { id: 'subscribe' }, 'Subscribe'),
    h('p', null, `This is the ${FORMAT_LABELS[format]} feed of ${feed.title}. Paste its URL into your feed reader:`),
    h('p', null, copyableUrl(feedPath(feed.id, format), `${FORMAT_LABELS[format]} feed of ${feed.title}`)),
  );
}

/**
 * The preview page of a feed; `via` is the format whose URL was opened, if any (it adds the subscribe box).
 * @example renderPreviewPage(await loadFeedView(store, feed, { withAudit: true }), 'rss')
 */
function renderPreviewPage(view: FeedView, via?: FeedFormat): string {
  const { feed } = view;
  const items = view.items.length > 0 ? view.items.map(renderItem) : [h('p', null, 'No items are published yet.')];
  return renderPage({
    title: `${feed.title} — Lede feed preview`,
    head: autodiscoveryLinks(feed),
    body: [
      h(
        'header',
        null,
        h('p', null, h('a', { href: '/' }, 'All feeds')),
        h('h1', { lang: feed.language }, feed.title),
        h('p', { class: 'meta' }, 'Publisher: ', h('a', { href: feed.site }, feed.license.attribution)),
        renderRights(feed),
        renderFacts(view),
        via === undefined ? renderFeedUrls(feed) : renderSubscribeBox(feed, via),
      ),
      h('main', { 'aria-label': 'Items', lang: feed.language }, ...items),
    ],
  });
}

/**
 * The preview of a defined, enabled feed, or `undefined` when it is taken down (the feed route answers 410).
 * Answered `no-store` at a feed URL, so no shared cache that ignores `Vary` can hand it to a feed reader.
 * @example const page = isNavigation(c.req.raw) ? await servePreview(c, feed, 'rss') : undefined
 */
export async function servePreview(
  c: Context<ServeEnv>,
  feed: FeedDefinition,
  via?: FeedFormat,
): Promise<Response | undefined> {
  const view = await loadFeedView(c.get('store'), feed, { withAudit: true });
  if (view.status.kind === 'taken-down') return undefined;
  const headers = { ...(await pageHeaders()), 'Cache-Control': via === undefined ? 'public, max-age=60' : 'no-store' };
  return c.html(renderPreviewPage(view, via), 200, via === undefined ? headers : withNavigationVary(headers));
}
