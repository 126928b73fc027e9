/**
 * @module runtime/node/ticker
 * Node's scheduler. node-cron only wakes the process once a minute, as a Cron Trigger wakes the Worker;
 * which feeds are due is the core's decision (`selectDueFeeds`, src/core/schedule/due-feeds.ts), so a
 * schedule means the same thing on Node and on Workers. node-cron never parses a feed's schedule: it ANDs
 * the two day fields where Vixie cron ORs them, and it throws on expressions the core accepts (`5/20`).
 *
 * What Node did with one node-cron task per feed, it still does: a feed refreshes at the minutes its
 * schedule names (fire times missed while the process was down are not caught up: `since` starts at the
 * process start), feeds due at the same minute refresh side by side, a feed still refreshing is joined,
 * not started twice (the runner), and articles left pending wait for the next scheduled run.
 */
import cron from 'node-cron';
import type { CoreDeps } from '../../core/ports.ts';
import type { RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import { selectDueFeeds } from '../../core/schedule/due-feeds.ts';
import type { FeedDefinition } from '../../core/types.ts';

interface Ticker {
  /** Stop ticking; resolves once a tick in progress has started its refreshes. */
  stop(): Promise<void>;
}

/**
 * One tick: start a refresh of each feed whose schedule fired in (since, now] and since its last refresh.
 * Returns the feeds it started (or joined); the refreshes run on, tracked by the runner.
 * @example await runNodeTick(deps, runner, definitions, previousTick, deps.clock())
 */
export async function runNodeTick(
  deps: CoreDeps,
  runner: RefreshRunner,
  feeds: ReadonlyMap<string, FeedDefinition>,
  since: Date,
  now: Date,
): Promise<FeedDefinition[]> {
  const due = await selectDueFeeds(deps.store, feeds, now, { continuePending: false, since });
  for (const feed of due) void runner.refresh(feed);
  return due;
}

/**
 * Tick every minute, in UTC, from `startedAt` on, over the definitions `feeds()` gives at each tick.
 * @example const ticker = startTicker(deps, runner, () => registry.current().feeds, deps.clock()); await ticker.stop()
 */
export function startTicker(
  deps: CoreDeps,
  runner: RefreshRunner,
  feeds: () => ReadonlyMap<string, FeedDefinition>,
  startedAt: Date,
): Ticker {
  let since = startedAt;
  let ticking: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const now = deps.clock();
    await runNodeTick(deps, runner, feeds(), since, now);
    // Moved only once the tick succeeded: a tick that could not read the store leaves its window to the next.
    since = now;
  };
  const task = cron.schedule(
    '* * * * *',
    () => {
      ticking = tick().catch((error: unknown) => deps.log('error', 'tick failed', { message: String(error) }));
      return ticking;
    },
    { name: 'lede-tick', timezone: 'Etc/UTC', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await ticking;
    },
  };
}
