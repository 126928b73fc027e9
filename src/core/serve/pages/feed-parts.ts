/**
 * @module core/serve/pages/feed-parts
 * Pieces of a feed that both the index and the preview page show: its licence in words (the very
 * sentence the feeds state as their rights), its status, and its three URLs with copy buttons.
 */
import type { Child } from 'hono/jsx';
import { FEED_FORMATS, feedPath } from '../../feed-formats.ts';
import { describeRights } from '../../render/feed-parts.ts';
import type { FeedDefinition } from '../../types.ts';
import type { FeedStatus, FeedView } from './feed-view.ts';
import { FORMAT_LABELS, copyableUrl, h, showInstant } from './page-shell.ts';

/** The licence as the feeds state it (RSS `<copyright>`, Atom `<rights>`, JSON Feed `_lede.license.rights`). */
export function renderRights(feed: FeedDefinition): Child {
  return h('p', { class: 'rights' }, describeRights(feed.license));
}

function renderStatus(status: FeedStatus): Child {
  switch (status.kind) {
    case 'ok':
      return h('span', { class: 'ok' }, 'ok');
    case 'failing':
      return [h('span', { class: 'failing' }, 'failing'), ' since ', showInstant(status.since), ` (${status.error})`];
    case 'not-built':
      return [h('span', { class: 'pending' }, 'not built yet'), status.error === undefined ? '' : ` (${status.error})`];
    case 'taken-down':
      return h('span', { class: 'failing' }, 'taken down');
  }
}

/** Status, last successful refresh and item count, as a description list. */
export function renderFacts(view: FeedView): Child {
  return h(
    'dl',
    null,
    h('dt', null, 'Status'),
    h('dd', { 'data-status': view.status.kind }, renderStatus(view.status)),
    h('dt', null, 'Last successful refresh'),
    h('dd', null, view.lastSuccessAt === undefined ? 'never' : showInstant(view.lastSuccessAt)),
    h('dt', null, 'Items'),
    h('dd', null, String(view.items.length)),
  );
}

/** The feed's three URLs, each a link with a copy button. */
export function renderFeedUrls(feed: FeedDefinition): Child {
  return h(
    'ul',
    { class: 'urls', 'aria-label': `Feed URLs of ${feed.title}` },
    ...FEED_FORMATS.map((format) => {
      const label = `${FORMAT_LABELS[format]} feed of ${feed.title}`;
      return h(
        'li',
        null,
        h('a', { href: feedPath(feed.id, format), class: 'feed-link' }, FORMAT_LABELS[format]),
        ' ',
        copyableUrl(feedPath(feed.id, format), label),
      );
    }),
  );
}
