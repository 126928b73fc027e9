/**
 * @module runtime/worker/env
 * The Worker's bindings and variables (wrangler.toml, `wrangler secret put`) → one frozen config, parsed
 * once per isolate at the first invocation, never at import time. The variables shared with Node
 * (`ADMIN_TOKEN`, `PUBLIC_URL`, `MAX_PAGES_PER_RUN`, `WEBSUB_HUB`, `LOG_LEVEL`) go through the core's
 * `parseRuntimeConfig`, so they mean the same on both runtimes; only the platform budget is Worker-only.
 * Two Node variables are not read here: `LOG_FORMAT` (the Worker always logs objects, which Workers Logs
 * indexes; `wrangler tail --format pretty` is the readable view) and `METRICS_TOKEN` (no `/metrics` on
 * Workers: docs/workers.md, "Metrics").
 */
import type { D1Database } from '@cloudflare/workers-types';
import * as v from 'valibot';
import { parseRuntimeConfig } from '../../core/config/runtime-config.ts';
import { LedeError } from '../../core/errors.ts';
import type { LogLevel } from '../../core/ports.ts';

/** One article to fetch, as a Queue message: small, and re-read from D1 when it is consumed. */
export interface ArticleMessage {
  readonly feedId: string;
  readonly sourceUrl: string;
}

/** The producer side of a Queue binding, as much of it as Lede uses (workers-types `Queue`). */
export interface ArticleQueue {
  sendBatch(messages: Iterable<{ readonly body: ArticleMessage }>): Promise<unknown>;
}

export interface WorkerEnv {
  readonly DB: D1Database;
  /** Optional: with it, article fetches fan out through Cloudflare Queues (docs/workers.md, "Queues mode"). */
  readonly ARTICLE_QUEUE?: ArticleQueue;
  /** A secret (`wrangler secret put ADMIN_TOKEN`); unset, the admin routes refuse every request. */
  readonly ADMIN_TOKEN?: string;
  readonly PUBLIC_URL?: string;
  readonly MAX_PAGES_PER_RUN?: string;
  readonly SUBREQUEST_BUDGET?: string;
  readonly LOG_LEVEL?: string;
  /** WebSub hub URL: feeds advertise it and refreshes ping it (README, "Configuration"). */
  readonly WEBSUB_HUB?: string;
  /** Days records stay servable past the plain feed before they are pruned (README, "Configuration"). */
  readonly RETENTION_DAYS?: string;
}

export interface WorkerConfig {
  readonly adminToken?: string | undefined;
  readonly publicUrl: string;
  /** Most article pages one invocation fetches (all feeds of a cron tick together). */
  readonly maxPagesPerRun: number;
  /** Subrequests one invocation may make: the plan's limit (Free 50, Paid 10,000). */
  readonly subrequestBudget: number;
  readonly websubHub?: string | undefined;
  readonly logLevel: LogLevel;
  /** RETENTION_DAYS, as on Node (src/core/refresh/retention.ts). */
  readonly retentionDays: number;
}

/** Workers Free: 50 subrequests per invocation, every redirect hop counted (Workers docs, "Limits"). */
const FREE_PLAN_SUBREQUESTS = 50;

/**
 * 20 articles + the source: even if every article redirects once (http→https is common in feeds), a
 * tick of one feed stays within the Free plan's 50 subrequests (the arithmetic is in docs/workers.md).
 */
const DEFAULT_MAX_PAGES_PER_RUN = 20;

const budgetSchema = v.optional(
  v.pipe(v.string(), v.regex(/^[1-9]\d*$/, 'must be a positive whole number'), v.transform(Number)),
  String(FREE_PLAN_SUBREQUESTS),
);

/** The variables the Worker reads (bindings aside); `npm run dev:worker` passes the same ones to wrangler. */
export const WORKER_VARIABLES = [
  'ADMIN_TOKEN',
  'PUBLIC_URL',
  'MAX_PAGES_PER_RUN',
  'SUBREQUEST_BUDGET',
  'WEBSUB_HUB',
  'LOG_LEVEL',
  'RETENTION_DAYS',
] as const;

/** wrangler.toml `[vars]` may hold numbers; the runtime config reads text, as from a process environment. */
function readVariables(env: WorkerEnv): Record<string, string | undefined> {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
  return Object.fromEntries(WORKER_VARIABLES.map((name) => [name, text(env[name])]));
}

/**
 * Parse the Worker's variables; throws `LedeError('invalid-config')` naming the bad one.
 * @example const config = parseWorkerConfig(env) // { publicUrl, maxPagesPerRun: 20, subrequestBudget: 50, … }
 */
export function parseWorkerConfig(env: WorkerEnv): WorkerConfig {
  const variables = readVariables(env);
  const shared = parseRuntimeConfig(variables);
  const budget = v.safeParse(budgetSchema, variables['SUBREQUEST_BUDGET']);
  if (!budget.success) {
    throw new LedeError('invalid-config', `invalid environment: SUBREQUEST_BUDGET: ${budget.issues[0].message}`);
  }
  return Object.freeze({
    adminToken: shared.adminToken,
    publicUrl: shared.publicUrl,
    maxPagesPerRun: shared.maxPagesPerRun ?? DEFAULT_MAX_PAGES_PER_RUN,
    subrequestBudget: budget.output,
    websubHub: shared.websubHub,
    logLevel: shared.logLevel,
    retentionDays: shared.retentionDays,
  });
}
