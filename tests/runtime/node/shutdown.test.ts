/**
 * `npm start` stopping during a refresh, as a real process over the fixture site: one article of the feed
 * is parked by the site (`/hold/…`) so the refresh is in flight when the signal comes. SIGTERM aborts it,
 * keeps what finished, and exits 0 within the 5 s bound; a second signal exits at once (143).
 */
import { connect, type Socket } from 'node:net';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

const TOKEN = 'shutdown-secret';
const HELD = '/hold/held-article';
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fixture site whose /rss also lists an article the site never answers until released. */
async function startSiteWithHeldArticle(): Promise<FixtureSite> {
  const site = await startFixtureSite();
  cleanups.push(() => site.close());
  cleanups.push(() => site.release(site.held));
  const rss = await (await fetch(site.url('/rss'))).text();
  const held = `<item><title>Held</title><link>${site.url(HELD)}</link><pubDate>Wed, 12 Mar 2025 09:00:00 +0500</pubDate></item>`;
  site.setFile('/rss', rss.replace('<item>', `${held}\n<item>`));
  return site;
}

/** `npm start` over the site's `monitor` feed; resolves once its start-up refresh is parked on the held article. */
async function startLedeDuringRefresh(site: FixtureSite) {
  const workspace = await makeWorkspace(site.origin, ['monitor']);
  cleanups.push(() => rm(workspace.dir, { recursive: true, force: true }));
  const server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
    ADMIN_TOKEN: TOKEN,
  });
  cleanups.push(() => void server.kill('SIGKILL'));
  const done = runToEnd(server);
  const url = await waitForUrl(server);
  await site.waitForHeld(1);
  return { server, done, url, database: path.join(workspace.dataDir, 'lede.sqlite') };
}

interface ArticleRow {
  source_url: string;
  state: string;
  attempts: number;
}

function readArticles(database: string): ArticleRow[] {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return db
      .prepare('SELECT source_url, state, attempts FROM articles ORDER BY source_url')
      .all() as unknown as ArticleRow[];
  } finally {
    db.close();
  }
}

/** Wait until the articles the refresh could finish are stored (the count stays put for half a second). */
async function waitForSettled(database: string): Promise<ArticleRow[]> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const ready = readArticles(database).filter((row) => row.state === 'ready');
    if (ready.length > 0 && ready.length === last) return ready;
    last = ready.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the refresh never settled');
}

describe('npm start stopping during a refresh', () => {
  it('SIGTERM: says so, aborts the held fetch, keeps the finished articles, exits 0 within 5 s', async () => {
    const site = await startSiteWithHeldArticle();
    const lede = await startLedeDuringRefresh(site);
    const ready = await waitForSettled(lede.database);
    const status = await fetch(`${lede.url}/admin/refresh/monitor`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(await status.json()).toMatchObject({ feedId: 'monitor', state: 'running', lastReport: null });

    const signalledAt = Date.now();
    lede.server.kill('SIGTERM');
    const result = await lede.done;
    expect(Date.now() - signalledAt).toBeLessThan(5000);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/shutting down.*SIGTERM.*monitor/);

    const after = readArticles(lede.database);
    for (const row of ready) expect(after).toContainEqual(row);
    expect(after.find((row) => row.source_url === site.url(HELD))).toMatchObject({ state: 'pending', attempts: 0 });
    const db = new DatabaseSync(lede.database, { readOnly: true });
    const renditions = db.prepare("SELECT format FROM renditions WHERE feed_id = 'monitor'").all();
    db.close();
    expect(renditions).toHaveLength(3);
  }, 30_000);

  it('a second signal exits at once with 143, while a request still holds the server open', async () => {
    const site = await startSiteWithHeldArticle();
    const lede = await startLedeDuringRefresh(site);
    // Half a request: the graceful stop would wait a second for it before cutting its connection.
    const { port } = new URL(lede.url);
    const socket: Socket = connect(Number(port), '127.0.0.1');
    cleanups.push(() => void socket.destroy());
    // The server's exit may reset this connection (ECONNRESET): expected here, not an error of the test.
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /healthz HTTP/1.1\r\nHost: lede\r\n');

    const signalledAt = Date.now();
    lede.server.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    lede.server.kill('SIGTERM');
    const result = await lede.done;
    expect(Date.now() - signalledAt).toBeLessThan(1000);
    expect(result.code).toBe(143);
    expect(result.stderr).toMatch(/second signal/);
  }, 30_000);
});
