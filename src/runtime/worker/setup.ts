/**
 * @module runtime/worker/setup
 * The two lifetimes of a Worker (docs/workers.md, "Isolate lifecycle").
 *
 * - Per isolate, at its first invocation (never at import time): the variables parsed into a frozen
 *   config, the bundled definitions validated, the log (`loadSetup`). workerd hands every invocation of an
 *   isolate the same `env` object, so src/runtime/worker/handlers.ts keeps one setup per `env`.
 * - Per invocation: a subrequest budget, a fetcher counting against it, and a name for the leases it takes
 *   (`openInvocation`), around the D1 store over this invocation's `env.DB`.
 */
import {
  formatProblem,
  loadFeedDefinitions,
  type DefinitionFile,
  type DefinitionProblem,
} from '../../core/config/feed-definition.ts';
import type { CoreDeps, Log } from '../../core/ports.ts';
import { observeFetchPage } from '../../core/pull/observe-fetch.ts';
import type { Store } from '../../core/store.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { createSubrequestBudget, type SubrequestBudget } from './budget.ts';
import { parseWorkerConfig, type WorkerConfig, type WorkerEnv } from './env.ts';
import { createWorkerFetchPage, createWorkerPostForm } from './fetch-page.ts';
import { createWorkerLog } from './log.ts';

/** What an isolate builds once and every invocation shares. */
export interface IsolateSetup {
  readonly config: WorkerConfig;
  readonly definitions: ReadonlyMap<string, FeedDefinition>;
  readonly problems: readonly DefinitionProblem[];
  readonly log: Log;
}

/** What one invocation (a request, a tick, a queue batch) brings: its own budget and lease holder. */
interface Invocation {
  readonly deps: CoreDeps;
  readonly budget: SubrequestBudget;
  /** Names this invocation on the leases it takes. */
  readonly holder: string;
}

/**
 * Parse the variables and validate the definitions; a bad definition is logged and kept as a problem.
 * @example const setup = loadSetup(env, bundledFeeds)
 */
export function loadSetup(env: WorkerEnv, files: readonly DefinitionFile[]): IsolateSetup {
  const config = parseWorkerConfig(env);
  const log = createWorkerLog(config.logLevel);
  const { definitions, problems } = loadFeedDefinitions(files);
  for (const problem of problems) log('error', `bad feed definition: ${formatProblem(problem)}`);
  return { config, definitions, problems, log };
}

/**
 * An invocation's ports over the store `openStore` makes (the D1 store of its `env.DB`, whose publishes may
 * spend the invocation's budget on cache writes).
 * @example const { deps, budget, holder } = openInvocation(setup, () => createD1Store(env.DB))
 */
export function openInvocation(setup: IsolateSetup, openStore: (budget: SubrequestBudget) => Store): Invocation {
  const budget = createSubrequestBudget(setup.config.subrequestBudget);
  const store = openStore(budget);
  const fetchPage = budget.guard(
    observeFetchPage(createWorkerFetchPage({ onSubrequest: (url) => budget.take(url) }), setup.log),
  );
  const hub = setup.config.websubHub;
  const postForm = createWorkerPostForm({ onSubrequest: (url) => budget.take(url) });
  const websub = hub === undefined ? undefined : { url: hub, postForm };
  const { retentionDays } = setup.config;
  const deps: CoreDeps = { fetchPage, store, clock: () => new Date(), log: setup.log, websub, retentionDays };
  return { deps, budget, holder: crypto.randomUUID() };
}
