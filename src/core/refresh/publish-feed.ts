/**
 * @module core/refresh/publish-feed
 * Render the stored items in every format and keep the bytes only when they changed, so a refresh
 * that finds nothing new leaves every ETag and Last-Modified as they were (RFC 9110 §8.8).
 */
import { sha256Hex } from '../hash.ts';
import { renderFeed } from '../render/render-feed.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition, FeedFormat, FeedItem, FeedMeta } from '../types.ts';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** An empty feed's `updated`: a fixed instant, not "now", so its bytes are stable too. */
const EPOCH = '1970-01-01T00:00:00.000Z';

/** The path a format is served at, relative to the public base URL. */
export function feedPath(feedId: string, format: FeedFormat): string {
  return `/feeds/${feedId}.${format}`;
}

/**
 * Feed-level metadata; `updated` is the newest item's, so it moves only when the items do.
 * @example buildFeedMeta(feed, items, 'https://feeds.example.com')
 */
export function buildFeedMeta(feed: FeedDefinition, items: readonly FeedItem[], publicUrl: string): FeedMeta {
  const updated = items.reduce((newest, item) => (item.updated > newest ? item.updated : newest), EPOCH);
  const link = (format: FeedFormat) => `${publicUrl}${feedPath(feed.id, format)}`;
  return {
    id: feed.id,
    title: feed.title,
    site: feed.site,
    ...(feed.description ? { description: feed.description } : {}),
    ...(feed.language ? { language: feed.language } : {}),
    license: feed.license,
    links: { rss: link('rss'), atom: link('atom'), json: link('json') },
    updated,
  };
}

/** Strong validator over the representation's bytes (RFC 9110 §8.8.3). */
export async function computeEtag(body: string): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

/**
 * Render and store every format whose bytes changed. Returns whether any did.
 * @example const changed = await publishFeed(deps, feed, 'http://127.0.0.1:8787')
 */
export async function publishFeed(deps: CoreDeps, feed: FeedDefinition, publicUrl: string): Promise<boolean> {
  const items = await deps.store.listItems(feed.id, feed.maxItems);
  const meta = buildFeedMeta(feed, items, publicUrl);
  const lastModified = deps.clock().toISOString();
  let changed = false;
  for (const format of FEED_FORMATS) {
    const body = renderFeed(format, meta, items);
    const etag = await computeEtag(body);
    const current = await deps.store.getRenditionValidators(feed.id, format);
    if (current?.etag === etag) continue;
    await deps.store.putRendition({ feedId: feed.id, format, body, etag, lastModified });
    changed = true;
  }
  return changed;
}
