/**
 * @module tests/runtime/worker/combined-cache
 * The combined feed of many feeds, cached: two Cache API matches a request however many feeds it combines
 * (every Cache API call is a subrequest: 50 per request on the Free plan), no D1 query, and a takedown served
 * here still takes the feed's items out of it at once (src/runtime/worker/combined-generation.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { combinedGenerationKey } from '../../../src/runtime/worker/combined-generation.ts';
import { openDefaultCache } from '../../../src/runtime/worker/cache.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';
import { countingCache, envWith, request, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

/** More feeds than the Free plan's 50 subrequests a request: one Cache API match per feed would fail. */
const FEEDS = 51;

const calls = { match: 0, put: 0, delete: 0 };

const site = fixtureSite();
const prefix = uniquePrefix('combined');
const ids = Array.from({ length: FEEDS }, (_, index) => `many-${String(index).padStart(2, '0')}`);
const definition = (id: string) => ({
  title: `Combined ${id}`,
  site: `${site.origin}/`,
  source: { type: 'feed', url: site.url(`${prefix}/rss`) },
  article: { content: '.article__body' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
});
const worker = workerFor(Object.fromEntries(ids.map((id) => [id, definition(id)])), {
  openCache: () => countingCache(calls),
});
const workerEnv = envWith({ ARTICLE_QUEUE: undefined, SUBREQUEST_BUDGET: '10000', MAX_PAGES_PER_RUN: '1000' });

/** A request, with the Cache API calls it made. */
async function counted(path: string, init: RequestInit = {}) {
  const before = { ...calls };
  const response = await request(worker, workerEnv, path, init);
  return { response, matches: calls.match - before.match, puts: calls.put - before.put };
}

describe(`the combined feed of ${String(FEEDS)} feeds through the Cache API`, () => {
  beforeAll(async () => {
    const title = 'A story every feed carries';
    const published = '2025-03-14T10:00:00+05:00';
    const paragraphs = ['The first paragraph of the shared story has enough words to count.', 'A second one.'];
    const url = await site.addArticle({ path: `${prefix}/news/1/story`, title, paragraphs, published });
    await site.setFile(`${prefix}/rss`, renderRss('Combined', [{ url, title, published }]));
    await tick(worker, workerEnv, Date.now());
  });

  it('answers a hit with two Cache API matches (its generation and itself) and no write', async () => {
    const miss = await counted('/feeds/all.json');
    expect(miss.response.status).toBe(200);
    const body = (await miss.response.json()) as { items: unknown[] };
    expect(body.items.length).toBeGreaterThan(0);
    const hit = await counted('/feeds/all.json');
    expect(hit.response.status).toBe(200);
    await hit.response.body?.cancel();
    expect({ matches: hit.matches, puts: hit.puts }).toEqual({ matches: 2, puts: 0 });
    const etag = hit.response.headers.get('etag') ?? '';
    const notModified = await counted('/feeds/all.json', { headers: { 'If-None-Match': etag } });
    expect(notModified.response.status).toBe(304);
    expect({ matches: notModified.matches, puts: notModified.puts }).toEqual({ matches: 2, puts: 0 });
  });

  it('keeps the generation no longer than a minute (the bound for other data centres)', async () => {
    const entry = await openDefaultCache()?.match(combinedGenerationKey('http://lede.test', 'json'));
    expect(entry?.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('takes a feed taken down here out of the cached combined feed at once', async () => {
    // Every feed lists the same article, which the combined feed shows once, under one of them.
    const sources = async (path: string) => {
      const response = await request(worker, workerEnv, path);
      expect(response.status).toBe(200);
      return (await response.text()).match(/Combined many-\d\d/g) ?? [];
    };
    const [shownUnder] = await sources('/feeds/all.rss');
    expect(shownUnder).toBeDefined();
    const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const takedown = `/admin/takedown/${(shownUnder ?? '').replace('Combined ', '')}`;
    expect((await request(worker, workerEnv, takedown, { method: 'POST', headers: auth })).status).toBe(200);
    const after = await sources('/feeds/all.rss');
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toContain(shownUnder);
  });
});
