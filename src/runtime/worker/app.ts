/**
 * @module runtime/worker/app
 * The Worker's Hono app: the core's app (src/core/serve/app.ts) behind two middlewares, built once per
 * isolate at its first request and then reused by every request, as Hono's own Workers adapter expects
 * (`app.fetch(request, env, ctx)`). Nothing a request brings is captured at build time: each request's
 * bindings arrive as `c.env`, its `waitUntil` as `c.executionCtx`, and the first middleware puts what is
 * built from them on the context with `c.set()` — the D1 store over this request's `env.DB`, wrapped by the
 * rendition cache, and the refresh runner, itself built only if an admin route asks for it.
 *
 * So a reader's request — a 304 above all, the hot path of feed readers — costs a route lookup and a Cache API
 * match, no D1 read once the feed is cached, never the construction of an app (tests/runtime/worker/isolate.test.ts).
 */
import type { MiddlewareHandler, Context } from 'hono';
import type { RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import { createServeApp } from '../../core/serve/app.ts';
import type { ServeVariables } from '../../core/serve/serve-env.ts';
import type { Store } from '../../core/store.ts';
import { createD1Store } from '../../store/d1.ts';
import { createRenditionCache, purgeRenditionCache, refreshCacheOnPublish, type RenditionCache } from './cache.ts';
import type { EdgeCache } from './edge-cache.ts';
import type { WorkerEnv } from './env.ts';
import { createWorkerRunner, isLeaseHeld, refreshLeaseName } from './runner.ts';
import type { SubrequestBudget } from './budget.ts';
import { openInvocation, type IsolateSetup } from './setup.ts';

/** The app's Hono environment: the Worker's bindings, and the core's request variables plus the cache's. */
interface WorkerHonoEnv {
  Bindings: WorkerEnv;
  Variables: ServeVariables & { renditions?: RenditionCache };
}

/**
 * The runner of the admin routes, opened on first use: no budget, fetcher or runner for a reader's request.
 * A run in another invocation (a `?wait=0` refresh, a cron tick) is seen by its lease in D1.
 */
function openRunnerLazily(open: () => RefreshRunner, store: Store): RefreshRunner {
  let runner: RefreshRunner | undefined;
  const get = () => (runner ??= open());
  return {
    refresh: (feed, request) => get().refresh(feed, request),
    refreshMany: (feeds, request) => get().refreshMany(feeds, request),
    isRunning: async (feedId) => (await runner?.isRunning(feedId)) || isLeaseHeld(store, refreshLeaseName(feedId)),
    idle: async () => runner?.idle(),
  };
}

/** The admin routes' runner: this invocation's budget and leases over the D1 store, whose publishes refresh the cache. */
function openWorkerRunner(setup: IsolateSetup, openStore: (budget: SubrequestBudget) => Store): RefreshRunner {
  const { config } = setup;
  const { deps, budget, holder } = openInvocation(setup, openStore);
  return createWorkerRunner({ deps, publicUrl: config.publicUrl, budget, maxPages: config.maxPagesPerRun, holder });
}

/** This request's dependencies, built from its own `env` and `executionCtx`, set on the context. */
function provideInvocation(setup: IsolateSetup, cache: EdgeCache | undefined): MiddlewareHandler<WorkerHonoEnv> {
  return async (c, next) => {
    const store = createD1Store(c.env.DB);
    const defer = (work: Promise<unknown>) => c.executionCtx.waitUntil(work);
    const publicOrigin = new URL(setup.config.publicUrl).origin;
    const publishing = (budget: SubrequestBudget) =>
      refreshCacheOnPublish(store, cache, { origin: publicOrigin, defer, log: setup.log, budget });
    const runner = openRunnerLazily(() => openWorkerRunner(setup, publishing), store);
    c.set('runner', runner);
    c.set('defer', defer);
    if (!cache) {
      c.set('store', store);
      return next();
    }
    const origins = { request: new URL(c.req.url).origin, public: publicOrigin };
    const renditions = createRenditionCache(store, cache, origins, defer, setup.log);
    c.set('renditions', renditions);
    c.set('store', renditions.store);
    // A takedown purges this data centre's Cache API at once, not only D1 (elsewhere: the entry's max-age).
    c.set('purgeCache', (feedId) => purgeRenditionCache(cache, publicOrigin, feedId));
    return next();
  };
}

/** A GET of a built feed or a feed variant through the Cache API; anything else goes on to the routes. */
function serveCachedFeed(setup: IsolateSetup): MiddlewareHandler<WorkerHonoEnv> {
  return async (c, next) => {
    const renditions = c.get('renditions');
    if (!renditions) return next();
    // Set, not returned: Hono keeps a middleware's returned Response only when no handler has answered yet.
    c.res = await renditions.serve(c.req.raw, setup.definitions, async () => {
      await next();
      return c.res;
    });
  };
}

/**
 * Build the Worker's app for an isolate; `cache` is the Cache API (`caches.default`), or none.
 * @example const app = createWorkerApp(loadSetup(env, files), openDefaultCache()); return app.fetch(request, env, ctx);
 */
export function createWorkerApp(setup: IsolateSetup, cache: EdgeCache | undefined) {
  const { config, definitions, problems, log } = setup;
  const options = {
    feeds: definitions,
    problems,
    log,
    clock: () => new Date(),
    adminToken: config.adminToken,
    // The visitor's address as Cloudflare's edge saw it, for counting failed token attempts.
    clientAddress: (c: Context) => c.req.header('CF-Connecting-IP'),
    publicUrl: config.publicUrl,
  };
  return createServeApp<WorkerHonoEnv>(options, provideInvocation(setup, cache), serveCachedFeed(setup));
}
