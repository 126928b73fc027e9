/**
 * @module core/serve/app
 * The one Hono app both runtimes serve. It only reads the store and calls the refresh runner; it
 * never fetches, extracts or renders on a reader's request.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Clock, Log } from '../ports.ts';
import type { DefinitionProblem } from '../config/feed-definition.ts';
import type { RefreshRunner } from '../refresh/refresh-runner.ts';
import type { FeedDefinition } from '../types.ts';
import type { Rendition, Store } from '../store.ts';
import { mountAdmin } from './admin.ts';
import { serveFeed } from './feed-route.ts';
import { renderIndexPage } from './index-page.ts';

export interface AppDeps {
  readonly store: Store;
  readonly feeds: ReadonlyMap<string, FeedDefinition>;
  readonly runner: RefreshRunner;
  /** Unset: the admin routes refuse every request. */
  readonly adminToken?: string;
  /** Definitions that failed validation, shown on /healthz so operators see them. */
  readonly problems?: readonly DefinitionProblem[];
  readonly log: Log;
  /** The current instant, for takedown records, audits and embargoes: an input, like everywhere in the core. */
  readonly clock: Clock;
  /**
   * Purge a feed's renditions from caches outside the store — the Worker's Cache API — on a takedown;
   * called with the validators the store held just before it purged them (the cache keys use the ETag).
   */
  readonly purgeCache?: (feedId: string, renditions: readonly Omit<Rendition, 'body'>[]) => Promise<void>;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

async function describeFeeds(deps: AppDeps) {
  return Promise.all(
    [...deps.feeds.values()].map(async (feed) => {
      const [state, takedown] = await Promise.all([deps.store.getFeedState(feed.id), deps.store.getTakedown(feed.id)]);
      const report = state?.lastReport;
      return {
        id: feed.id,
        enabled: feed.enabled !== false,
        takenDown: takedown ? { at: takedown.at, reason: takedown.reason ?? null } : null,
        lastRefreshAt: state?.lastRefreshAt ?? null,
        lastSuccessAt: state?.lastSuccessAt ?? null,
        ok: report?.ok ?? null,
        pending: report?.pending ?? null,
        errors: report?.errors ?? [],
      };
    }),
  );
}

/**
 * Build the app. Runtimes pass their store, definitions and runner.
 * @example const app = createApp({ store, feeds, runner, log, clock: () => new Date(), adminToken: config.adminToken })
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/', (c) =>
    c.html(renderIndexPage([...deps.feeds.values()]), 200, { 'Cache-Control': 'public, max-age=300' }),
  );
  app.get('/healthz', async (c) =>
    c.json({ status: 'ok', feeds: await describeFeeds(deps), problems: deps.problems ?? [] }, 200, NO_STORE),
  );
  app.get('/feeds/:file', (c) => serveFeed(c, deps.store, deps.feeds, deps.clock));
  mountAdmin(app, deps);
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    deps.log('error', 'request failed', { path: c.req.path, message: error.message });
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
