/**
 * @module tests/runtime/worker/takedown
 * The per-source kill switch on the Worker, inside workerd: `POST /admin/takedown/{id}` purges the feed
 * from D1 and from the Cache API at once and the feed answers 410 Gone, even for a reader whose request
 * would have been a cache hit; the scheduled refresh leaves it alone; `DELETE` lifts it and the next
 * tick rebuilds it. A feed disabled by its definition (`"enabled": false`) is never served from the cache.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openDefaultCache, renditionCacheKey } from '../../../src/runtime/worker/cache.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';
import { envWith, FIVE_MINUTES, request, testStore, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();
const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const workerEnv = envWith({ ARTICLE_QUEUE: undefined });

function definition(prefix: string, extra: object = {}): object {
  return {
    title: `Takedown ${prefix}`,
    site: `${site.origin}/`,
    source: { type: 'feed', url: site.url(`${prefix}/rss`) },
    article: { content: '.article__body' },
    license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
    ...extra,
  };
}

async function publishStories(prefix: string): Promise<void> {
  const links = [];
  for (let n = 1; n <= 2; n++) {
    const title = `Takedown story ${n}`;
    const published = `2025-03-13T10:0${n}:00+05:00`;
    const paragraphs = [
      `The first paragraph of story ${n} has enough words to count for the licence.`,
      `The second paragraph of story ${n} says more.`,
    ];
    links.unshift({
      url: await site.addArticle({ path: `${prefix}/news/${n}/story`, title, paragraphs, published }),
      title,
      published,
    });
  }
  await site.setFile(`${prefix}/rss`, renderRss('Takedown', links));
}

/** Serve the feed twice, so its bytes are in the Cache API; resolves to the cache key of the RSS. */
async function warmCache(worker: ReturnType<typeof workerFor>, id: string): Promise<string> {
  const first = await request(worker, workerEnv, `/feeds/${id}.rss`);
  expect(first.status).toBe(200);
  await first.text();
  const key = renditionCacheKey('http://lede.test', id, 'rss');
  expect(await openDefaultCache()?.match(key)).toBeDefined();
  return key;
}

describe('POST /admin/takedown/{id} on the Worker', () => {
  const prefix = uniquePrefix('takedown');
  const worker = workerFor({ gone: definition(prefix) });

  beforeAll(async () => {
    await publishStories(prefix);
    await tick(worker, workerEnv, Date.now());
  });

  it('purges D1 and the Cache API at once, answers 410, is skipped by ticks, and lifts with DELETE', async () => {
    const key = await warmCache(worker, 'gone');
    const down = await request(worker, workerEnv, '/admin/takedown/gone', { method: 'POST', headers: auth });
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({ feedId: 'gone', purged: { renditions: 3 } });
    expect(await openDefaultCache()?.match(key)).toBeUndefined();
    for (const format of ['rss', 'atom', 'json'])
      expect((await request(worker, workerEnv, `/feeds/gone.${format}`)).status).toBe(410);
    const store = testStore();
    expect(await store.listPublished('gone', 10)).toEqual([]);
    expect(await store.getTakedown('gone')).toMatchObject({ feedId: 'gone' });

    const before = await site.hitsUnder(prefix);
    await tick(worker, workerEnv, Date.now() + 12 * FIVE_MINUTES);
    expect(await site.hitsUnder(prefix)).toBe(before);
    expect((await request(worker, workerEnv, '/feeds/gone.rss')).status).toBe(410);

    expect((await request(worker, workerEnv, '/admin/takedown/gone', { method: 'DELETE', headers: auth })).status).toBe(
      200,
    );
    expect((await request(worker, workerEnv, '/feeds/gone.rss')).status).toBe(503);
    await tick(worker, workerEnv, Date.now() + 24 * FIVE_MINUTES);
    expect((await request(worker, workerEnv, '/feeds/gone.rss')).status).toBe(200);
  });

  it('refuses a takedown without the admin token', async () => {
    expect((await request(worker, workerEnv, '/admin/takedown/gone', { method: 'POST' })).status).toBe(401);
  });
});

describe('"enabled": false on the Worker', () => {
  it('answers 410 at once, never from the cache, and purges D1', async () => {
    const prefix = uniquePrefix('disabled');
    await publishStories(prefix);
    const enabled = workerFor({ off: definition(prefix) });
    await tick(enabled, workerEnv, Date.now());
    const key = await warmCache(enabled, 'off');

    const disabled = workerFor({ off: definition(prefix, { enabled: false }) });
    const response = await request(disabled, workerEnv, '/feeds/off.rss');
    expect(response.status).toBe(410);
    expect(await testStore().listPublished('off', 10)).toEqual([]);
    expect(await testStore().getRenditionValidators('off', 'rss')).toBeUndefined();
    // The cached bytes are gone from this data centre's cache: its key is the plain URL, which an older deploy still serves.
    expect(await openDefaultCache()?.match(key)).toBeUndefined();
    expect((await request(enabled, workerEnv, '/feeds/off.rss')).status).toBe(410);
  });
});
