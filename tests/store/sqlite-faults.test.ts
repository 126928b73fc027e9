/**
 * @module tests/store/sqlite-faults
 * The store under stress, on real files: a corrupted or foreign database file, a database locked by another
 * connection, a file system that fills up, and one that is read-only. Each is a `storage` error naming the
 * file and what to do; a full disk leaves the last good feed served.
 *
 * The full and read-only cases need a real small file system: they run the probe (fault-probe.ts) in a
 * private mount namespace (`unshare -rm`, util-linux) over a tmpfs, and skip with a message where the
 * machine does not allow unprivileged namespaces. Being root does not help otherwise: root ignores chmod.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedeError } from '../../src/core/errors.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lede-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storageError(work: () => Promise<unknown>): Promise<LedeError> {
  const error: unknown = await work().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LedeError);
  expect((error as LedeError).code).toBe('storage');
  return error as LedeError;
}

describe('SQLite faults on real files', () => {
  it('refuses a file that is not a database, naming it and saying to move it aside', async () => {
    const path = join(dir, 'garbage.sqlite');
    await writeFile(path, 'this is a text file, not a database\n'.repeat(200));
    const error = await storageError(() => openSqliteStore(path));
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not a valid SQLite database.*mv .*\.corrupt/);
  });

  it('reports a database cut short (a truncated copy) as corrupted', async () => {
    const path = join(dir, 'whole.sqlite');
    const store = await openSqliteStore(path);
    for (let index = 0; index < 50; index++) {
      await store.putFeedState({ feedId: `feed-${String(index)}`, sourceEtag: `"${'e'.repeat(2000)}"` });
    }
    await store.close();
    const cut = join(dir, 'cut.sqlite');
    await copyFile(path, cut);
    await truncate(cut, 4096 * 3);
    const error = await storageError(async () => {
      const reopened = await openSqliteStore(cut);
      try {
        for (let index = 0; index < 50; index++) await reopened.getFeedState(`feed-${String(index)}`);
      } finally {
        await reopened.close().catch(() => undefined);
      }
    });
    expect(error.message).toContain(cut);
  });

  it('says which file stayed locked, after waiting the busy timeout', async () => {
    const path = join(dir, 'locked.sqlite');
    const store = await openSqliteStore(path);
    const other = new DatabaseSync(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await storageError(() => store.putFeedState({ feedId: 'x' }));
      expect(error.message).toContain(path);
      expect(error.message).toMatch(/locked by another connection/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await store.close();
    }
  }, 15_000);
});

/** Run a shell script in a private user and mount namespace; undefined where the machine forbids it. */
function inNamespace(script: string): { status: number | null; stdout: string; stderr: string } | undefined {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs "${dir}" && true`]);
  if (probe.error || probe.status !== 0) return undefined;
  const result = spawnSync('unshare', ['-rm', 'sh', '-c', script], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const node = process.execPath;
const PROBE = join(import.meta.dirname, 'fault-probe.ts');

describe('SQLite on a file system that fills up or is read-only (a tmpfs in a mount namespace)', () => {
  it('reports a full disk, naming the file, and keeps serving the last good feed', (context) => {
    const mount = join(dir, 'full');
    const result = inNamespace(
      `mkdir -p "${mount}" && mount -t tmpfs -o size=3m tmpfs "${mount}" && "${node}" "${PROBE}" "${mount}" full`,
    );
    if (!result) {
      context.skip('unshare -rm is not allowed here: no private tmpfs to fill (util-linux, user namespaces)');
      return;
    }
    expect(result.stderr).toBe('');
    const outcome = JSON.parse(result.stdout) as {
      error?: { code: string; message: string };
      served: { status: number; body: string };
    };
    expect(outcome.error?.code).toBe('storage');
    expect(outcome.error?.message).toMatch(new RegExp(`disk full writing ${mount}/lede.sqlite`));
    expect(outcome.served).toEqual({ status: 200, body: '<rss>the last good feed</rss>' });
  }, 60_000);

  it('says a read-only data folder is read-only, naming it', (context) => {
    const mount = join(dir, 'ro');
    const result = inNamespace(
      `mkdir -p "${mount}" && mount -t tmpfs -o size=3m tmpfs "${mount}" && ` +
        `"${node}" "${PROBE}" "${mount}" prepare && mount -o remount,ro "${mount}" && ` +
        `"${node}" "${PROBE}" "${mount}" read-only && "${node}" "${PROBE}" "${mount}" lock`,
    );
    if (!result) {
      context.skip('unshare -rm is not allowed here: no private tmpfs to make read-only (util-linux, user namespaces)');
      return;
    }
    expect(result.stderr).toBe('');
    const [store, lock] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { error?: { code: string; message: string } });
    expect(store?.error?.code).toBe('storage');
    expect(store?.error?.message).toContain(`${mount}/lede.sqlite`);
    expect(store?.error?.message).toMatch(/read-only|cannot open/);
    // npm start takes the one-server lock first: a read-only folder is said to be that, not "another server".
    expect(lock?.error?.code).toBe('storage');
    expect(lock?.error?.message).toContain(`${mount}/lede.lock`);
    expect(lock?.error?.message).not.toMatch(/another Lede/);
  }, 60_000);
});
