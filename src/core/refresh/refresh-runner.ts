/**
 * @module core/refresh/refresh-runner
 * Guarantees a feed's refresh never overlaps itself within one process: a second request for a feed
 * that is already refreshing joins the run in flight instead of starting another. Cron, the admin
 * routes and start-up all go through one runner.
 */
import { toLedeError } from '../errors.ts';
import type { CoreDeps } from '../ports.ts';
import type { FeedDefinition } from '../types.ts';
import type { RefreshReport } from '../store.ts';
import { failedReport, refreshFeed, type RefreshOptions } from './refresh-feed.ts';

/** Who asked for a refresh: a schedule (the default), or someone by hand (the admin API, the CLI). */
export interface RefreshRequest {
  /** Asked for by hand: Lede's own failure backoff is not waited for (the source's Retry-After still is). */
  readonly byHand?: boolean;
}

export interface RefreshRunner {
  /** Refresh one feed (or join its run in flight). Never rejects: a crash becomes a failed report. */
  refresh(feed: FeedDefinition, request?: RefreshRequest): Promise<RefreshReport>;
  /** Refresh several feeds one after another (politeness and memory over speed). */
  refreshMany(feeds: readonly FeedDefinition[], request?: RefreshRequest): Promise<RefreshReport[]>;
  /** Whether a run of the feed is in flight (on Workers, in any invocation: its lease is asked). */
  isRunning(feedId: string): boolean | Promise<boolean>;
  /** Resolves when no refresh is in flight (for graceful shutdown). */
  idle(): Promise<void>;
}

/**
 * The joining discipline on its own: one run per feed in flight, a second caller gets the same promise,
 * and a rejection becomes `onCrash`'s report. Runtimes with their own way of running a feed (the Worker's
 * budget and lease) reuse it.
 * @example const runner = createJoiningRunner((feed) => refreshFeed(deps, feed, options), onCrash)
 */
export function createJoiningRunner(
  run: (feed: FeedDefinition, request: RefreshRequest) => Promise<RefreshReport>,
  onCrash: (feed: FeedDefinition, error: unknown) => RefreshReport,
): RefreshRunner {
  const running = new Map<string, Promise<RefreshReport>>();
  const refresh = (feed: FeedDefinition, request: RefreshRequest = {}): Promise<RefreshReport> => {
    const inFlight = running.get(feed.id);
    if (inFlight) return inFlight;
    const promise = run(feed, request)
      .catch((error: unknown) => onCrash(feed, error))
      .finally(() => running.delete(feed.id));
    running.set(feed.id, promise);
    return promise;
  };
  return {
    refresh,
    async refreshMany(feeds, request) {
      const reports: RefreshReport[] = [];
      for (const feed of feeds) reports.push(await refresh(feed, request));
      return reports;
    },
    isRunning: (feedId) => running.has(feedId),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },
  };
}

/**
 * @example const runner = createRefreshRunner(deps, { publicUrl }); await runner.refresh(feed)
 */
export function createRefreshRunner(deps: CoreDeps, options: RefreshOptions): RefreshRunner {
  return createJoiningRunner(
    (feed, request) => refreshFeed(deps, feed, { ...options, ...request }),
    (feed, error) => {
      const { code, message } = toLedeError(error);
      deps.log('error', 'refresh crashed', { feed: feed.id, code, message });
      return failedReport(deps, feed, code, message);
    },
  );
}
