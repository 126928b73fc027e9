/**
 * @module core/serve/pages/index-page
 * `GET /`: every feed with its licence, live status, last successful refresh, item count, its three URLs
 * (each with a copy button) and its latest three items, plus `<link rel="alternate">` autodiscovery for
 * every feed and format, so a browser or reader pointed at the service finds the feeds by itself.
 * Rendered per request from the store: one state row and one stored JSON rendition per feed.
 */
import type { Child } from 'hono/jsx';
import type { Store } from '../../store.ts';
import type { FeedDefinition } from '../../types.ts';
import { renderFacts, renderFeedUrls, renderRights } from './feed-parts.ts';
import { loadFeedView, type FeedView } from './feed-view.ts';
import { autodiscoveryLinks, h, renderPage, showInstant } from './page-shell.ts';

const LATEST = 3;

function renderLatest(view: FeedView): Child {
  const latest = view.items.slice(0, LATEST);
  if (latest.length === 0) return '';
  return [
    h('h3', null, 'Latest'),
    h(
      'ul',
      { lang: view.feed.language },
      ...latest.map((item) =>
        h(
          'li',
          null,
          h('a', { href: item.url }, item.title),
          item.published === undefined ? '' : [' · ', showInstant(item.published)],
        ),
      ),
    ),
  ];
}

function renderFeed(view: FeedView): Child {
  const { feed } = view;
  const headingId = `feed-${feed.id}`;
  const live = view.status.kind !== 'taken-down';
  return h(
    'section',
    { 'aria-labelledby': headingId, 'data-feed': feed.id },
    h(
      'h2',
      { id: headingId, lang: feed.language },
      live ? h('a', { href: `/feeds/${feed.id}` }, feed.title) : feed.title,
    ),
    h('p', { class: 'meta' }, 'Publisher: ', h('a', { href: feed.site }, feed.license.attribution)),
    renderRights(feed),
    renderFacts(view),
    live ? renderFeedUrls(feed) : '',
    renderLatest(view),
  );
}

/** The views of every feed, read concurrently. */
export function loadIndexViews(store: Store, feeds: Iterable<FeedDefinition>): Promise<FeedView[]> {
  return Promise.all([...feeds].map((feed) => loadFeedView(store, feed, { withAudit: false })));
}

/**
 * The index page; a feed without a view (say, in a test of the wording) shows as not built yet.
 * @example c.html(renderIndexPage(feeds, await loadIndexViews(store, feeds)))
 */
export function renderIndexPage(feeds: readonly FeedDefinition[], views: readonly FeedView[] = []): string {
  const byId = new Map(views.map((view) => [view.feed.id, view]));
  const shown = feeds.map((feed) => byId.get(feed.id) ?? { feed, status: { kind: 'not-built' as const }, items: [] });
  const main =
    shown.length > 0
      ? shown.map(renderFeed)
      : [h('p', null, 'No feeds are defined. Add one to ', h('code', null, 'feeds/'), '.')];
  return renderPage({
    title: 'Lede feeds',
    head: feeds.flatMap(autodiscoveryLinks),
    body: [
      h('header', null, h('h1', null, 'Lede feeds')),
      h('main', null, ...main),
      h('footer', { class: 'meta' }, 'Each item is a licensed excerpt that links to the original article.'),
    ],
  });
}
