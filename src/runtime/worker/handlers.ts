/**
 * @module runtime/worker-handlers
 * Lede on Cloudflare Workers, mirroring src/runtime/node/server.ts: D1 for storage, `fetch` for HTTP,
 * Cron Triggers for schedules, the core's Hono app for the routes. `createLedeWorker` wires the ports for
 * each invocation and returns the three handlers workerd calls; src/runtime/worker/index.ts exports it with the
 * definitions bundled at build time.
 *
 * Per isolate (first invocation, not import time): the variables are parsed and the definitions validated
 * once. Per invocation: a D1 store, a fetcher counting subrequests against the budget, and — for
 * `fetch` — the rendition cache, which answers cache hits itself, and the core app for everything else.
 */
import type { ExecutionContext, MessageBatch, ScheduledController } from '@cloudflare/workers-types';
import {
  formatProblem,
  loadFeedDefinitions,
  type DefinitionFile,
  type DefinitionProblem,
} from '../../core/config/feed-definition.ts';
import type { CoreDeps, Log } from '../../core/ports.ts';
import { createApp } from '../../core/serve/app.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { createD1Store } from '../../store/d1.ts';
import { createSubrequestBudget, type SubrequestBudget } from './budget.ts';
import { createRenditionCache, openDefaultCache, purgeRenditionCache, type EdgeCache } from './cache.ts';
import { parseWorkerConfig, type WorkerConfig, type WorkerEnv } from './env.ts';
import { createWorkerFetchPage } from './fetch-page.ts';
import { createWorkerLog } from './log.ts';
import { consumeArticles } from './queue.ts';
import { createWorkerRunner } from './runner.ts';
import { runScheduledTick } from './scheduled.ts';

/** The part of `ExecutionContext` Lede uses: `waitUntil` is the core's `defer` port. */
export type WorkerContext = Pick<ExecutionContext, 'waitUntil'>;

export interface LedeWorker {
  fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response>;
  scheduled(
    controller: Pick<ScheduledController, 'scheduledTime' | 'cron'>,
    env: WorkerEnv,
    ctx: WorkerContext,
  ): Promise<void>;
  queue(batch: MessageBatch<unknown>, env: WorkerEnv, ctx: WorkerContext): Promise<void>;
}

export interface LedeWorkerOptions {
  /** The edge cache for rendered feeds; default `caches.default` (a benchmark passes an in-memory one). */
  readonly openCache?: () => EdgeCache | undefined;
}

interface Setup {
  readonly config: WorkerConfig;
  readonly definitions: ReadonlyMap<string, FeedDefinition>;
  readonly problems: readonly DefinitionProblem[];
  readonly log: Log;
}

interface Invocation {
  readonly deps: CoreDeps;
  readonly budget: SubrequestBudget;
  /** Names this invocation on the leases it takes. */
  readonly holder: string;
}

function loadSetup(env: WorkerEnv, files: readonly DefinitionFile[]): Setup {
  const config = parseWorkerConfig(env);
  const log = createWorkerLog(config.logLevel);
  const { definitions, problems } = loadFeedDefinitions(files);
  for (const problem of problems) log('error', `bad feed definition: ${formatProblem(problem)}`);
  return { config, definitions, problems, log };
}

function openInvocation(env: WorkerEnv, setup: Setup): Invocation {
  const budget = createSubrequestBudget(setup.config.subrequestBudget);
  const fetchPage = budget.guard(createWorkerFetchPage({ onSubrequest: (url) => budget.take(url) }));
  const deps: CoreDeps = { fetchPage, store: createD1Store(env.DB), clock: () => new Date(), log: setup.log };
  return { deps, budget, holder: crypto.randomUUID() };
}

/** Serve a request: a cached feed straight from the cache, anything else through the core app. */
async function serveRequest(
  request: Request,
  setup: Setup,
  invocation: Invocation,
  ctx: WorkerContext,
  cache: EdgeCache | undefined,
) {
  const { config, definitions, problems, log } = setup;
  const { deps, budget, holder } = invocation;
  const defer = (work: Promise<unknown>) => ctx.waitUntil(work);
  const cached = cache && createRenditionCache(deps.store, cache, new URL(request.url).origin, defer, log);
  const hit = await cached?.serve(request, definitions);
  if (hit) return hit;
  const runner = createWorkerRunner({
    deps,
    publicUrl: config.publicUrl,
    budget,
    maxPages: config.maxPagesPerRun,
    holder,
  });
  const adminToken = config.adminToken ? { adminToken: config.adminToken } : {};
  // A takedown purges the Cache API too, not only D1.
  const origin = new URL(request.url).origin;
  const purgeCache =
    cache &&
    ((feedId: string, renditions: Parameters<typeof purgeRenditionCache>[3]) =>
      purgeRenditionCache(cache, origin, feedId, renditions));
  const app = createApp({
    store: cached?.store ?? deps.store,
    feeds: definitions,
    runner,
    problems,
    log,
    clock: deps.clock,
    ...adminToken,
    ...(purgeCache ? { purgeCache } : {}),
  });
  return app.fetch(request);
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
  const setups = new WeakMap<WorkerEnv, Setup>();
  const setupFor = (env: WorkerEnv): Setup => {
    let setup = setups.get(env);
    if (!setup) setups.set(env, (setup = loadSetup(env, files)));
    return setup;
  };
  return {
    async fetch(request, env, ctx) {
      const setup = setupFor(env);
      return serveRequest(request, setup, openInvocation(env, setup), ctx, openCache());
    },
    async scheduled(controller, env) {
      const setup = setupFor(env);
      const { deps, budget, holder } = openInvocation(env, setup);
      const queue = env.ARTICLE_QUEUE;
      const invocation = {
        deps,
        budget,
        holder,
        config: setup.config,
        feeds: setup.definitions,
        ...(queue ? { queue } : {}),
      };
      await runScheduledTick(invocation, new Date(controller.scheduledTime));
    },
    async queue(batch, env) {
      const setup = setupFor(env);
      const { deps, holder, budget } = openInvocation(env, setup);
      await consumeArticles(
        { deps, feeds: setup.definitions, publicUrl: setup.config.publicUrl, holder, budget },
        batch,
      );
    },
  };
}
