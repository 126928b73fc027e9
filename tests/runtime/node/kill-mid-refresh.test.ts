/**
 * `kill -9` in the middle of a refresh, with real processes over the fixture site: `npm start` has published
 * a feed; a refresh asked for by the admin API is in flight, one new article stored and another parked by
 * the site (`/hold/…`), when the server is killed with SIGKILL — no handler runs, nothing is flushed. The
 * next `npm start` on the same DATA_DIR starts (the lock died with its holder), serves the last good feed
 * plus what the dead run had stored, with nothing duplicated or half-written (the SQLite file checks out,
 * one row per article, one item per link, every rendition valid), and the next refresh completes and publishes.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss } from '../../helpers/feed-validity.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

const TOKEN = 'kill-nine-secret';
const HELD = '/hold/held-article';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(workspace: Awaited<ReturnType<typeof makeWorkspace>>) {
  const server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
    ADMIN_TOKEN: TOKEN,
  });
  cleanups.push(() => void server.kill('SIGKILL'));
  return server;
}

interface Counts {
  readonly integrity: string;
  readonly articles: number;
  readonly distinctArticles: number;
  readonly ready: number;
  readonly renditions: number;
}

function countRecords(database: string): Counts {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    const one = (sql: string) => Object.values(db.prepare(sql).get() ?? {})[0];
    return {
      integrity: String(one('PRAGMA integrity_check')),
      articles: Number(one("SELECT count(*) FROM articles WHERE feed_id = 'monitor'")),
      distinctArticles: Number(one("SELECT count(DISTINCT source_url) FROM articles WHERE feed_id = 'monitor'")),
      ready: Number(one("SELECT count(*) FROM articles WHERE feed_id = 'monitor' AND state = 'ready'")),
      renditions: Number(one("SELECT count(*) FROM renditions WHERE feed_id = 'monitor'")),
    };
  } finally {
    db.close();
  }
}

function readState(database: string, sourceUrl: string): string | undefined {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    const row = db.prepare('SELECT state FROM articles WHERE source_url = ?').get(sourceUrl);
    return row === undefined ? undefined : String(row['state']);
  } finally {
    db.close();
  }
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every rendition of the feed, checked for validity; the RSS items' links. */
async function readFeed(url: string): Promise<{ links: string[]; rss: string }> {
  const rss = await (await fetch(`${url}/feeds/monitor.rss`)).text();
  assertValidAtom(await (await fetch(`${url}/feeds/monitor.atom`)).text());
  assertValidJsonFeed(await (await fetch(`${url}/feeds/monitor.json`)).text());
  return { links: assertValidRss(rss).items.map((item) => item.link), rss };
}

describe('kill -9 during a refresh', () => {
  it('the next start serves the last good feed, nothing duplicated or half-written; the next refresh publishes', async () => {
    const site: FixtureSite = await startFixtureSite();
    cleanups.push(() => site.close());
    cleanups.push(() => site.release(site.held));
    const workspace = await makeWorkspace(site.origin, ['monitor']);
    cleanups.push(() => rm(workspace.dir, { recursive: true, force: true }));
    const database = path.join(workspace.dataDir, 'lede.sqlite');

    // 1. A published feed: the start-up refresh of a feed never built.
    const first = await start(workspace);
    const firstUrl = await waitForUrl(first);
    await waitFor(() => countRecords(database).renditions === 3, 'the first feed');
    const good = await readFeed(firstUrl);
    expect(good.links.length).toBeGreaterThan(0);

    // 2. A refresh in flight: a new article to store, then one the site never answers.
    const stored = await site.addArticle(
      { path: '/politics/7001/stored-by-the-killed-run', title: 'Stored by the killed run', paragraphs: ['One.'] },
      { announce: true },
    );
    const rss = await (await fetch(site.url('/rss'))).text();
    const held = `<item><title>Held</title><link>${site.url(HELD)}</link><pubDate>Wed, 12 Mar 2025 09:00:00 +0500</pubDate></item>`;
    site.setFile('/rss', rss.replace('<item>', `${held}\n<item>`));
    const asked = await fetch(`${firstUrl}/admin/refresh/monitor?wait=0`, { method: 'POST', headers: AUTH });
    expect(asked.status).toBe(202);
    await site.waitForHeld(1);
    await waitFor(() => readState(database, stored) === 'ready', 'the new article to be stored');

    // 3. kill -9 while the held article is still being fetched.
    first.kill('SIGKILL');
    const killed = await runToEnd(first);
    expect(killed.code).toBeNull();
    site.release(site.held);

    // 4. The next start: the lock is free, the last good feed is served, nothing is doubled or torn.
    const second = await start(workspace);
    const secondUrl = await waitForUrl(second);
    const counts = countRecords(database);
    expect(counts.integrity).toBe('ok');
    expect(counts.articles).toBe(counts.distinctArticles);
    expect(counts.renditions).toBe(3);
    const after = await readFeed(secondUrl);
    for (const link of good.links) expect(after.links).toContain(link);
    expect(new Set(after.links).size).toBe(after.links.length);
    expect(after.links.length).toBeLessThanOrEqual(counts.ready);
    expect(after.links).not.toContain(site.url(HELD));
    // What the killed run had stored is published by the start, without a refresh (as after any crash).
    expect(after.links).toContain(stored);
    expect(readState(database, site.url(HELD))).toBe('pending');

    // 5. The next refresh completes (the site now answers the held page at once) and publishes.
    const releasing = setInterval(() => site.release(site.held), 20);
    cleanups.push(() => clearInterval(releasing));
    const announced = await site.addArticle(
      { path: '/politics/7002/after-the-restart', title: 'After the restart', paragraphs: ['Two.'] },
      { announce: true },
    );
    const refreshed = await fetch(`${secondUrl}/admin/refresh/monitor`, { method: 'POST', headers: AUTH });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { ok: boolean }).ok).toBe(true);
    const final = await readFeed(secondUrl);
    expect(final.links).toContain(announced);
    expect(final.links).toContain(stored);
    expect(new Set(final.links).size).toBe(final.links.length);
    const finalCounts = countRecords(database);
    expect(finalCounts.articles).toBe(finalCounts.distinctArticles);

    second.kill('SIGTERM');
    expect((await runToEnd(second)).code).toBe(0);
  }, 120_000);
});
