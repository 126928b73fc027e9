/**
 * @module core/serve/opml
 * `GET /feeds.opml`: every feed a reader may subscribe to, as an OPML 2.0 subscription list
 * (http://opml.org/spec2.opml, "Subscription lists"), so FreshRSS, Miniflux and the like import them all at once.
 *
 * Listed: each enabled feed that is not taken down, built or not yet (a feed not built yet answers 503 for
 * a minute; a reader that subscribes now gets it on its next poll). Each outline is `type="rss"` with the
 * required `text` and `xmlUrl` (the RSS 2.0 URL, which every reader understands), plus `title` and
 * `htmlUrl`. The combined feed (`/feeds/all.*`) is not a feed of its own and is not listed.
 *
 * The document is deterministic for a given store: its dates are the newest Last-Modified of the listed
 * RSS renditions (none when nothing is built yet), never the clock, so its ETag only changes when a listed
 * feed does, or when the list itself does.
 */
import type { Context } from 'hono';
import { feedPath } from '../feed-formats.ts';
import { computeEtag } from '../refresh/publish-feed.ts';
import { formatRfc822 } from '../render/dates.ts';
import { renderElement } from '../render/xml.ts';
import type { Store } from '../store.ts';
import type { FeedDefinition } from '../types.ts';
import { CORS_HEADERS, isNotModified, toHttpDate } from './http-cache.ts';
import { currentFeeds, type ServeEnv, type ServeOptions } from './serve-env.ts';

/** The de facto media type of OPML (no type is registered; mime-db and most readers' exports use it). */
const OPML_CONTENT_TYPE = 'text/x-opml; charset=utf-8';

const OPML_DOCS = 'http://opml.org/spec2.opml';

/** One feed as an OPML outline. */
interface OpmlFeed {
  readonly id: string;
  readonly title: string;
  readonly site: string;
  readonly language?: string | undefined;
}

interface OpmlDocument {
  readonly body: string;
  readonly etag: string;
  /** ISO 8601; absent while no listed feed is built (never 1970). */
  readonly lastModified?: string | undefined;
}

function renderOutline(feed: OpmlFeed, baseUrl: string): string {
  return `    ${renderElement('outline', undefined, {
    type: 'rss',
    text: feed.title,
    title: feed.title,
    xmlUrl: `${baseUrl}${feedPath(feed.id, 'rss')}`,
    htmlUrl: feed.site,
    language: feed.language,
  })}`;
}

/**
 * The OPML 2.0 text for `feeds`, their URLs under `baseUrl` (no trailing slash); `modified` (ISO 8601) is
 * the head's dateCreated and dateModified, both left out when undefined. Pure: escaping through core/render/xml.

 */
function renderOpml(feeds: readonly OpmlFeed[], baseUrl: string, modified: string | undefined): string {
  const date = modified === undefined ? undefined : formatRfc822(new Date(modified));
  const head = [
    renderElement('title', 'Lede feeds'),
    ...(date === undefined ? [] : [renderElement('dateCreated', date), renderElement('dateModified', date)]),
    renderElement('docs', OPML_DOCS),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
${head.map((line) => `    ${line}`).join('\n')}
  </head>
  <body>
${feeds.map((feed) => renderOutline(feed, baseUrl)).join('\n')}
  </body>
</opml>
`;
}

async function listFeed(store: Store, feed: FeedDefinition) {
  if (feed.enabled === false) return undefined;
  const [takedown, validators] = await Promise.all([
    store.getTakedown(feed.id),
    store.getRenditionValidators(feed.id, 'rss'),
  ]);
  return takedown ? undefined : { feed, lastModified: validators?.lastModified };
}

/** The OPML document of the feeds a reader may subscribe to now, with its validators. */
async function buildOpml(store: Store, definitions: readonly FeedDefinition[], baseUrl: string): Promise<OpmlDocument> {
  const listed = (await Promise.all(definitions.map((feed) => listFeed(store, feed)))).filter((entry) => !!entry);
  const dates = listed.flatMap((entry) => (entry.lastModified === undefined ? [] : [entry.lastModified]));
  const modified = dates.length > 0 ? dates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : undefined;
  const body = renderOpml(
    listed.map((entry) => entry.feed),
    baseUrl,
    modified,
  );
  return { body, etag: await computeEtag(body), lastModified: modified };
}

function opmlHeaders(document: OpmlDocument): Record<string, string> {
  const { lastModified } = document;
  return {
    ETag: document.etag,
    ...(lastModified === undefined ? {} : { 'Last-Modified': toHttpDate(lastModified) }),
    'Cache-Control': 'public, max-age=300',
    ...CORS_HEADERS,
  };
}

/**
 * The handler of `GET /feeds.opml`: feed URLs under `publicUrl` when configured (a proxy in front may not
 * pass the public scheme and host on), else under the request's origin. 304 on a matching validator.
 * @example app.get('/feeds.opml', serveOpml(options))
 */
export function serveOpml(options: ServeOptions) {
  const { publicUrl } = options;
  return async (c: Context<ServeEnv>): Promise<Response> => {
    const baseUrl = (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
    const document = await buildOpml(c.get('store'), [...currentFeeds(options).feeds.values()], baseUrl);
    const headers = opmlHeaders(document);
    const conditional = {
      ifNoneMatch: c.req.header('If-None-Match'),
      ifModifiedSince: document.lastModified === undefined ? undefined : c.req.header('If-Modified-Since'),
    };
    const validators = { etag: document.etag, lastModified: document.lastModified ?? '' };
    if (isNotModified(conditional, validators)) return c.body(null, 304, headers);
    return c.body(document.body, 200, { ...headers, 'Content-Type': OPML_CONTENT_TYPE });
  };
}
