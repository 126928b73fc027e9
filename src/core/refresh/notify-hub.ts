/**
 * @module core/refresh/notify-hub
 * After a refresh changed a feed, tell the WebSub hub (when one is configured) which of its URLs changed.
 * The hub is a third party that may be down: a failed ping is logged, reported, and the URL kept in the
 * feed's state (`hubPending`, the "hub not yet notified" marker) so the next refresh pings it again even
 * when nothing changed then. Pings never delay or undo publishing: the feed is already served.
 */
import { toLedeError } from '../errors.ts';
import { feedPath } from '../feed-formats.ts';
import type { CoreDeps } from '../ports.ts';
import { pingHub } from '../pull/ping-hub.ts';
import type { FeedDefinition, FeedFormat } from '../types.ts';
import { publishFeed } from './publish-feed.ts';

/** A ping that failed, as a refresh report lists it. */
export interface HubFailure {
  readonly url: string;
  readonly code: string;
  readonly message: string;
}

/**
 * The feed URLs (topics) of `formats`, for `publicUrl`.
 * @example topicUrls('monitor', ['rss'], 'https://feeds.example') // ['https://feeds.example/feeds/monitor.rss']
 */
export function topicUrls(feedId: string, formats: readonly FeedFormat[], publicUrl: string): string[] {
  return formats.map((format) => `${publicUrl}${feedPath(feedId, format)}`);
}

/**
 * Ping the hub for every changed topic and every one still pending from earlier runs. Returns the topics
 * still not notified (undefined when none, or when no hub is configured) and the failures.
 *
 * @example const { pending, failures } = await notifyHub(deps, feed.id, topics, state?.hubPending)
 */
export async function notifyHub(
  deps: CoreDeps,
  feedId: string,
  changed: readonly string[],
  pending: readonly string[] | undefined,
): Promise<{ pending: string[] | undefined; failures: HubFailure[] }> {
  const { websub } = deps;
  if (websub === undefined) return { pending: undefined, failures: [] };
  const topics = [...new Set([...(pending ?? []), ...changed])];
  const failures: HubFailure[] = [];
  const left: string[] = [];
  for (const topic of topics) {
    try {
      await pingHub(websub.postForm, websub.url, topic);
      deps.log('debug', 'hub notified', { feed: feedId, hub: websub.url, topic });
    } catch (error) {
      const { code, message } = toLedeError(error);
      deps.log('warn', 'hub not notified', { feed: feedId, hub: websub.url, topic, code, message });
      failures.push({ url: websub.url, code, message });
      left.push(topic);
    }
  }
  return { pending: left.length > 0 ? left : undefined, failures };
}

/**
 * Publish a feed and tell the hub, outside a refresh (the Worker's queue consumer publishes what its
 * batch licensed): the feed state's `hubPending` is read and written back around the pings.
 * @example await publishAndNotify(deps, feed, publicUrl)
 */
export async function publishAndNotify(deps: CoreDeps, feed: FeedDefinition, publicUrl: string): Promise<void> {
  const formats = await publishFeed(deps, feed, publicUrl);
  if (deps.websub === undefined) return;
  const state = await deps.store.getFeedState(feed.id);
  if (formats.length === 0 && state?.hubPending === undefined) return;
  const { pending } = await notifyHub(deps, feed.id, topicUrls(feed.id, formats, publicUrl), state?.hubPending);
  await deps.store.putFeedState({ ...(state ?? { feedId: feed.id }), hubPending: pending });
}
