/**
 * @module runtime/worker/runner
 * The Worker's `RefreshRunner`: the core's runner, per feed, inside two guards the Node process does
 * not need.
 *
 * - A lease in D1 (`refresh:<feed id>`), because a cron tick, a queue consumer and the admin route may
 *   run in different isolates at once; Node's in-process "join the run in flight" cannot see them. A
 *   feed whose lease is taken is skipped with a `busy` report.
 * - The invocation's budget (src/runtime/worker/budget.ts): each feed gets the article pages that still
 *   fit, the next tick continues with what is left pending (the core stores discovered entries as
 *   pending work, and `refreshFeed` takes `maxPages`).
 */
import { toLedeError } from '../../core/errors.ts';
import { failedReport, refreshFeed } from '../../core/refresh/refresh-feed.ts';
import { createJoiningRunner, type RefreshRequest, type RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import type { CoreDeps } from '../../core/ports.ts';
import type { FeedDefinition } from '../../core/types.ts';
import type { RefreshReport, Store } from '../../core/store.ts';
import { planArticlePages, type SubrequestBudget } from './budget.ts';

/** No invocation outlives 15 minutes of wall time (Cron Triggers, Queue consumers), so neither does a lease. */
const LEASE_MS = 15 * 60_000;

export interface WorkerRunnerOptions {
  /** Store, clock, log and the budget-guarded fetcher of this invocation. */
  readonly deps: CoreDeps;
  readonly publicUrl: string;
  readonly budget: SubrequestBudget;
  /** Article pages for the whole invocation (0 in Queues mode: articles go through the queue). */
  readonly maxPages: number;
  /** This invocation's name on the leases it takes. */
  readonly holder: string;
}

/**
 * Name of the lease that guards a feed's refresh and publication.
 * @example refreshLeaseName('monitor') // 'refresh:monitor'
 */
export function refreshLeaseName(feedId: string): string {
  return `refresh:${feedId}`;
}

/**
 * Run `work` while holding lease `name`; `undefined` (without running it) when another holder has it.
 * @example await withLease(deps, 'refresh:monitor', holder, () => publishFeed(deps, feed, publicUrl))
 */
export async function withLease<T>(
  deps: CoreDeps,
  name: string,
  holder: string,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + LEASE_MS).toISOString();
  if (!(await deps.store.acquireLease(name, holder, expiresAt, now.toISOString()))) return undefined;
  try {
    return await work();
  } finally {
    await deps.store.releaseLease(name, holder);
  }
}

/**
 * Whether another holder has lease `name` now, asked without a read method of its own: a probe takes it
 * only if it is free or expired, and then as already expired (at `now`), so nobody ever waits for the probe;
 * it gives it back at once (a no-op if a real holder took it meanwhile).
 * @example if (await isLeaseHeld(store, refreshLeaseName('monitor'))) state = 'running';
 */
export async function isLeaseHeld(store: Store, name: string, now: Date = new Date()): Promise<boolean> {
  const probe = `probe:${crypto.randomUUID()}`;
  const at = now.toISOString();
  if (!(await store.acquireLease(name, probe, at, at))) return true;
  await store.releaseLease(name, probe);
  return false;
}

/** A report for a feed this invocation did not refresh, saying why (`busy`, `budget`, or the error's code). */
function skippedReport(deps: CoreDeps, feed: FeedDefinition, code: string, message: string): RefreshReport {
  deps.log(code === 'busy' || code === 'budget' ? 'info' : 'error', 'refresh skipped', {
    feed: feed.id,
    code,
    message,
  });
  return failedReport(deps, feed, code, message);
}

/**
 * A request the budget refused never reached the site: take back the attempt `processArticle` counted
 * for it, so the article waits for the next invocation instead of drifting towards `failed`.
 * @example await restoreRefused(store, feed.id, [...budget.refused])
 */
export async function restoreRefused(store: Store, feedId: string, urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    const record = await store.getArticle(feedId, url);
    if (!record || record.attempts === 0) continue;
    await store.putArticle({ ...record, attempts: record.attempts - 1, state: 'pending', error: undefined });
  }
}

/** Article pages a refresh used: published ones plus failed attempts (the source's own error excluded). */
function countArticlePages(report: RefreshReport, feed: FeedDefinition): number {
  return report.fetched + report.errors.filter((error) => error.url !== feed.source.url).length;
}

async function refreshInBudget(
  options: WorkerRunnerOptions,
  feed: FeedDefinition,
  pagesLeft: number,
  request: RefreshRequest,
) {
  const { deps, budget, holder } = options;
  const pages = planArticlePages(budget.remaining, pagesLeft, feed.source);
  if (pages === undefined)
    return skippedReport(deps, feed, 'budget', 'this invocation’s subrequests are spent; the next tick continues');
  const refusedBefore = new Set(budget.refused);
  const report = await withLease(deps, refreshLeaseName(feed.id), holder, () =>
    refreshFeed(deps, feed, { publicUrl: options.publicUrl, maxPages: pages, ...request }),
  );
  if (!report) return skippedReport(deps, feed, 'busy', 'another invocation is refreshing this feed');
  await restoreRefused(
    deps.store,
    feed.id,
    [...budget.refused].filter((url) => !refusedBefore.has(url)),
  );
  return report;
}

/**
 * @example
 * const runner = createWorkerRunner({ deps, publicUrl, budget, maxPages: 20, holder: crypto.randomUUID() });
 * const reports = await runner.refreshMany(dueFeeds);
 */
export function createWorkerRunner(options: WorkerRunnerOptions): RefreshRunner {
  let pagesLeft = options.maxPages;
  return createJoiningRunner(
    async (feed, request) => {
      const report = await refreshInBudget(options, feed, pagesLeft, request);
      pagesLeft = Math.max(0, pagesLeft - countArticlePages(report, feed));
      return report;
    },
    // The lease and the restore talk to D1; if that fails, report it like any crash, never reject.
    (feed, error) => {
      const { code, message } = toLedeError(error);
      return skippedReport(options.deps, feed, code, message);
    },
  );
}
