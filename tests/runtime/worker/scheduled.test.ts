/**
 * @module tests/runtime/worker/scheduled
 * `scheduled()` with a controller, in cron (budget) mode, against the fixture site: a feed of 50 new
 * articles converges over several ticks under a small subrequest budget without losing or duplicating
 * an item; the budget is never exceeded, redirects included; a failing source leaves the last good
 * feed served; each feed's own schedule decides whether a tick refreshes it; two overlapping ticks
 * never refresh one feed twice (the D1 lease).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite, renderRss } from './fixture-control.ts';
import {
  countingCache,
  envWith,
  FIVE_MINUTES,
  request,
  servedItems,
  testStore,
  tick,
  uniquePrefix,
  workerFor,
} from './worker-helpers.ts';

const site = fixtureSite();

function feedDefinition(prefix: string, extra: object = {}): object {
  return {
    title: `Test feed ${prefix}`,
    site: `${site.origin}/`,
    language: 'en',
    source: { type: 'feed', url: site.url(`${prefix}/rss`) },
    article: { content: '.article__body', remove: ['.related', '.share'] },
    license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
    schedule: '*/30 * * * *',
    maxItems: 50,
    ...extra,
  };
}

/** Publish `count` articles under `prefix` and an RSS listing them; resolves to their URLs, newest first. */
async function publishArticles(prefix: string, count: number): Promise<string[]> {
  const links = [];
  for (let i = 0; i < count; i++) {
    const published = `2025-03-13T${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+05:00`;
    const title = `Story number ${i} from the steppe`;
    const paragraphs = [
      `Paragraph one of story ${i} tells what happened in the capital this morning.`,
      `Paragraph two of story ${i} explains why it matters to readers across the country.`,
      `Paragraph three of story ${i} quotes officials and residents at length about the decision.`,
    ];
    const url = await site.addArticle({ path: `${prefix}/news/${1000 + i}/story-${i}`, title, paragraphs, published });
    links.unshift({ url, title, published });
  }
  await site.setFile(`${prefix}/rss`, renderRss(`Feed ${prefix}`, links));
  return links.map((link) => link.url);
}

describe('scheduled(): a refresh split over ticks under a small budget', () => {
  const prefix = uniquePrefix('converge');
  const budget = 15;
  const workerEnv = envWith({ ARTICLE_QUEUE: undefined, SUBREQUEST_BUDGET: String(budget), MAX_PAGES_PER_RUN: '20' });
  // Every Cache API call is a subrequest too: the tick's publish writes count against the budget.
  const cacheCalls = { match: 0, put: 0, delete: 0 };
  const worker = workerFor({ converge: feedDefinition(prefix) }, { openCache: () => countingCache(cacheCalls) });
  const countCacheCalls = () => cacheCalls.match + cacheCalls.put + cacheCalls.delete;
  let urls: string[] = [];

  beforeAll(async () => {
    urls = await publishArticles(prefix, 50);
  }, 60_000);

  it('converges to all 50 articles, each once, never exceeding the budget', async () => {
    const start = Date.now();
    const perTick: number[] = [];
    for (let n = 0; n < 25; n++) {
      const before = (await site.hitsUnder(prefix)) + countCacheCalls();
      await tick(worker, workerEnv, start + n * FIVE_MINUTES);
      perTick.push((await site.hitsUnder(prefix)) + countCacheCalls() - before);
      if ((await testStore().getFeedState('converge'))?.lastReport?.pending === 0) break;
    }
    // (15 − 2 for the source − 4 for the site's robots.txt and tdmrep.json − 3 cache writes) / 2 per article
    // = 3 articles a tick: 17 ticks.
    expect(perTick).toHaveLength(17);
    expect(Math.max(...perTick)).toBeLessThanOrEqual(budget);
    const items = await servedItems(worker, workerEnv, 'converge');
    expect(items.map((item) => item.url).sort()).toEqual([...urls].sort());
    expect(new Set(items.map((item) => item.id)).size).toBe(50);
  }, 120_000);

  it('stays converged: the next due tick gets a 304 from the source and changes nothing', async () => {
    const before = await request(worker, workerEnv, '/feeds/converge.atom');
    const rss = await site.hits(`${prefix}/rss`);
    await tick(worker, workerEnv, Date.now() + 24 * 60 * FIVE_MINUTES);
    const after = await request(worker, workerEnv, '/feeds/converge.atom');
    expect((await site.hits(`${prefix}/rss`)).notModified).toBe(rss.notModified + 1);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect(await servedItems(worker, workerEnv, 'converge')).toHaveLength(50);
  });
});

