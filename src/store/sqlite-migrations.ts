/**
 * @module store/sqlite-migrations
 * The schema on Node comes from the same files as on D1: migrations/NNNN_name.sql, applied in order, each
 * once, as `wrangler d1 migrations apply` does. D1 records what it applied in a table of its own; here the
 * database's `PRAGMA user_version` holds the number of the last migration applied
 * (https://sqlite.org/pragma.html#pragma_user_version), so a file knows its own schema version.
 *
 * Files made before this (user_version 0, but with tables) had the concatenated migrations of their day
 * applied on every open, always a whole prefix of them in one transaction: their version is read from the
 * tables and columns each migration created (`LEGACY_MARKERS`), and only the later migrations run.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';

/** One migration file: its number (the new user_version once applied), name and SQL. */
interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** migrations/ of the checkout this module runs from (src/store/ → ../../migrations/), as `npm start` runs. */
const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

/** wrangler's naming: a 4-digit number, an underscore, a name. */
const MIGRATION_NAME = /^(\d{4})_[\w-]+\.sql$/;

/** What each migration up to 0006 created, checked on a pre-versioning file to read its version. Frozen: later migrations never met that code. */
const LEGACY_MARKERS: readonly { readonly table: string; readonly column?: string }[] = [
  { table: 'feed_state' }, // 0001_init
  { table: 'leases' }, // 0002_leases
  { table: 'articles', column: 'signals' }, // 0003_licence_audit
  { table: 'feed_state', column: 'source_not_before' }, // 0004_source_freshness
  { table: 'site_signals' }, // 0005_site_signals
  { table: 'renditions', column: 'input_key' }, // 0006_rendition_inputs
];

/**
 * The migration files of `dir`, in order. Their numbers must run 1, 2, 3… without a gap, so that a
 * version number names exactly one set of applied files.
 *
 * @example const migrations = await readMigrations(); // [{ version: 1, name: '0001_init.sql', sql: '…' }, …]
 */
export async function readMigrations(dir: URL = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  return Promise.all(
    names.map(async (name, index) => {
      const version = Number(MIGRATION_NAME.exec(name)?.[1]);
      if (version !== index + 1) {
        throw new Error(
          `${new URL(name, dir).pathname}: expected migration ${String(index + 1).padStart(4, '0')}_*.sql`,
        );
      }
      return { version, name, sql: await readFile(new URL(name, dir), 'utf8') };
    }),
  );
}

function hasMarker(db: DatabaseSync, { table, column }: (typeof LEGACY_MARKERS)[number]): boolean {
  const found =
    column === undefined
      ? db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
      : db.prepare('SELECT 1 AS found FROM pragma_table_info(?) WHERE name = ?').get(table, column);
  return found !== undefined;
}

/** The schema version of a file: its user_version, or for a pre-versioning file the migrations it holds. */
function readVersion(db: DatabaseSync): number {
  const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0);
  if (version > 0) return version;
  const applied = LEGACY_MARKERS.findIndex((marker) => !hasMarker(db, marker));
  return applied === -1 ? LEGACY_MARKERS.length : applied;
}

/**
 * Bring `db` to the latest migration: the ones it lacks run in order, then user_version records the last.
 * One IMMEDIATE transaction: two processes opening a new file at once do not both migrate it, and a
 * failure leaves the file as it was. A file newer than the migrations (a downgraded Lede) is refused.
 *
 * @example applyMigrations(new DatabaseSync('.data/lede.sqlite'), await readMigrations());
 */
export function applyMigrations(db: DatabaseSync, migrations: readonly Migration[]): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const current = readVersion(db);
    if (current > migrations.length) {
      throw new Error(`the database is at schema version ${current}, newer than this Lede's ${migrations.length}`);
    }
    for (const migration of migrations.slice(current)) db.exec(migration.sql);
    db.exec(`PRAGMA user_version = ${migrations.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
