/**
 * @module core/refresh/takedown
 * The per-source kill switch. Two ways in, each with its own way out:
 *
 * - `"enabled": false` in the feed's definition: the feed answers 410 Gone at once (the definition says
 *   so), and its stored items and renditions are purged the first time anything looks at it (start-up,
 *   a refresh, a request). Lifted by removing the field (or setting it to true) and redeploying.
 * - `POST /admin/takedown/{id}`: purged on the spot, recorded in the store so it survives restarts and
 *   holds on every runtime that shares the store. Lifted by `DELETE /admin/takedown/{id}`; the feed then
 *   starts from nothing and is rebuilt by its next refresh (or `POST /admin/refresh/{id}`).
 *
 * Either way the store refuses the feed's writes while it is down (src/store/queries.ts), so a refresh
 * in flight cannot bring it back.
 */
import type { FeedDefinition } from '../types.ts';
import type { Store, Takedown } from '../store.ts';

/** The `reason` of a takedown made by `enabled: false`, so that re-enabling the feed lifts it. */
const DEFINITION_TAKEDOWN_REASON = 'enabled: false in the feed definition';

/**
 * Make the store agree with the definition's kill switch; returns the takedown in force, if any.
 *
 * @example if (await applyKillSwitch(deps.store, feed, deps.clock())) return; // the feed is down
 */
export async function applyKillSwitch(store: Store, feed: FeedDefinition, now: Date): Promise<Takedown | undefined> {
  const takedown = await store.getTakedown(feed.id);
  if (feed.enabled === false) {
    if (takedown) return takedown;
    const next: Takedown = { feedId: feed.id, at: now.toISOString(), reason: DEFINITION_TAKEDOWN_REASON };
    await store.takeDown(next);
    return next;
  }
  if (takedown?.reason === DEFINITION_TAKEDOWN_REASON) {
    await store.liftTakedown(feed.id);
    return undefined;
  }
  return takedown;
}
