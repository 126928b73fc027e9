/**
 * @module runtime/worker-scheduled
 * What a Cron Trigger tick does. wrangler.toml wakes the Worker on one fixed tick (every 5 minutes); each
 * feed's own `schedule` decides, with the core's `selectDueFeeds` (the same as on Node), whether it is
 * due. A feed that still has pending articles from an earlier tick is due too (`continuePending`), so a
 * long refresh converges tick after tick instead of waiting for its next scheduled time.
 *
 * Two modes (docs/workers.md): without a Queue binding, the tick fetches articles itself within its
 * budget (src/runtime/worker/runner.ts); with `ARTICLE_QUEUE`, it only reads the sources and hands the
 * pending articles to the queue consumer (src/runtime/worker/queue.ts).
 */
import { selectDueFeeds } from '../../core/schedule/due-feeds.ts';
import type { CoreDeps } from '../../core/ports.ts';
import type { FeedDefinition } from '../../core/types.ts';
import type { RefreshReport } from '../../core/store.ts';
import type { SubrequestBudget } from './budget.ts';
import type { ArticleQueue, WorkerConfig } from './env.ts';
import { enqueuePending } from './queue.ts';
import { createWorkerRunner } from './runner.ts';

export interface ScheduledInvocation {
  readonly deps: CoreDeps;
  readonly config: WorkerConfig;
  readonly budget: SubrequestBudget;
  readonly holder: string;
  readonly feeds: ReadonlyMap<string, FeedDefinition>;
  readonly queue?: ArticleQueue | undefined;
}

/**
 * Run one tick: refresh the due feeds in the invocation's budget, or (Queues mode) read their sources
 * and enqueue their pending articles. Returns the reports of the feeds it refreshed.
 *
 * @example await runScheduledTick(invocation, new Date(controller.scheduledTime))
 */
export async function runScheduledTick(invocation: ScheduledInvocation, now: Date): Promise<RefreshReport[]> {
  const { deps, config, budget, holder, queue } = invocation;
  const due = await selectDueFeeds(deps.store, invocation.feeds, now, { continuePending: true });
  deps.log('info', 'tick', { due: due.map((feed) => feed.id), mode: queue ? 'queue' : 'budget', budget: budget.limit });
  if (due.length === 0) return [];
  const maxPages = queue ? 0 : config.maxPagesPerRun;
  const reports = await createWorkerRunner({ deps, publicUrl: config.publicUrl, budget, maxPages, holder }).refreshMany(
    due,
  );
  if (queue) {
    for (const feed of due) await enqueuePending(deps, queue, feed, holder);
  }
  deps.log('info', 'tick done', { refreshed: reports.filter((report) => report.ok).length, subrequests: budget.used });
  return reports;
}
