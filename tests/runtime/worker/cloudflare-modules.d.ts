/**
 * @module tests/runtime/worker/cloudflare-modules
 * Types for the two runtime modules the Workers tests import, declared here because the project's
 * single tsconfig uses Node's globals: pulling in `@cloudflare/workers-types` (global) or
 * `@cloudflare/vitest-plugin/types` would redeclare Request/Response/fetch for every file. The types
 * below are the subset we use, written against the module form of workers-types; the full originals are
 * node_modules/@cloudflare/vitest-plugin/types/cloudflare-test.d.ts and workers-types' "cloudflare:workers".
 */

declare module 'cloudflare:test' {
  import type { D1Database, ExecutionContext, MessageBatch, ScheduledController } from '@cloudflare/workers-types';

  /** A migration as `readD1Migrations()` (run in Node, in vitest.workers.config.ts) returns it. */
  export interface D1Migration {
    name: string;
    queries: string[];
  }
  /** Applies the migrations not yet recorded in `d1_migrations`; safe to call before every test file. */
  export function applyD1Migrations(
    db: D1Database,
    migrations: D1Migration[],
    migrationsTableName?: string,
  ): Promise<void>;
  /** An `ExecutionContext` for calling a handler directly: `worker.fetch(request, env, ctx)`. */
  export function createExecutionContext(): ExecutionContext;
  /** Waits for every promise passed to `ctx.waitUntil()`. */
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  /** A `ScheduledController` for calling `worker.scheduled(controller, env, ctx)` directly. */
  export function createScheduledController(options?: {
    scheduledTime?: Date | number;
    cron?: string;
  }): ScheduledController;
  /** A message for `createMessageBatch`. */
  export interface MessageBatchMessage<Body = unknown> {
    id: string;
    timestamp: Date | number;
    attempts: number;
    body: Body;
  }
  /** A `MessageBatch` for calling `worker.queue(batch, env, ctx)` directly. */
  export function createMessageBatch<Body = unknown>(
    queueName: string,
    messages: MessageBatchMessage<Body>[],
  ): MessageBatch<Body>;
  /** The acks and retries a queue handler made on a batch from `createMessageBatch` (waits for `waitUntil` too). */
  export function getQueueResult(
    batch: MessageBatch,
    ctx: ExecutionContext,
  ): Promise<{ outcome: string; ackAll: boolean; explicitAcks: string[]; retryMessages: { msgId: string }[] }>;
  /** Deletes all data from all bindings (D1 included: migrations must be applied again). */
  export function reset(): Promise<void>;
}

declare module 'cloudflare:workers' {
  import type { D1Database, Fetcher } from '@cloudflare/workers-types';
  import type { D1Migration } from 'cloudflare:test';
  import type { ArticleMessage } from '../../../src/runtime/worker/env.ts';

  /** The bindings of wrangler.toml plus the test-only ones added in vitest.workers.config.ts. */
  export const env: {
    readonly DB: D1Database;
    readonly TEST_MIGRATIONS: D1Migration[];
    readonly ADMIN_TOKEN: string;
    readonly PUBLIC_URL: string;
    readonly SUBREQUEST_BUDGET: string;
    readonly MAX_PAGES_PER_RUN: string;
    /** The Queue of vitest.workers.config.ts; its consumer is the main Worker's `queue()`. */
    readonly ARTICLE_QUEUE: { sendBatch(messages: Iterable<{ body: ArticleMessage }>): Promise<unknown> };
  };
  /** The `main` Worker's exports (wrangler.toml `main`), e.g. `exports.default.fetch(url)`. */
  export const exports: { readonly default: Fetcher };
}
