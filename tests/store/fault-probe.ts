/**
 * @module tests/store/fault-probe
 * Run by sqlite-faults.test.ts inside a private mount namespace (`unshare -rm`) whose DATA_DIR is a tiny
 * tmpfs, so that the file system really fills up or really turns read-only under a live store:
 *
 *   node tests/store/fault-probe.ts <dir> full       open, build a feed, fill the disk, refresh it, serve it
 *   node tests/store/fault-probe.ts <dir> read-only  (after the shell remounts <dir> read-only) open, serve
 *   node tests/store/fault-probe.ts <dir> lock       (likewise) take the one-server lock, as npm start does first
 *
 * Prints one JSON line: the error the store raised, and what the app served afterwards.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toLedeError } from '../../src/core/errors.ts';
import { createApp } from '../../src/core/serve/app.ts';
import type { Store } from '../../src/core/store.ts';
import { lockDataDir } from '../../src/runtime/node/data-dir-lock.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { silentLog } from '../helpers/silent-log.ts';
import { loadFixtureFeed } from '../helpers/lede-harness.ts';

const [dir = '', mode = ''] = process.argv.slice(2);
const database = join(dir, 'lede.sqlite');
const feed = loadFixtureFeed('http://127.0.0.1:9', 'monitor');
const rendition = (body: string) => ({
  feedId: feed.id,
  format: 'rss' as const,
  body,
  etag: `"${String(body.length)}"`,
  lastModified: '2026-11-30T00:00:00.000Z',
});

/** Write a filler file a megabyte at a time until the file system refuses (ENOSPC). */
function fillDisk(): void {
  const chunk = Buffer.alloc(1024 * 1024, 1);
  for (let index = 0; ; index++) {
    try {
      writeFileSync(join(dir, `filler-${String(index)}`), chunk);
    } catch {
      // The last megabyte may not fit whole: fill what is left a kilobyte at a time.
      for (let small = 0; small < 1024; small++) {
        try {
          writeFileSync(join(dir, `filler-${String(index)}-${String(small)}`), chunk.subarray(0, 1024));
        } catch {
          return;
        }
      }
      return;
    }
  }
}

async function served(store: Store) {
  const runner = { refresh: () => Promise.reject(new Error('no')), refreshMany: () => Promise.resolve([]) };
  const app = createApp({
    store,
    feeds: new Map([[feed.id, feed]]),
    runner: { ...runner, isRunning: () => false, idle: () => Promise.resolve() },
    log: silentLog,
    clock: () => new Date(),
  });
  const response = await app.request(`/feeds/${feed.id}.rss`);
  return { status: response.status, body: await response.text() };
}

async function attempt(work: () => Promise<unknown>) {
  try {
    await work();
    return undefined;
  } catch (error) {
    const { code, message } = toLedeError(error);
    return { code, message };
  }
}

if (mode === 'full') {
  const store = await openSqliteStore(database);
  await store.putRendition(rendition('<rss>the last good feed</rss>'));
  fillDisk();
  // A refresh's writes: many articles' worth of new bytes, as a real refresh would store.
  const error = await attempt(async () => {
    for (let index = 0; index < 200; index++)
      await store.putRendition(rendition(`<rss>${'n'.repeat(64_000)}${String(index)}</rss>`));
  });
  process.stdout.write(`${JSON.stringify({ error, served: await served(store) })}\n`);
} else if (mode === 'read-only') {
  const error = await attempt(() => openSqliteStore(database));
  process.stdout.write(`${JSON.stringify({ error })}\n`);
} else if (mode === 'lock') {
  const error = await attempt(() => lockDataDir(dir));
  process.stdout.write(`${JSON.stringify({ error })}\n`);
} else if (mode === 'prepare') {
  const store = await openSqliteStore(database);
  await store.putRendition(rendition('<rss>the last good feed</rss>'));
  await store.close();
}
