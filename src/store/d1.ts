/**
 * @module store/d1
 * The Workers backend: a `Store` on a Cloudflare D1 binding. The statements and row mapping are shared
 * with node:sqlite (src/store/queries.ts, rows.ts); this file only runs one prepared statement at a time.
 * The schema is applied by D1 migrations (`migrations/`, `wrangler d1 migrations apply`), not here.
 *
 * Every Store method is a single statement but `pruneArticles` and `putArticles`, whose writes go in `batch()`
 * calls (one round trip each, run as a transaction: https://developers.cloudflare.com/d1/worker-api/d1-database/#batch).
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import { describeD1Error } from './d1-errors.ts';
import { createSqlStore, type SqlDriver } from './queries.ts';
import type { Row, SqlStatement, SqlValue } from './rows.ts';
import type { Store } from '../core/store.ts';

function createD1Driver(db: D1Database): SqlDriver {
  // A prepared statement is reusable: `bind()` returns a new bound statement and leaves it untouched.
  const statements = new Map<string, D1PreparedStatement>();
  const prepare = (sql: string, params: readonly SqlValue[]): D1PreparedStatement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement.bind(...params);
  };
  // D1's failures become `storage` errors saying what to do (d1-errors.ts), as SQLite's do on Node.
  const fail = (error: unknown): never => {
    throw describeD1Error(error);
  };
  return {
    first: async (sql: string, params: readonly SqlValue[]): Promise<Row | undefined> =>
      (await prepare(sql, params).first<Row>().catch(fail)) ?? undefined,
    all: async (sql: string, params: readonly SqlValue[]): Promise<Row[]> =>
      (await prepare(sql, params).all<Row>().catch(fail)).results,
    run: async (sql: string, params: readonly SqlValue[]): Promise<void> => {
      await prepare(sql, params).run().catch(fail);
    },
    batch: async (list: readonly SqlStatement[]): Promise<void> => {
      await db.batch(list.map(({ sql, params }) => prepare(sql, params))).catch(fail);
    },
    // The binding belongs to the Worker's env; there is nothing to close.
    close: async (): Promise<void> => {},
  };
}

/**
 * Wrap the Worker's D1 binding (`env.DB`) as a `Store`.
 *
 * @example
 * export default {
 *   async fetch(request: Request, env: { DB: D1Database }) {
 *     const store = createD1Store(env.DB);
 *     const rendition = await store.getRendition('tengri', 'atom');
 *     // …
 *   },
 * };
 */
export function createD1Store(db: D1Database): Store {
  return createSqlStore(createD1Driver(db));
}
