/**
 * @module core/refresh/retention
 * What a feed can still serve, and the pruning of everything else. A feed serves its newest `maxItems` items
 * (its plain URL; `?limit` asks for fewer; the combined feed draws on the same records), and its variants page
 * back (`?after`, `?since`, `?category`, `?q`: src/core/serve/feed-variant.ts) through every record it keeps.
 * Retention bounds that archive: a record goes once it is past the newest `maxItems` (plus the items under
 * embargo, which the plain feed skips) and both its date and its discovery are more than `retentionDays` (plus
 * the licence's embargo) in the past. A record given up on without ever getting an item goes by its discovery.
 *
 * Pruning keeps each record's licence audit trail and marks its URL as seen (`Store.pruneArticles`), so an
 * article a source still lists is not fetched and published again as new. It runs when publishing found new
 * inputs (publish-feed.ts): only new articles push others out, so a refresh that found nothing costs nothing
 * more, and a feed that publishes nothing new never grows.
 */
import { parseDelay } from '../config/feed-definition.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition } from '../types.ts';

/** Most records one pass removes: bounds its rows written (D1 bills them); the rest go on the next passes. */
const PRUNE_BATCH = 200;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Prune what `feed` can no longer serve, when the runtime set a retention (`deps.retentionDays`): the newest
 * `keep` published records stay (publishing passes maxItems plus the items under embargo). Returns how many went.
 * @example await pruneFeed(deps, feed, feed.maxItems)
 */
export async function pruneFeed(deps: CoreDeps, feed: FeedDefinition, keep: number): Promise<number> {
  const days = deps.retentionDays;
  if (days === undefined) return 0;
  const now = deps.clock();
  const before = new Date(now.getTime() - parseDelay(feed.license.delay) - days * DAY_MS).toISOString();
  const pruned = await deps.store.pruneArticles(feed.id, { keep, before, limit: PRUNE_BATCH, now: now.toISOString() });
  if (pruned > 0) deps.log('info', 'pruned', { feed: feed.id, pruned, before });
  return pruned;
}
