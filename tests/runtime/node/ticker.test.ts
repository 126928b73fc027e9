/**
 * @module tests/runtime/node/ticker
 * Node's scheduling: a one-minute tick in which the core decides which feeds are due (as on Workers),
 * with real parts — the fixture site on loopback, a SQLite file, the undici fetcher, the real runner —
 * and the test's clock. Also `startLede` with schedules node-cron refuses or reads differently: they
 * no longer stop or change anything at start-up.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { silentLog } from '../../helpers/silent-log.ts';
import { createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { startLede } from '../../../src/runtime/node/server.ts';
import { runNodeTick } from '../../../src/runtime/node/ticker.ts';
import { fixtureFeedDefinitions } from '../../fixtures/site/definitions.ts';
import { startFixtureSite } from '../../fixtures/site/server.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';
import { makeWorkspace } from '../../helpers/spawn-lede.ts';

let harness: Harness;

beforeAll(async () => {
  harness = await openHarness({ now: '2026-01-16T10:29:30Z' });
});
afterAll(async () => {
  await harness.close();
});

const sourceHits = (pathname: string) => harness.site.hits.get(pathname) ?? 0;

describe('runNodeTick', () => {
  it('refreshes each feed at the minutes its own schedule names, once', async () => {
    const { deps, site } = harness;
    const runner = createRefreshRunner(deps, { publicUrl: PUBLIC_URL });
    const feeds = new Map([
      ['monitor', loadFixtureFeed(site.origin, 'monitor')], // */30
      ['blog', loadFixtureFeed(site.origin, 'blog')], // 0 * * * *
    ]);
    const start = deps.clock();
    harness.setNow('2026-01-16T10:30:00Z');
    const due = await runNodeTick(deps, runner, feeds, start, deps.clock());
    expect(due.map((feed) => feed.id)).toEqual(['monitor']);
    await runner.idle();
    expect(sourceHits('/rss')).toBe(1);
    expect(sourceHits('/blog/feed/')).toBe(0);

    harness.setNow('2026-01-16T10:31:00Z');
    expect(await runNodeTick(deps, runner, feeds, new Date('2026-01-16T10:30:00Z'), deps.clock())).toEqual([]);
    harness.setNow('2026-01-16T11:00:00Z');
    const hour = await runNodeTick(deps, runner, feeds, new Date('2026-01-16T10:59:00Z'), deps.clock());
    expect(hour.map((feed) => feed.id).sort()).toEqual(['blog', 'monitor']);
    await runner.idle();
    expect([sourceHits('/rss'), sourceHits('/blog/feed/')]).toEqual([2, 1]);
  }, 30_000);

  it('reads cron as the Worker does: 0 0 13 * 5 fires on Friday the 16th (node-cron ANDed the day fields)', async () => {
    const { deps, site } = harness;
    const runner = createRefreshRunner(deps, { publicUrl: PUBLIC_URL });
    const friday = loadFixtureFeed(site.origin, 'listing', { schedule: '0 0 13 * 5' });
    harness.setNow('2026-01-16T00:00:00Z');
    const due = await runNodeTick(
      deps,
      runner,
      new Map([['listing', friday]]),
      new Date('2026-01-15T23:59:00Z'),
      deps.clock(),
    );
    expect(due.map((feed) => feed.id)).toEqual(['listing']);
    await runner.idle();
  }, 30_000);
});

describe('startLede with schedules node-cron refused or read otherwise', () => {
  it('starts, refreshes the new feeds and stops; node-cron itself would have thrown on 5/20', async () => {
    expect(cron.validate('5/20 * * * *')).toBe(false);
    const site = await startFixtureSite();
    const workspace = await makeWorkspace(site.origin, []);
    const definitions = fixtureFeedDefinitions(site.origin);
    const schedules: Record<string, string> = { monitor: '5/20 * * * *', blog: '0 0 13 * 5' };
    for (const [id, schedule] of Object.entries(schedules)) {
      await writeFile(path.join(workspace.feedsDir, `${id}.json`), JSON.stringify({ ...definitions[id], schedule }));
    }
    const config = parseRuntimeConfig({ PORT: '0', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir });
    const lede = await startLede(config, silentLog);
    try {
      expect([...lede.feeds.keys()].sort()).toEqual(['blog', 'monitor']);
      await lede.initialRefresh;
      expect((await fetch(`${lede.url}/feeds/monitor.rss`)).status).toBe(200);
      expect((await fetch(`${lede.url}/feeds/blog.rss`)).status).toBe(200);
    } finally {
      await lede.close();
      await site.close();
    }
  }, 60_000);
});
