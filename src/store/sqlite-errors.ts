/**
 * @module store/sqlite-errors
 * What SQLite's failures mean for an operator: each becomes a `storage` LedeError naming the database file
 * and what to do about it, instead of a bare "database or disk is full" with no file and no next step (and
 * instead of being taken for a network failure by `toLedeError`). Result codes: https://sqlite.org/rescode.html
 */
import { dirname } from 'node:path';
import { LedeError } from '../core/errors.ts';

/** The primary result code (the low byte of an extended one: SQLITE_READONLY_DBMOVED → SQLITE_READONLY). */
function primaryCode(error: unknown): number | undefined {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : undefined;
}

/** Advice per primary result code, given the database path. */
const ADVICE: Readonly<Record<number, (path: string) => string>> = {
  5: (path) =>
    `${path} stayed locked by another connection for more than 5 s: is a second Lede or a sqlite3 shell writing to it?`,
  6: (path) => `${path} is locked by another statement of this process; retry, and report it if it persists`,
  8: (path) => `${path} is read-only: give the user running Lede write access to it and to ${dirname(path)} (DATA_DIR)`,
  10: (path) => `I/O error on ${path}: check the disk and the file system of ${dirname(path)} (DATA_DIR)`,
  11: (path) => corrupted(path),
  13: (path) =>
    `disk full writing ${path}: free space on the file system of ${dirname(path)} (DATA_DIR); ` +
    'feeds already built are still served and the refresh is retried on schedule',
  14: (path) => `cannot open ${path}: check that ${dirname(path)} (DATA_DIR) exists and is writable`,
  26: (path) => corrupted(path),
};

function corrupted(path: string): string {
  return (
    `${path} is not a valid SQLite database (corrupted, or not Lede's): stop Lede, move it aside ` +
    `(mv ${path} ${path}.corrupt) and start again; feeds are rebuilt from their sources by the next refresh`
  );
}

/**
 * A node:sqlite error as a `storage` LedeError saying which file and what to do; other errors pass unchanged.
 * @example throw describeSqliteError(error, '/var/lib/lede/lede.sqlite')
 */
export function describeSqliteError(error: unknown, path: string): Error {
  const code = primaryCode(error);
  if (error instanceof LedeError || (code === undefined && error instanceof Error)) return error;
  if (code === undefined) return new Error(String(error));
  const reason = (error as { errstr?: unknown }).errstr;
  const advice = ADVICE[code]?.(path) ?? `SQLite error on ${path}: ${typeof reason === 'string' ? reason : code}`;
  return new LedeError('storage', advice, { cause: error });
}
