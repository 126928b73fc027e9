/**
 * @module runtime/node/reload-definitions
 * Node re-reads `FEEDS_DIR` while running: on a change the watch sees (src/runtime/node/watch-definitions.ts),
 * on `POST /admin/reload` and on SIGHUP, all through the one `reload` made here. Each reload reconciles the
 * files with the live registry (the rule is the core's: src/core/config/feed-registry.ts), swaps the set at
 * once, logs a line per change, applies the kill switch to what was added or changed (as start-up does for
 * every definition), and starts a refresh of each added feed, as start-up does for a feed never refreshed.
 * Reloads run one after another, so a watch event and a SIGHUP at once cannot interleave.
 */
import { formatProblem } from '../../core/config/feed-definition.ts';
import {
  createFeedRegistry,
  reconcileDefinitions,
  type FeedRegistry,
  type FeedSet,
  type ReloadReport,
} from '../../core/config/feed-registry.ts';
import type { Clock, Log } from '../../core/ports.ts';
import type { RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import { applyKillSwitch } from '../../core/refresh/takedown.ts';
import type { Store } from '../../core/store.ts';
import { definitionPath, readDefinitionFiles } from './feeds.ts';
import { watchDefinitions } from './watch-definitions.ts';

interface ReloadContext {
  readonly feedsDir: string;
  readonly registry: FeedRegistry;
  readonly store: Store;
  readonly runner: RefreshRunner;
  readonly log: Log;
  readonly clock: Clock;
}

function logChanges(log: Log, report: ReloadReport): void {
  for (const { feed, file } of report.added) log('info', 'definition added', { feed, file });
  for (const { feed, file } of report.changed) log('info', 'definition changed', { feed, file });
  for (const { feed, file } of report.removed) log('info', 'definition removed', { feed, file });
  for (const { feed, file, kept, problems } of report.invalid) {
    const reason = problems.map(formatProblem).join('; ');
    log('error', 'definition invalid', { feed, file, kept, reason });
  }
}

async function applyReload(context: ReloadContext): Promise<ReloadReport> {
  const { registry, store, runner, log, clock } = context;
  const files = await readDefinitionFiles(context.feedsDir);
  const { next, report } = reconcileDefinitions(registry.current(), files, (id) =>
    definitionPath(context.feedsDir, id),
  );
  registry.replace(next);
  logChanges(log, report);
  const touched = [...report.added, ...report.changed].flatMap(({ feed }) => next.feeds.get(feed) ?? []);
  for (const feed of touched) await applyKillSwitch(store, feed, clock());
  const added = report.added.flatMap(({ feed }) => next.feeds.get(feed) ?? []);
  // In the background, tracked by the runner (closing waits for it): the caller gets its report now.
  if (added.length > 0) void runner.refreshMany(added);
  return report;
}

/** Node's live definitions: the registry the routes and the ticker read, and what changes it. */
interface LiveDefinitions {
  readonly registry: FeedRegistry;
  /** Re-read FEEDS_DIR now; each call waits for the reloads before it. A failure is logged, and rejects. */
  reload(): Promise<ReloadReport>;
  /** Reload after each burst of changes in FEEDS_DIR, until `close`. */
  watch(): void;
  /** Stop watching; resolves once a reload in progress is done. */
  close(): Promise<void>;
}

/**
 * The live definitions of a running Node Lede, starting from the set read at start-up.
 * @example const live = openLiveDefinitions({ feedsDir, initial: { feeds, problems }, store, runner, log, clock })
 */
export function openLiveDefinitions(context: Omit<ReloadContext, 'registry'> & { initial: FeedSet }): LiveDefinitions {
  const registry = createFeedRegistry(context.initial);
  let queue: Promise<unknown> = Promise.resolve();
  let watching: { close(): void } | undefined;
  const reload = () => {
    const next = queue.then(() => applyReload({ ...context, registry }));
    // A folder that cannot be read at all leaves the definitions in force as they are.
    queue = next.catch((error: unknown) => context.log('error', 'reload failed', { message: String(error) }));
    return next;
  };
  const onChange = () => void reload().catch(() => undefined);
  return {
    registry,
    reload,
    watch() {
      watching ??= watchDefinitions(context.feedsDir, onChange, context.log);
    },
    async close() {
      watching?.close();
      await queue;
    },
  };
}
