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
 */
import { mkdir } from 'node:fs/promises';
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
