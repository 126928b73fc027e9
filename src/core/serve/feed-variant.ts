/**
 * @module core/serve/feed-variant
 * A feed URL with parameters (`?limit`, `?after`, `?category`, `?q`, `?since`; src/core/serve/feed-query.ts),
 * and the combined feed `/feeds/all.*`, rendered per request from the store. The plain URL of a feed keeps
 * being served from its stored rendition, byte for byte (feed-route.ts).
 *
 * The licence holds whatever the parameters say: items come only from the published records of feeds that
 * are enabled, built and not taken down (a taken-down feed's rendition reads as absent, and its records are
 * purged), each past its embargo and held to the policy in force now (`enforceAll`, as publishing does),
 * and rendered by the same renderers, so every item keeps its backlink. Parameters only choose among them.
 *
 * An article several records carry — two feeds reading the same site, or two source URLs of one article in a
 * feed — has one item id (its URL), and a variant shows it once: under its first-discovered record among
 * those the variant could show (earliest `discoveredAt`, then feed id, then source URL), at that record's
 * place in the order; its other records are skipped like a filter's misses, before the page is cut, so a
 * page holds `limit` distinct items whenever that many exist. Which record that is depends on the record
 * alone, not on the page or the cursor, and a refresh only adds records discovered later, so paging stays
 * stateless and stable: a later page never shows an item id an earlier one showed. (An embargo ending, or a
 * re-fetch changing an item's id, can move an article to its earlier record, as it can change any item.)
 * Another feed's record of the article is found by the item id or the record's source URL (`findPublished`).
 * The page's records are read from every feed at once, in a fixed few queries (variant-page.ts).
 *
 * Each variant has its own validators: a strong ETag over its bytes (renderers are pure, so equal inputs
 * give equal bytes) and, as Last-Modified, the newest Last-Modified of the renditions it draws from (or of
 * a shown record's re-fetch). 304 and HEAD work as on the plain URL. A variant costs its licence checks and
 * rendering per request (README, "Paging, filters and the combined feed": measured).
 */
import type { Context } from 'hono';
import { COMBINED_FEED_ID, feedPath } from '../feed-formats.ts';
import { buildFeedMeta, computeEtag } from '../refresh/publish-feed.ts';
import { renderFeed } from '../render/render-feed.ts';
import type { Store } from '../store.ts';
import type { FeedDefinition, FeedFormat } from '../types.ts';
import { buildCombinedMeta, listCombinedFeeds } from './combined-feed.ts';
import { encodeCursor, FEED_QUERY_PARAMETERS, parseFeedQuery, type ItemKey } from './feed-query.ts';
import { CORS_HEADERS, feedHeaders, isNotModified, type Validators } from './http-cache.ts';
import { currentFeeds, type ServeEnv, type ServeOptions } from './serve-env.ts';
import { showEntry, type PageEntry } from './variant-entries.ts';
import { readVariantPage } from './variant-page.ts';

/** The URL of the page after `next`: the same parameters in canonical order, with the new cursor. */
function buildNextUrl(base: string, params: URLSearchParams, next: ItemKey): string {
  const canonical = new URLSearchParams();
  for (const name of FEED_QUERY_PARAMETERS) {
    const value = name === 'after' ? encodeCursor(next) : params.get(name);
    if (value !== null) canonical.set(name, value);
  }
  return `${base}?${canonical.toString()}`;
}

function answerBadParameter(c: Context, parameter: string, reason: string): Response {
  const headers = { 'Cache-Control': 'no-store', ...CORS_HEADERS };
  return c.json({ error: `bad parameter "${parameter}": ${parameter} ${reason}`, parameter }, 400, headers);
}

