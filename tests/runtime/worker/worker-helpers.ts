/**
 * @module tests/runtime/worker/worker-helpers
 * Calling a Lede Worker the way workerd does, for tests that want their own feed definitions and
 * variables: `createLedeWorker` over a test's definitions, handlers called with a test ExecutionContext
 * and run to the end of their `waitUntil` work.
 */
import type { D1Database, D1PreparedStatement, D1Result } from '@cloudflare/workers-types';
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { openDefaultCache } from '../../../src/runtime/worker/cache.ts';
import type { EdgeCache } from '../../../src/runtime/worker/edge-cache.ts';
import { createLedeWorker, type LedeWorker, type LedeWorkerOptions } from '../../../src/runtime/worker/handlers.ts';
import type { WorkerEnv } from '../../../src/runtime/worker/env.ts';
import { createD1Store } from '../../../src/store/d1.ts';

export const FIVE_MINUTES = 5 * 60_000;

/** A Worker over `definitions` (id → the JSON object of `feeds/<id>.json`). */
export function workerFor(definitions: Record<string, object>, options: LedeWorkerOptions = {}): LedeWorker {
  return createLedeWorker(
    Object.entries(definitions).map(([id, value]) => ({ id, file: `feeds/${id}.json`, text: JSON.stringify(value) })),
    options,
  );
}

/** Cache API calls counted by `countingCache`. */
export interface CacheCalls {
  match: number;
  put: number;
  delete: number;
}

/**
 * `caches.default`, counting its calls into `calls`: every Cache API call is a subrequest.
 * @example const calls = { match: 0, put: 0, delete: 0 }; workerFor(definitions, { openCache: () => countingCache(calls) })
 */
export function countingCache(calls: CacheCalls): EdgeCache | undefined {
  const cache = openDefaultCache();
  if (!cache) return undefined;
  return {
    match: (key) => (calls.match++, cache.match(key)),
    put: (key, response) => (calls.put++, cache.put(key, response)),
    delete: (key) => (calls.delete++, cache.delete?.(key) ?? Promise.resolve(false)),
  };
}

/** The test env with overrides; `ARTICLE_QUEUE: undefined` selects cron (budget) mode. */
export function envWith(overrides: Partial<Record<keyof WorkerEnv, unknown>>): WorkerEnv {
  return { ...env, ...overrides } as WorkerEnv;
}

/** One Cron Trigger tick at `scheduledTime`, run to completion. */
export async function tick(worker: LedeWorker, workerEnv: WorkerEnv, scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: '*/5 * * * *', scheduledTime }), workerEnv, ctx);
  await waitOnExecutionContext(ctx);
}

/** A GET (or any request) through the Worker's `fetch`, run to the end of its cache writes. */
export async function request(
  worker: LedeWorker,
  workerEnv: WorkerEnv,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://lede.test${path}`, init), workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** The JSON Feed's items as served now. */
export async function servedItems(
  worker: LedeWorker,
  workerEnv: WorkerEnv,
  feedId: string,
): Promise<{ id: string; url: string }[]> {
  const response = await request(worker, workerEnv, `/feeds/${feedId}.json`);
  if (response.status !== 200) return [];
  return ((await response.json()) as { items: { id: string; url: string }[] }).items;
}

/** The D1 store the Worker writes, for looking at records directly. */
export function testStore() {
  return createD1Store(env.DB);
}

/** A fresh path prefix on the fixture site for one test. */
export function uniquePrefix(name: string): string {
  return `/w/${name}-${crypto.randomUUID().slice(0, 8)}`;
}

/** D1 statements counted by `countRowsRead`, with the rows they read and wrote (D1's own `meta`). */
export interface Tally {
  rows: number;
  written: number;
  /** Statements run, each of a batch counted. */
  queries: number;
  /** Calls made to D1 (a batch is one), when counted: what D1's limit of queries an invocation counts. */
  calls?: number;
}

/**
 * A D1 binding that adds up each statement's rows_read, rows_written and count (first() runs as all(), for its meta).
 * @example const tally = { rows: 0, written: 0, queries: 0 }; envWith({ DB: countRowsRead(env.DB, tally) })
 */
export function countRowsRead(db: D1Database, tally: Tally): D1Database {
  const inner = new WeakMap<object, D1PreparedStatement>();
  const add = <T>(result: D1Result<T>): D1Result<T> => {
    tally.rows += result.meta.rows_read;
    tally.written += result.meta.rows_written;
    tally.queries += 1;
    if (tally.calls !== undefined) tally.calls += 1;
    return result;
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const counted = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      first: async () => add(await statement.all()).results[0] ?? null,
      all: async () => add(await statement.all()),
      run: async () => add(await statement.run()),
    };
    inner.set(counted, statement);
    return counted as unknown as D1PreparedStatement;
  };
  const counted = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: async (statements: D1PreparedStatement[]) => {
      const results = await db.batch(statements.map((statement) => inner.get(statement) ?? statement));
      if (tally.calls !== undefined) tally.calls += 1 - results.length;
      return results.map(add);
    },
  };
  return counted as unknown as D1Database;
}
