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
import { EPOCH } from '../dates.ts';
import { FEED_FORMATS, feedPath } from '../feed-formats.ts';
import { sha256Hex } from '../hash.ts';
import { enforcePolicy } from '../license/enforce-policy.ts';
import { DEFAULT_IMAGES, resolvePolicy } from '../license/resolve-policy.ts';
import { RENDER_VERSION, renderFeed } from '../render/render-feed.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition, FeedFormat, FeedItem, FeedMeta } from '../types.ts';
import { NO_SIGNALS } from '../signals/merge-signals.ts';
import type { ArticleRecord, Rendition } from '../store.ts';

/**
 * Feed-level metadata; `updated` is the newest item's, so it moves only when the items do.
 * @example buildFeedMeta(feed, items, 'https://feeds.example.com')
 */
export function buildFeedMeta(feed: FeedDefinition, items: readonly FeedItem[], publicUrl: string): FeedMeta {
  // An empty feed's `updated` is the epoch, not "now", so its bytes are stable too.
  const updated = items.reduce((newest, item) => (item.updated > newest ? item.updated : newest), EPOCH);
  const link = (format: FeedFormat) => `${publicUrl}${feedPath(feed.id, format)}`;
  return {
    id: feed.id,
    title: feed.title,
    site: feed.site,
    description: feed.description,
    language: feed.language,
    // The renderers state the image rule in force, so the licence stage's default is filled in here.
    license: { ...feed.license, images: feed.license.images ?? DEFAULT_IMAGES },
    links: { rss: link('rss'), atom: link('atom'), json: link('json') },
    updated,
  };
}

/** Strong validator over the representation's bytes (RFC 9110 §8.8.3). */
export async function computeEtag(body: string): Promise<string> {
  return `"${(await sha256Hex(body)).slice(0, 32)}"`;
}

/**
 * Whether an item is still under the licence's embargo at `now` (its publication date, else its discovery).
 * @example records.filter((record) => !isEmbargoed(record, parseDelay(feed.license.delay), now))
 */
export function isEmbargoed(record: ArticleRecord, delayMs: number, now: Date): boolean {
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

/** The records a feed may publish at `now`: newest first, at most `maxItems`, none under embargo. */
async function selectVisibleRecords(deps: CoreDeps, feed: FeedDefinition): Promise<ArticleRecord[]> {
  const delayMs = parseDelay(feed.license.delay);
  const now = deps.clock();
  let records = await deps.store.listPublished(feed.id, feed.maxItems);
  // Embargoed items are the newest, so the list is read again past them.
  const embargoed = records.filter((record) => isEmbargoed(record, delayMs, now)).length;
  if (embargoed > 0) records = await deps.store.listPublished(feed.id, feed.maxItems + embargoed);
  return records.filter((record) => !isEmbargoed(record, delayMs, now)).slice(0, feed.maxItems);
}

/**
 * Each record's item held to the current policy: what the feed publishes, and what its variants may show.
 * @example const items = enforceAll(records, feed)
 */
export function enforceAll(records: readonly ArticleRecord[], feed: FeedDefinition): FeedItem[] {
  return records.flatMap((record) => (record.item ? [enforceCurrentPolicy(record, record.item, feed)] : []));
}

/**
 * Everything the renditions are rendered from, hashed: renderer version, definition, public URL and the
 * visible records (their items, audits and excerpt hashes — all that enforcement and rendering read).
 */
function computeInputKey(feed: FeedDefinition, publicUrl: string, records: readonly ArticleRecord[]): Promise<string> {
  const inputs = records.map(({ sourceUrl, item, audit, excerptHash }) => [sourceUrl, item, audit, excerptHash]);
  return sha256Hex(JSON.stringify([RENDER_VERSION, feed, publicUrl, inputs]));
}

/** Render one format and store it when its bytes or input key changed; true when the bytes did. */
async function publishFormat(
  deps: CoreDeps,
  rendition: { feedId: string; format: FeedFormat; body: string; inputKey: string },
  current: Omit<Rendition, 'body'> | undefined,
): Promise<boolean> {
  const etag = await computeEtag(rendition.body);
  if (current?.etag === etag) {
    // Same bytes from new inputs (say, a re-fetched page that reads the same): keep Last-Modified.
    if (current.inputKey !== rendition.inputKey)
      await deps.store.putRendition({ ...rendition, etag, lastModified: current.lastModified });
    return false;
  }
  await deps.store.putRendition({ ...rendition, etag, lastModified: deps.clock().toISOString() });
  return true;
}

/**
 * Render and store every format whose bytes changed. Returns whether any did. When nothing the feed is
 * rendered from changed since the stored renditions (same input key), nothing is rendered at all: the
 * common refresh, which finds nothing new, costs no rendering. A disabled feed (`enabled: false`) is
 * never published.
 * @example const changed = await publishFeed(deps, feed, 'http://127.0.0.1:8787')
 */
export async function publishFeed(deps: CoreDeps, feed: FeedDefinition, publicUrl: string): Promise<boolean> {
  if (feed.enabled === false) return false;
  const records = await selectVisibleRecords(deps, feed);
  const inputKey = await computeInputKey(feed, publicUrl, records);
  const current = await Promise.all(FEED_FORMATS.map((format) => deps.store.getRenditionValidators(feed.id, format)));
  if (current.every((validators) => validators?.inputKey === inputKey)) return false;
  const items = enforceAll(records, feed);
  const meta = buildFeedMeta(feed, items, publicUrl);
  let changed = false;
  for (const [index, format] of FEED_FORMATS.entries()) {
    const body = renderFeed(format, meta, items);
    if (await publishFormat(deps, { feedId: feed.id, format, body, inputKey }, current[index])) changed = true;
  }
  return changed;
}
