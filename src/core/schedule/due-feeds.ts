/**
 * @module core/schedule/due-feeds
 * Which feeds a tick refreshes. Both runtimes tick — a Cron Trigger on the Worker, a one-minute node-cron
 * ticker on Node — and both ask this one function, so a schedule means the same on either: the core's
 * cron (src/core/schedule/cron.ts, Vixie semantics, UTC) against the feed's last refresh.
 *
 * Two policies differ by runtime, as they always have, and are options here rather than second copies:
 * - `continuePending` (Worker): a feed with articles still pending from an earlier tick is due on every
 *   tick, so a refresh cut short by the subrequest budget converges tick after tick. On Node a run is not
 *   budgeted; what it leaves pending (a retry, or pages beyond `MAX_PAGES_PER_RUN`) waits for the schedule.
 * - `since` (Node): only fire times after this instant count, so fire times missed while the process was
 *   down are not caught up at start (Node refreshes the never-refreshed feeds at start-up instead). The
 *   Worker has no process and no start-up: it catches up on its next tick.
 */
import type { FeedState, Store } from '../store.ts';
import type { FeedDefinition } from '../types.ts';
import { parseCron } from './cron.ts';
import { isDue } from './next-run.ts';

interface DueOptions {
  /** A feed with pending articles is due on every tick (the Worker's budgeted, incremental refresh). */
  readonly continuePending: boolean;
  /** Count only the fire times after this instant (Node: the previous tick, at first the process start). */
  readonly since?: Date;
}

function isFeedDue(feed: FeedDefinition, state: FeedState | undefined, now: Date, options: DueOptions): boolean {
  if (options.continuePending && (state?.lastReport?.pending ?? 0) > 0) return true;
  const lastRun = state?.lastRefreshAt;
  const { since } = options;
  // The later of the two bounds the window (after, now] in which a fire time makes the feed due.
  const after =
    since && (lastRun === undefined || since.getTime() > Date.parse(lastRun)) ? since.toISOString() : lastRun;
  return isDue(parseCron(feed.schedule), after, now);
}

/**
 * Feeds to refresh at `now`: due by their own schedule (it fired since their last refresh), or with
 * pending work left by an earlier tick when `continuePending`; least recently refreshed first, so feeds
 * share a small budget fairly across ticks. A feed never refreshed is due (unless `since` bounds it). The
 * states are read in one store call, not one per feed: a tick with nothing due costs one D1 query per
 * thousand feeds (an invocation has 50 on Workers Free).
 *
 * @example await selectDueFeeds(store, definitions, new Date(controller.scheduledTime), { continuePending: true })
 */
export async function selectDueFeeds(
  store: Pick<Store, 'listFeedStates'>,
  feeds: ReadonlyMap<string, FeedDefinition>,
  now: Date,
  options: DueOptions,
): Promise<FeedDefinition[]> {
  const definitions = [...feeds.values()];
  const states = await store.listFeedStates(definitions.map((feed) => feed.id));
  const byId = new Map(states.map((state) => [state.feedId, state]));
  return definitions
    .map((feed) => ({ feed, state: byId.get(feed.id) }))
    .filter(({ feed, state }) => isFeedDue(feed, state, now, options))
    .sort((a, b) => (a.state?.lastRefreshAt ?? '').localeCompare(b.state?.lastRefreshAt ?? ''))
    .map(({ feed }) => feed);
}