/** Render the variant and answer it, 304 when the client holds these bytes. */
async function answerVariant(
  c: Context<ServeEnv>,
  format: FeedFormat,
  rendered: { body: string; lastModified: string },
): Promise<Response> {
  const validators: Validators = { etag: await computeEtag(rendered.body), lastModified: rendered.lastModified };
  const conditional = {
    ifNoneMatch: c.req.header('If-None-Match'),
    ifModifiedSince: c.req.header('If-Modified-Since'),
  };
  if (isNotModified(conditional, validators)) return c.body(null, 304, feedHeaders(validators));
  return c.body(rendered.body, 200, feedHeaders(validators, format));
}

/** The sources a variant reads that are built and not taken down, with the newest Last-Modified among them. */
async function openSources(store: Store, feeds: readonly FeedDefinition[], format: FeedFormat, publicUrl?: string) {
  // One query for all of them: the combined feed reads every feed (Store.listRenditionValidators).
  const validators = await store.listRenditionValidators(
    feeds.map((feed) => feed.id),
    format,
  );
  const builtIds = new Set(validators.map((v) => v.feedId));
  const built = feeds.filter((feed) => builtIds.has(feed.id));
  const lastModified = validators.reduce((newest, v) => (v.lastModified > newest ? v.lastModified : newest), '');
  const sources = built.map((feed) =>
    publicUrl === undefined ? { feed } : { feed, source: buildFeedMeta(feed, [], publicUrl) },
  );
  return { sources, lastModified };
}

/**
 * A variant's Last-Modified: the newest of its renditions', or of a shown record's re-fetch — a record past
 * the plain feed's newest `maxItems` may change without the renditions changing.
 */
function findLastModified(entries: readonly PageEntry[], renditions: string): string {
  return entries.reduce((newest, { record }) => {
    const fetched = record.fetchedAt ?? '';
    return fetched > newest ? fetched : newest;
  }, renditions);
}

/**
 * Answer `/feeds/{id}.{format}?…` for a built feed, or `/feeds/all.{format}[?…]` (`feed` undefined).
 * Returns `undefined` when the combined feed has nothing built to read yet (the caller answers 503).
 * @example return (await serveFeedVariant(c, options, { format: 'rss', feed })) ?? answerNotBuilt(c)
 */
export async function serveFeedVariant(
  c: Context<ServeEnv>,
  options: ServeOptions,
  target: { readonly format: FeedFormat; readonly feed?: FeedDefinition | undefined },
): Promise<Response | undefined> {
  const url = new URL(c.req.url);
  const publicUrl = options.publicUrl ?? url.origin;
  const feeds = target.feed ? [target.feed] : listCombinedFeeds(currentFeeds(options).feeds);
  const opened = await openSources(c.get('store'), feeds, target.format, target.feed ? undefined : publicUrl);
  if (opened.sources.length === 0) return undefined;
  const maxItems = Math.max(...opened.sources.map(({ feed }) => feed.maxItems));
  const parsed = parseFeedQuery(url.searchParams, maxItems);
  if (!parsed.ok) return answerBadParameter(c, parsed.parameter, parsed.reason);
  const limit = parsed.query.limit ?? maxItems;
  const decide = { query: parsed.query, now: options.clock() };
  const page = await readVariantPage(c.get('store'), opened.sources, decide, limit);
  const items = page.entries.flatMap(showEntry);
  // A variant states the build it is cut from (its renditions' newest), as the plain feed states its own.
  const builtAt = opened.lastModified === '' ? undefined : opened.lastModified;
  const meta = target.feed
    ? buildFeedMeta(target.feed, items, publicUrl, { builtAt })
    : buildCombinedMeta(
        opened.sources.map(({ feed }) => feed),
        items,
        publicUrl,
        builtAt,
      );
  const base = `${publicUrl}${feedPath(target.feed?.id ?? COMBINED_FEED_ID, target.format)}`;
  const next = page.next && buildNextUrl(base, url.searchParams, page.next);
  const body = renderFeed(target.format, meta, items, { next });
  const lastModified = findLastModified(page.entries, opened.lastModified);
  return answerVariant(c, target.format, { body, lastModified });
}
