/**
 * @module core/refresh/publish-feed
 * Render the stored items in every format and keep the bytes only when they changed, so a refresh
 * that finds nothing new leaves every ETag and Last-Modified as they were (RFC 9110 §8.8).
 *
 * The last gate before anything leaves: only items past the licence's embargo (`delay`) are published,
 * and each is held to the policy in force now (`enforcePolicy`, re-cutting in memory an excerpt that is
 * over it — say a stored one that was tampered with, or cut under older terms), whatever the store holds.
 */
import { parseDelay } from '../config/feed-definition.ts';
import { sha256Hex } from '../hash.ts';
import { enforcePolicy } from '../license/enforce-policy.ts';
import { NO_SIGNALS, resolvePolicy } from '../license/resolve-policy.ts';
import { renderFeed } from '../render/render-feed.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition, FeedFormat, FeedItem, FeedMeta } from '../types.ts';
import type { ArticleRecord } from '../../store/store.ts';

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

/** Whether an item is still under the licence's embargo at `now` (its publication date, else its discovery). */
function isEmbargoed(record: ArticleRecord, delayMs: number, now: Date): boolean {
  if (delayMs <= 0) return false;
  const published = Date.parse(record.item?.published ?? '');
  const since = Number.isNaN(published) ? Date.parse(record.discoveredAt) : published;
  return !(since + delayMs <= now.getTime());
}

/** A stored item as the current policy lets it be published. */
function enforceCurrentPolicy(record: ArticleRecord, item: FeedItem, feed: FeedDefinition): FeedItem {
  const policy = resolvePolicy(feed.license, record.audit?.signals ?? NO_SIGNALS);
  const articleWords = record.audit?.articleWords ?? item.excerpt.articleWords;
  return enforcePolicy(item, policy, articleWords, item.language ?? feed.language);
}

/**
 * The items a feed may publish at `now`: newest first, at most `maxItems`, none under embargo, each held
 * to the current policy. Embargoed items are the newest, so the list is read again past them.
 *
 * @example const items = await selectPublishable(deps, feed)
 */
export async function selectPublishable(deps: CoreDeps, feed: FeedDefinition): Promise<FeedItem[]> {
  const delayMs = parseDelay(feed.license.delay);
  const now = deps.clock();
  let records = await deps.store.listPublished(feed.id, feed.maxItems);
  const embargoed = records.filter((record) => isEmbargoed(record, delayMs, now)).length;
  if (embargoed > 0) records = await deps.store.listPublished(feed.id, feed.maxItems + embargoed);
  return records
    .filter((record) => !isEmbargoed(record, delayMs, now))
    .slice(0, feed.maxItems)
    .flatMap((record) => (record.item ? [enforceCurrentPolicy(record, record.item, feed)] : []));
}

/**
 * Render and store every format whose bytes changed. Returns whether any did. A disabled feed
 * (`enabled: false`) is never published.
 * @example const changed = await publishFeed(deps, feed, 'http://127.0.0.1:8787')
 */
export async function publishFeed(deps: CoreDeps, feed: FeedDefinition, publicUrl: string): Promise<boolean> {
  if (feed.enabled === false) return false;
  const items = await selectPublishable(deps, feed);
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
