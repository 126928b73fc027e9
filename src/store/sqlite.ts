/**
 * @module store/sqlite
 * The Node backend: a `Store` on Node's built-in `node:sqlite` (`DatabaseSync`, Node ≥ 22.13 without
 * flags). The statements and row mapping are shared with D1 (src/store/queries.ts, rows.ts); this file
 * only opens the database, applies schema.sql and runs one statement at a time.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { createSqlStore, type SqlDriver } from './queries.ts';
import type { Row, SqlValue } from './rows.ts';
import type { Store } from '../core/store.ts';

/** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
const BUSY_TIMEOUT_MS = 5000;

const SCHEMA_URL = new URL('./schema.sql', import.meta.url);

function isFileDatabase(path: string): boolean {
  return path !== ':memory:' && path !== '' && !path.startsWith('file:');
}

/**
 * WAL lets the server read renditions while a refresh writes (https://sqlite.org/wal.html); with WAL,
 * `synchronous = NORMAL` is durable against application crashes and much cheaper than FULL.
 */
function configure(db: DatabaseSync): void {
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
}

/** node:sqlite is synchronous; the driver caches prepared statements and wraps results in promises. */
function createSqliteDriver(db: DatabaseSync): SqlDriver {
  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    first: async (sql: string, params: readonly SqlValue[]): Promise<Row | undefined> => prepare(sql).get(...params),
    all: async (sql: string, params: readonly SqlValue[]): Promise<Row[]> => prepare(sql).all(...params),
    run: async (sql: string, params: readonly SqlValue[]): Promise<void> => {
      prepare(sql).run(...params);
    },
    close: async (): Promise<void> => {
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
}

/** `ALTER TABLE t ADD COLUMN c …;` in schema.sql (migrations add columns this way). */
const ADD_COLUMN = /ALTER TABLE (\w+) ADD COLUMN (\w+)[^;]*;/g;

function hasColumn(db: DatabaseSync, table: string, column: string): boolean {
  return db.prepare('SELECT 1 AS found FROM pragma_table_info(?) WHERE name = ?').get(table, column) !== undefined;
}

/**
 * Apply schema.sql to a new or existing database. Every CREATE in it is IF NOT EXISTS, but SQLite has no
 * ADD COLUMN IF NOT EXISTS (https://sqlite.org/lang_altertable.html), so an ALTER whose column is already
 * there is left out. One IMMEDIATE transaction: two processes opening a new file at once cannot both add
 * the same column, and a failure leaves the file as it was.
 */
function applySchema(db: DatabaseSync, schema: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(
      schema.replace(ADD_COLUMN, (statement, table: string, column: string) =>
        hasColumn(db, table, column) ? '' : statement,
      ),
    );
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Open (creating if needed) the SQLite database at `path` and apply the schema. `:memory:` gives a
 * private in-memory database, for tests.
 *
 * @example
 * const store = await openSqliteStore('.data/lede.sqlite');
 * const records = await store.listPublished('tengri', 50);
 * await store.close();
 */
export async function openSqliteStore(path: string): Promise<Store> {
  if (isFileDatabase(path)) await mkdir(dirname(path), { recursive: true });
  const schema = await readFile(SCHEMA_URL, 'utf8');
  const db = new DatabaseSync(path);
  try {
    configure(db);
    // Re-opening an existing file is a no-op; one made by an older Lede gets the newer migrations' changes.
    applySchema(db, schema);
  } catch (error) {
    db.close();
    throw error;
  }
  return createSqlStore(createSqliteDriver(db));
}
