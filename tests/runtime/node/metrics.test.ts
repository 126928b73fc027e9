/**
 * `GET /metrics` where no token opens it: Lede on Node without ADMIN_TOKEN or METRICS_TOKEN answers 403, as
 * its admin API does; an app built without metrics (as the Worker's is) has no such route: 404. And the
 * refresh counters count a run once, however many callers joined it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { createJoiningRunner, createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import type { RefreshReport } from '../../../src/core/store.ts';
import { createNodeMetrics } from '../../../src/runtime/node/metrics.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import { startLede, type LedeNode } from '../../../src/runtime/node/server.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL } from '../../helpers/lede-harness.ts';
import { parseExposition, sample } from '../../helpers/prometheus-text.ts';
import { silentLog } from '../../helpers/silent-log.ts';

let dir: string;
let lede: LedeNode;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lede-metrics-'));
  await mkdir(path.join(dir, 'feeds'));
  const config = parseRuntimeConfig({
    PORT: '0',
    FEEDS_DIR: path.join(dir, 'feeds'),
    DATA_DIR: path.join(dir, 'data'),
  });
  lede = await startLede(config, silentLog);
});

afterAll(async () => {
  await lede.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /metrics without a token configured', () => {
  it('answers 403 to everyone, saying which variables open it', async () => {
    for (const headers of [{}, { Authorization: 'Bearer guess' }]) {
      const response = await fetch(`${lede.url}/metrics`, { headers });
      expect(response.status).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({
        error: 'metrics disabled: neither METRICS_TOKEN nor ADMIN_TOKEN is set',
      });
    }
  });
});

describe('an app built without metrics', () => {
  it('has no /metrics: 404, as any unknown path', async () => {
    const h = await openHarness();
    try {
      const runner = createRefreshRunner(h.deps, { publicUrl: PUBLIC_URL });
      const app = createApp({
        store: h.store,
        feeds: h.feeds,
        runner,
        log: silentLog,
        clock: h.deps.clock,
        adminToken: 't',
      });
      const response = await app.request('/metrics', { headers: { Authorization: 'Bearer t' } });
      expect(response.status).toBe(404);
    } finally {
      await h.close();
    }
  });
});

describe('the refresh counters', () => {
  it('count a run once when a second caller joins it, and the runs of refreshMany', async () => {
    const metrics = createNodeMetrics();
    const feed = loadFixtureFeed('http://127.0.0.1:9', 'monitor');
    const report = (startedAt: string): RefreshReport => ({
      feedId: feed.id,
      startedAt,
      finishedAt: '2026-11-30T12:00:02.500Z',
      ok: true,
      discovered: 4,
      fetched: 3,
      unchanged: 1,
      pending: 0,
      failed: 0,
      changed: true,
      errors: [],
    });
    let finish: (report: RefreshReport) => void = () => {};
    const runner = metrics.observeRunner(
      createJoiningRunner(
        () => new Promise<RefreshReport>((resolve) => (finish = resolve)),
        () => report('2026-11-30T12:00:00.000Z'),
      ),
    );
    const first = runner.refresh(feed);
    const joined = runner.refresh(feed);
    finish(report('2026-11-30T12:00:00.000Z'));
    expect(await joined).toBe(await first);
    const many = runner.refreshMany([feed]);
    finish(report('2026-11-30T12:00:01.000Z'));
    await many;
    const scrape = parseExposition((await metrics.collect()).body);
    expect(sample(scrape, 'lede_refreshes_total', { feed: 'monitor', outcome: 'ok' })).toBe(2);
    expect(sample(scrape, 'lede_items_published_total', { feed: 'monitor' })).toBe(6);
    expect(sample(scrape, 'lede_refresh_duration_seconds_sum', { feed: 'monitor' })).toBe(4);
    expect(sample(scrape, 'lede_refresh_duration_seconds_bucket', { feed: 'monitor', le: '2.5' })).toBe(2);
  });
});
