/**
 * @module runtime/node/data-dir-lock
 * One server per DATA_DIR. Two `npm start` processes on one folder would both tick, both refresh every
 * feed and both ping hubs: twice the load on every source, for nothing. The second one refuses to start.
 *
 * The lock is an exclusive SQLite transaction held on `DATA_DIR/lede.lock` for the life of the server:
 * the operating system's file locks that SQLite takes are released when the process dies, however it dies
 * (`kill -9` included), so no stale lock file is ever left to clean up, and they hold across PID namespaces
 * (containers sharing a volume on one host), where a PID file would not. The CLI (`npm run refresh`,
 * `audit`, `check`, `extract`) does not take it: a one-off command beside the running server is the point,
 * and SQLite's WAL mode and busy timeout keep their writes safe.
 *
 * A DATA_DIR that cannot be written (a read-only file system, a folder this user may not write) but holds a
 * database is opened read-only instead (`claimDataDir`): the stored feeds are served, refreshes are off. No
 * lock is taken then — a server that writes nothing cannot get in another's way.
 */
import { existsSync } from 'node:fs';
import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { LedeError } from '../../core/errors.ts';
import { describeSqliteError } from '../../store/sqlite-errors.ts';

export interface DataDirLock {
  release(): void;
}

/**
 * Take the folder's lock, or throw `invalid-config` saying another Lede serves it.
 * @example const lock = await lockDataDir(config.dataDir); …; lock.release()
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'lede.lock');
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file);
  } catch (error) {
    throw describeSqliteError(error, file);
  }
  try {
    db.exec('PRAGMA busy_timeout = 0');
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    // Only a lock held elsewhere (SQLITE_BUSY) means another server; a read-only or broken folder says so.
    if ((error as { errcode?: unknown }).errcode !== 5) throw describeSqliteError(error, file);
    throw new LedeError(
      'invalid-config',
      `another Lede server already uses DATA_DIR ${dataDir} (it holds ${file}): stop it, or give this one its own DATA_DIR`,
      { cause: error },
    );
  }
  return {
    release() {
      if (db.isOpen) db.close();
    },
  };
}

/** Why DATA_DIR cannot be written, or undefined when it can. */
async function findReadOnlyReason(dataDir: string): Promise<string | undefined> {
  try {
    await access(dataDir, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EROFS') return `DATA_DIR ${dataDir} is on a read-only file system`;
    return code === 'EACCES' || code === 'EPERM' ? `DATA_DIR ${dataDir} is not writable by this user` : undefined;
  }
}

/** The lock of a writable DATA_DIR, or why it is read-only (then nothing may be written there). */
export type DataDirAccess =
  | { readonly lock: DataDirLock; readonly readOnly?: undefined }
  | { readonly lock?: undefined; readonly readOnly: string };

/**
 * Take the folder's lock; where the folder cannot be written but holds Lede's database, say why instead, so
 * that the server starts read-only. Without a database there is nothing to serve: the lock's error stands.
 * @example const access = await claimDataDir(config.dataDir); if (access.readOnly) log('warn', access.readOnly)
 */
export async function claimDataDir(dataDir: string): Promise<DataDirAccess> {
  try {
    return { lock: await lockDataDir(dataDir) };
  } catch (error) {
    const reason = await findReadOnlyReason(dataDir);
    if (reason === undefined || !existsSync(path.join(dataDir, 'lede.sqlite'))) throw error;
    return { readOnly: reason };
  }
}
