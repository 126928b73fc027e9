/**
 * @module store/sqlite
 * The Node backend: a `Store` on Node's built-in `node:sqlite` (`DatabaseSync`, Node ≥ 22.13 without
 * flags). The statements and row mapping are shared with D1 (src/store/queries.ts, rows.ts); this file
 * only opens the database, brings it to the latest of migrations/ (src/store/sqlite-migrations.ts) and
 * runs one statement at a time.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { LedeError } from '../core/errors.ts';
import { createSqlStore, type SqlDriver } from './queries.ts';
import { describeSqliteError } from './sqlite-errors.ts';
import { applyMigrations, readMigrations } from './sqlite-migrations.ts';
import type { Row, SqlStatement, SqlValue } from './rows.ts';
import type { Store } from '../core/store.ts';

/** How long a writer waits for another connection's lock before SQLITE_BUSY (ms). */
const BUSY_TIMEOUT_MS = 5000;

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

/**
 * A synchronous node:sqlite call as the driver's promise, run now: a throw (a constraint, bad SQL, a full
 * disk) becomes a rejection, as it is on D1 — SQLite's failures described for the operator (sqlite-errors.ts).
 */
function settle<T>(work: () => T, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      resolve(work());
    } catch (error) {
      reject(describeSqliteError(error, path));
    }
  });
}

/** node:sqlite is synchronous; the driver caches prepared statements and wraps results in promises. */
function createSqliteDriver(db: DatabaseSync, path: string): SqlDriver {
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
    first: (sql: string, params: readonly SqlValue[]): Promise<Row | undefined> =>
      settle(() => prepare(sql).get(...params), path),
    all: (sql: string, params: readonly SqlValue[]): Promise<Row[]> => settle(() => prepare(sql).all(...params), path),
    run: (sql: string, params: readonly SqlValue[]): Promise<void> =>
      settle(() => {
        prepare(sql).run(...params);
      }, path),
    // node:sqlite is synchronous, so nothing else runs between BEGIN and COMMIT.
    batch: (list: readonly SqlStatement[]): Promise<void> =>
      settle(() => {
        db.exec('BEGIN IMMEDIATE');
        try {
          for (const { sql, params } of list) prepare(sql).run(...params);
          db.exec('COMMIT');
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }, path),
    close: (): Promise<void> =>
      settle(() => {
        statements.clear();
        if (db.isOpen) db.close();
      }, path),
  };
}

/**
 * Open (creating if needed) the SQLite database at `path` and apply the migrations it lacks. `:memory:`
 * gives a private in-memory database, for tests.
 *
 * @example
 * const store = await openSqliteStore('.data/lede.sqlite');
 * const records = await store.listPublished('tengri', 50);
 * await store.close();
 */
/**
 * The SQLite store, with `dataVersion()`: SQLite's `PRAGMA data_version`, which changes when another
 * connection (the CLI's refresh, another process) commits to the database; a cheap check for Node's bytes
 * cache (src/core/serve/rendition-bytes.ts). Throws once the store is closed.
 */
export type SqliteStore = Store & { readonly dataVersion: () => number };

export async function openSqliteStore(path: string): Promise<SqliteStore> {
  if (isFileDatabase(path)) await mkdir(dirname(path), { recursive: true });
  const migrations = await readMigrations();
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
  } catch (error) {
    throw describeSqliteError(error, path);
  }
  try {
    configure(db);
    // Re-opening an up-to-date file changes nothing; one made by an older Lede gets the newer migrations.
    applyMigrations(db, migrations);
  } catch (error) {
    db.close();
    throw describeSqliteError(error, path);
  }
  const dataVersion = db.prepare('PRAGMA data_version');
  // Its row as an array: as an object, node:sqlite gave each row a hidden class of its own (a new V8 map per
  // call, its property load a cache miss), which made this read, asked once a millisecond under load, cost
  // 2.7% of a busy server's CPU on cached 304s instead of 1.2% (perf, issue 11).
  dataVersion.setReturnArrays(true);
  return {
    ...createSqlStore(createSqliteDriver(db, path)),
    dataVersion: () => Number((dataVersion.get() as unknown as readonly unknown[] | undefined)?.[0]),
  };
}

/**
 * Open an existing database for reading only, as on a read-only DATA_DIR: the stored renditions can still be
 * served. `immutable=1` (https://sqlite.org/uri.html#uriimmutable) tells SQLite the file cannot change, so it
 * takes no lock and needs no `-shm`/`-wal` beside it, which it could not create there; what an unclean stop
 * left in the WAL is not seen (a clean stop checkpoints it). Every write is refused with SQLITE_READONLY, a
 * `storage` error. A database an older Lede wrote is refused: its migrations cannot be applied here.
 *
 * @example const store = await openReadOnlySqliteStore('/var/lib/lede/lede.sqlite');
 */
export async function openReadOnlySqliteStore(path: string): Promise<SqliteStore> {
  const migrations = await readMigrations();
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(`${pathToFileURL(path).href}?immutable=1`, { readOnly: true });
  } catch (error) {
    throw describeSqliteError(error, path);
  }
  try {
    const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
    if (version !== migrations.length) {
      throw new LedeError(
        'storage',
        `${path} is at schema version ${String(version)} and this Lede needs ${String(migrations.length)}: ` +
          `a read-only DATA_DIR cannot be migrated; start Lede once with write access to ${dirname(path)}`,
      );
    }
  } catch (error) {
    db.close();
    throw describeSqliteError(error, path);
  }
  // An immutable file never changes under this process, so its version never does either.
  return { ...createSqlStore(createSqliteDriver(db, path)), dataVersion: () => 0 };
}