describe('scheduled(): redirects beyond the reserve', () => {
  it('refuses requests past the budget without counting them against the articles, then completes', async () => {
    const prefix = uniquePrefix('redirects');
    const urls = await publishArticles(prefix, 3);
    // Each listed link redirects three times before reaching its article: 4 subrequests per article.
    const links = urls.map((url, i) => ({
      url: site.url(`${prefix}/go/${i}/a`),
      title: `Story ${i}`,
      published: `2025-03-13T09:0${i}:00+05:00`,
    }));
    for (const [i, url] of urls.entries()) {
      await site.fail(`${prefix}/go/${i}/a`, 301, { location: `${prefix}/go/${i}/b` });
      await site.fail(`${prefix}/go/${i}/b`, 302, { location: `${prefix}/go/${i}/c` });
      await site.fail(`${prefix}/go/${i}/c`, 307, { location: new URL(url).pathname });
    }
    await site.setFile(`${prefix}/rss`, renderRss('Redirects', links));
    const cacheCalls = { match: 0, put: 0, delete: 0 };
    const worker = workerFor({ redirects: feedDefinition(prefix) }, { openCache: () => countingCache(cacheCalls) });
    // (11 − 2 for the source − 4 for robots.txt and tdmrep.json − 3 cache writes) / 2 = 1 article planned.
    const workerEnv = envWith({ ARTICLE_QUEUE: undefined, SUBREQUEST_BUDGET: '11' });
    const store = testStore();

    const before = await site.hitsUnder(prefix);
    await tick(worker, workerEnv, Date.now());
    const cacheWrites = cacheCalls.put + cacheCalls.delete;
    expect((await site.hitsUnder(prefix)) - before + cacheWrites).toBeLessThanOrEqual(11);
    const records = await Promise.all(links.map((link) => store.getArticle('redirects', link.url)));
    expect(records.map((record) => record?.state).sort()).toEqual(['pending', 'pending', 'ready']);
    expect(records.every((record) => record?.attempts === 0 && record.error === undefined)).toBe(true);

    for (let n = 1; n < 5 && (await store.listPending('redirects', 10)).length > 0; n++)
      await tick(worker, workerEnv, Date.now() + n * FIVE_MINUTES);
    expect((await servedItems(worker, workerEnv, 'redirects')).map((item) => item.url).sort()).toEqual(
      [...urls].sort(),
    );
  }, 60_000);
});

describe('scheduled(): failures and schedules', () => {
  it('keeps serving the last good feed when the source fails, and reports the failure', async () => {
    const prefix = uniquePrefix('flaky');
    await publishArticles(prefix, 3);
    const worker = workerFor({ flaky: feedDefinition(prefix) });
    const workerEnv = envWith({ ARTICLE_QUEUE: undefined });
    await tick(worker, workerEnv, Date.now());
    const good = await request(worker, workerEnv, '/feeds/flaky.atom');
    const goodBody = await good.text();
    const lastSuccessAt = (await testStore().getFeedState('flaky'))?.lastSuccessAt;

    await site.fail(`${prefix}/rss`, 503, { 'retry-after': '120' });
    await tick(worker, workerEnv, Date.now() + 12 * FIVE_MINUTES);
    const served = await request(worker, workerEnv, '/feeds/flaky.atom');
    expect(served.status).toBe(200);
    expect(served.headers.get('etag')).toBe(good.headers.get('etag'));
    expect(await served.text()).toBe(goodBody);
    const health = (await (await request(worker, workerEnv, '/healthz')).json()) as {
      feeds: { id: string; ok: boolean; lastSuccessAt: string; errors: { code: string }[] }[];
    };
    expect(health.feeds[0]).toMatchObject({ id: 'flaky', ok: false, lastSuccessAt, errors: [{ code: 'http-status' }] });
    await site.restore(`${prefix}/rss`);
  }, 60_000);

  it('refreshes a feed only when its own schedule is due (core isDue)', async () => {
    const prefix = uniquePrefix('yearly');
    await publishArticles(prefix, 1);
    const worker = workerFor({ yearly: feedDefinition(prefix, { schedule: '0 0 1 1 *' }) });
    const workerEnv = envWith({ ARTICLE_QUEUE: undefined });
    const now = Date.now();
    await tick(worker, workerEnv, now);
    expect((await site.hits(`${prefix}/rss`)).hits).toBe(1);
    await tick(worker, workerEnv, now + FIVE_MINUTES);
    expect((await site.hits(`${prefix}/rss`)).hits).toBe(1);
    const newYear = Date.UTC(new Date(now).getUTCFullYear() + 1, 0, 1, 0, 0);
    await tick(worker, workerEnv, newYear);
    expect((await site.hits(`${prefix}/rss`)).hits).toBe(2);
  });

  it('never refreshes one feed in two overlapping invocations (D1 lease)', async () => {
    const prefix = uniquePrefix('overlap');
    await publishArticles(prefix, 2);
    const worker = workerFor({ overlap: feedDefinition(prefix) });
    const workerEnv = envWith({ ARTICLE_QUEUE: undefined });
    const now = Date.now();
    await Promise.all([tick(worker, workerEnv, now), tick(worker, workerEnv, now)]);
    expect((await site.hits(`${prefix}/rss`)).hits).toBe(1);
    expect(await servedItems(worker, workerEnv, 'overlap')).toHaveLength(2);
  });
});
