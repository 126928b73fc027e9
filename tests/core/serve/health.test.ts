/**
 * /healthz over real parts (fixture site on loopback, a SQLite file, real refreshes): the status rule, the
 * HTTP status, and the per-feed fields an operator acts on — consecutive failures, last error, next run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthBody } from '../../helpers/health-body.ts';
import type { DefinitionProblem } from '../../../src/core/config/feed-definition.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

async function health(ids: readonly string[], problems: readonly DefinitionProblem[] = []) {
  const feeds = new Map(ids.map((id) => [id, h.feeds.get(id)!]));
  const runner = createRefreshRunner(h.deps, { publicUrl: PUBLIC_URL });
  const app = createApp({ store: h.store, feeds, runner, problems, log: h.deps.log, clock: h.deps.clock });
  const response = await app.request('/healthz');
  const body = (await response.json()) as HealthBody;
  return {
    httpStatus: response.status,
    status: body.status,
    feed: (id: string) => body.feeds.find((f) => f.id === id)!,
  };
}

const refresh = (id: string) => refreshFeed(h.deps, h.feeds.get(id)!, { publicUrl: PUBLIC_URL });

describe('/healthz', () => {
  it('is ok before any refresh: a feed never refreshed is "not-built", not failed', async () => {
    const before = await health(['monitor', 'blog']);
    expect(before).toMatchObject({ httpStatus: 200, status: 'ok' });
    expect(before.feed('monitor')).toMatchObject({
      condition: 'not-built',
      lastAttemptAt: null,
      lastSuccessAt: null,
      consecutiveFailures: 0,
      ok: null,
      lastError: null,
      items: 0,
      pending: null,
      // The fixture's schedule is the default, every 30 minutes; the clock stands at 12:00.
      nextRunAt: '2025-03-12T12:30:00.000Z',
      sourceNotBefore: null,
      backoffUntil: null,
      nextSourceFetchAt: '2025-03-12T12:30:00.000Z',
    });
  });

  it('counts consecutive failures, degrades when one feed fails, fails (503) when all do, and recovers', async () => {
    await refresh('monitor');
    await refresh('blog');
    const ok = await health(['monitor', 'blog']);
    expect(ok).toMatchObject({ httpStatus: 200, status: 'ok' });
    const published = ok.feed('monitor').items;
    expect(published).toBeGreaterThanOrEqual(6);
    expect(ok.feed('monitor')).toMatchObject({ condition: 'ok', consecutiveFailures: 0, lastError: null, pending: 0 });
    expect(ok.feed('monitor').lastAttemptAt).toBe(ok.feed('monitor').lastRefreshAt);

    h.site.fail('/rss', 500);
    h.setNow('2025-03-12T12:30:00Z');
    await refresh('monitor');
    h.setNow('2025-03-12T13:00:00Z');
    await refresh('monitor');
    const degraded = await health(['monitor', 'blog']);
    expect(degraded).toMatchObject({ httpStatus: 200, status: 'degraded' });
    expect(degraded.feed('monitor')).toMatchObject({
      condition: 'failed',
      ok: false,
      consecutiveFailures: 2,
      lastAttemptAt: '2025-03-12T13:00:00.000Z',
      lastSuccessAt: '2025-03-12T12:00:00.000Z',
      lastError: { url: `${h.site.origin}/rss` },
      items: published,
      nextRunAt: '2025-03-12T13:30:00.000Z',
    });
    expect(degraded.feed('monitor').lastError?.code).toBe('http-status');

    h.site.fail('/blog/feed/', 500);
    await refresh('blog');
    expect(await health(['monitor', 'blog'])).toMatchObject({ httpStatus: 503, status: 'failing' });

    h.site.restore('/rss');
    h.setNow('2025-03-12T13:30:00Z');
    await refresh('monitor');
    const recovered = await health(['monitor', 'blog']);
    expect(recovered).toMatchObject({ httpStatus: 200, status: 'degraded' });
    expect(recovered.feed('monitor')).toMatchObject({ condition: 'ok', consecutiveFailures: 0, lastError: null });
  });

  it('leaves the count as it was while a refresh waits out the source’s Retry-After', async () => {
    await refresh('monitor');
    h.site.fail('/rss', 503, { 'retry-after': '3600' });
    h.setNow('2025-03-12T12:30:00Z');
    await refresh('monitor');
    h.setNow('2025-03-12T13:00:00Z');
    expect((await refresh('monitor')).sourceDeferredUntil).toBeDefined();
    expect((await health(['monitor'])).feed('monitor').consecutiveFailures).toBe(1);
  });

  it('marks a source that answered 410 Gone, and asks it again only after the longest backoff', async () => {
    await refresh('monitor');
    expect((await health(['monitor'])).feed('monitor').sourceGone).toBe(false);
    h.site.fail('/rss', 410);
    h.setNow('2025-03-12T12:30:00Z');
    const report = await refresh('monitor');
    expect(report.errors[0]).toMatchObject({ code: 'http-status', status: 410 });
    const gone = (await health(['monitor'])).feed('monitor');
    expect(gone).toMatchObject({ condition: 'failed', sourceGone: true, lastError: { code: 'http-status' } });
    const wait = Date.parse(gone.backoffUntil ?? '') - Date.parse('2025-03-12T12:30:00Z');
    expect(wait).toBeGreaterThanOrEqual(3 * 3600_000);
    expect(wait).toBeLessThanOrEqual(6 * 3600_000);
    h.site.restore('/rss');
    h.setNow(new Date(Date.parse(gone.backoffUntil ?? '') + 60_000).toISOString());
    await refresh('monitor');
    expect((await health(['monitor'])).feed('monitor')).toMatchObject({ condition: 'ok', sourceGone: false });
  });

  it('reports a source that moved for good (301/308) with its new URL, and not one that moved for now (302)', async () => {
    const origin = h.site.origin;
    for (const [path, movedTo] of [
      ['/redirect/moved-feed', `${origin}/rss`],
      ['/redirect/temporary-feed', null],
    ] as const) {
      const feed = loadFixtureFeed(origin, 'monitor', { source: { type: 'feed', url: `${origin}${path}` } });
      h.feeds.set('monitor', feed);
      const report = await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
      expect(report).toMatchObject({ ok: true });
      expect(report.sourceMovedTo).toBe(movedTo ?? undefined);
      expect((await health(['monitor'])).feed('monitor')).toMatchObject({ condition: 'ok', sourceMovedTo: movedTo });
      // Asked again with the validators it gave, the moved source answers 304: still reported as moved.
      h.setNow('2025-03-12T13:00:00Z');
      const again = await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
      expect(again).toMatchObject({ notModified: true });
      expect(again.sourceMovedTo).toBe(movedTo ?? undefined);
      h.setNow('2025-03-12T13:30:00Z');
    }
  });

  it('shows when the source will next be read: the first scheduled run after its Retry-After or backoff', async () => {
    await refresh('monitor');
    h.site.fail('/rss', 503, { 'retry-after': '5400' });
    h.setNow('2025-03-12T12:30:00Z');
    await refresh('monitor');
    expect((await health(['monitor'])).feed('monitor')).toMatchObject({
      nextRunAt: '2025-03-12T13:00:00.000Z',
      sourceNotBefore: '2025-03-12T14:00:00.000Z',
      // 14:00 is itself a fire time of the every-30-minutes schedule, and it is not before the Retry-After.
      nextSourceFetchAt: '2025-03-12T14:00:00.000Z',
    });
  });

  it('is degraded, not ok, when a definition is invalid', async () => {
    await refresh('monitor');
    const problem: DefinitionProblem = { file: 'broken.json', field: 'license.maxShare', reason: 'too large' };
    expect(await health(['monitor'], [problem])).toMatchObject({ httpStatus: 200, status: 'degraded' });
  });
});
