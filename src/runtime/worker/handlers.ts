/**
 * @module runtime/worker/handlers
 * Lede on Cloudflare Workers, mirroring src/runtime/node/server.ts: D1 for storage, `fetch` for HTTP,
 * Cron Triggers for schedules, the core's Hono app for the routes. `createLedeWorker` returns the three
 * handlers workerd calls; src/runtime/worker/index.ts exports it with the definitions bundled at build time.
 *
 * What is built when (docs/workers.md, "Isolate lifecycle"): once per isolate, at its first invocation
 * and never at import time, the config, the validated definitions and the log (src/runtime/worker/setup.ts);
 * at its first request, the Hono app (src/runtime/worker/app.ts), reused by every request after it. Per
 * invocation: the D1 store over its `env.DB`, the subrequest budget, the lease holder, the request's cache
 * wrapper — passed to the app as `env` and `ctx`, and set on its context by the app's middleware.
 */
import type { ExecutionContext, MessageBatch, ScheduledController } from '@cloudflare/workers-types';
import type { ExecutionContext as FetchContext } from 'hono';
import type { DefinitionFile } from '../../core/config/feed-definition.ts';
import { createD1Store } from '../../store/d1.ts';
import { createWorkerApp } from './app.ts';
import type { SubrequestBudget } from './budget.ts';
import { openDefaultCache, refreshCacheOnPublish } from './cache.ts';
import type { EdgeCache } from './edge-cache.ts';
import type { WorkerEnv } from './env.ts';
import { consumeArticles } from './queue.ts';
import { runScheduledTick } from './scheduled.ts';
import { loadSetup, openInvocation, type IsolateSetup } from './setup.ts';

/** The part of `ExecutionContext` the cron and queue handlers use: `waitUntil` is the core's `defer` port. */
export type WorkerContext = Pick<ExecutionContext, 'waitUntil'>;

export interface LedeWorker {
  /** `ctx` as Hono's `app.fetch` takes it: it becomes the app's `c.executionCtx`. */
  fetch(request: Request, env: WorkerEnv, ctx: FetchContext): Promise<Response>;
  scheduled(
    controller: Pick<ScheduledController, 'scheduledTime' | 'cron'>,
    env: WorkerEnv,
    ctx: WorkerContext,
  ): Promise<void>;
  queue(batch: MessageBatch, env: WorkerEnv, ctx: WorkerContext): Promise<void>;
}

export interface LedeWorkerOptions {
  /** The edge cache for rendered feeds; default `caches.default` (a benchmark passes an in-memory one). */
  readonly openCache?: () => EdgeCache | undefined;
}

/** One isolate's state: the setup from its first invocation, the app from its first request. */
interface Isolate {
  readonly setup: IsolateSetup;
  app?: ReturnType<typeof createWorkerApp>;
}

/**
 * Build the Worker's handlers around a set of definition files (the bundled `feeds/`, or a test's).
 *
 * @example
 * import files from 'lede:feeds';
 * export default createLedeWorker(files);
 */
export function createLedeWorker(files: readonly DefinitionFile[], options: LedeWorkerOptions = {}): LedeWorker {
  const openCache = options.openCache ?? openDefaultCache;
  // Keyed by the env object: workerd passes the same one to every invocation of an isolate.
  const isolates = new WeakMap<WorkerEnv, Isolate>();
  const isolateFor = (env: WorkerEnv): Isolate => {
    let isolate = isolates.get(env);
    if (!isolate) isolates.set(env, (isolate = { setup: loadSetup(env, files) }));
    return isolate;
  };
  // What a tick or a batch publishes replaces the feed's entry in this data centre's cache (src/runtime/worker/cache.ts).
  const publishingStore = (setup: IsolateSetup, env: WorkerEnv, ctx: WorkerContext) => (budget: SubrequestBudget) =>
    refreshCacheOnPublish(createD1Store(env.DB), openCache(), {
      origin: new URL(setup.config.publicUrl).origin,
      defer: (work) => ctx.waitUntil(work),
      log: setup.log,
      budget,
    });
  return {
    async fetch(request, env, ctx) {
      const isolate = isolateFor(env);
      isolate.app ??= createWorkerApp(isolate.setup, openCache());
      return isolate.app.fetch(request, env, ctx);
    },
    async scheduled(controller, env, ctx) {
      const { setup } = isolateFor(env);
      const { deps, budget, holder } = openInvocation(setup, publishingStore(setup, env, ctx));
      const invocation = {
        deps,
        budget,
        holder,
        config: setup.config,
        feeds: setup.definitions,
        queue: env.ARTICLE_QUEUE,
      };
      await runScheduledTick(invocation, new Date(controller.scheduledTime));
    },
    async queue(batch, env, ctx) {
      const { setup } = isolateFor(env);
      const { deps, holder, budget } = openInvocation(setup, publishingStore(setup, env, ctx));
      await consumeArticles(
        { deps, feeds: setup.definitions, publicUrl: setup.config.publicUrl, holder, budget },
        batch,
      );
    },
  };
}
