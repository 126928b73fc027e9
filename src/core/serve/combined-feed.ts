/**
 * @module core/serve/combined-feed
 * `/feeds/all.{rss|atom|json}`: every enabled feed that is built and not taken down, newest first. The
 * combined feed has no licence of its own: each item is rendered under its own feed's meta (licence,
 * attribution, backlink wording) and names that feed as its source (see `SourcedItem` in render/feed-parts).
 * Its feed-level statement only says so, with the most any source allows — which no item exceeds.
 */
import { DEFAULT_IMAGES } from '../license/resolve-policy.ts';
import { EPOCH } from '../dates.ts';
import { COMBINED_FEED_ID, feedPath } from '../feed-formats.ts';
import type { FeedDefinition, FeedFormat, FeedItem, FeedMeta, LicensePolicy } from '../types.ts';

/** The images rule of the combined feed's statement: the most permissive of its sources'. */
function combineImages(feeds: readonly FeedDefinition[]): NonNullable<LicensePolicy['images']> {
  const rules = feeds.map((feed) => feed.license.images ?? DEFAULT_IMAGES);
  if (rules.includes(true)) return true;
  return rules.includes('credited') ? 'credited' : false;
}

/** The combined feed's rights statement: the largest share and word cap any source allows, each item its own terms. */
function combineLicense(feeds: readonly FeedDefinition[]): FeedMeta['license'] {
  const caps = feeds.map((feed) => feed.license.maxWords);
  const maxWords = caps.every((cap) => cap !== undefined) ? Math.max(...caps) : undefined;
  return {
    maxShare: Math.max(...feeds.map((feed) => feed.license.maxShare)),
    maxWords,
    attribution: 'the publishers named on each item',
    terms: 'Each item carries its own source’s licence, attribution and link.',
    images: combineImages(feeds),
  };
}

/**
 * The meta the combined feed is rendered under; `updated` is its newest item's and `builtAt` its sources' newest
 * build, so its bytes move only with them.
 * @example buildCombinedMeta(feeds, items, 'https://feeds.example') // { id: 'all', links: { rss: '…/feeds/all.rss', … }, … }
 */
export function buildCombinedMeta(
  feeds: readonly FeedDefinition[],
  items: readonly FeedItem[],
  publicUrl: string,
  builtAt?: string,
): FeedMeta {
  const updated = items.reduce((newest, item) => (item.updated > newest ? item.updated : newest), EPOCH);
  const link = (format: FeedFormat) => `${publicUrl}${feedPath(COMBINED_FEED_ID, format)}`;
  return {
    id: COMBINED_FEED_ID,
    title: 'All feeds',
    site: `${publicUrl}/`,
    description:
      'Every feed of this server, newest first. Each item keeps its own source’s licence, attribution and ' +
      'backlink, and names its source.',
    language: undefined,
    license: combineLicense(feeds),
    links: { rss: link('rss'), atom: link('atom'), json: link('json') },
    updated,
    builtAt,
  };
}

/**
 * The definitions the combined feed may read: enabled ones (a disabled feed is gone). Whether each is built
 * and not taken down is the store's to say, per request (feed-variant.ts).
 * @example listCombinedFeeds(options.feeds)
 */
export function listCombinedFeeds(feeds: ReadonlyMap<string, FeedDefinition>): FeedDefinition[] {
  return [...feeds.values()].filter((feed) => feed.enabled !== false);
}
