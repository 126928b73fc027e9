/**
 * @module tests/runtime/worker/cache
 * The Cache API in front of D1 (src/runtime/worker/cache.ts), in Miniflare's cache: a miss writes the
 * rendition under the feed's URL after the response (through `ctx.waitUntil`); a hit serves the cached
 * bytes without reading D1; a refresh that changes the feed makes the new bytes visible on the very next
 * request; conditional requests answer 304 from the validators. Feed variants
 * (a query, or `/feeds/all.*`) are cached under their own key, versioned by the ETags of the feeds they read.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDefaultCache, renditionCacheKey } from '../../../src/runtime/worker/cache.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';
import { envWith, FIVE_MINUTES, request, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();
const prefix = uniquePrefix('cached');
const definition = {
  title: 'Cached feed',
  site: `${site.origin}/`,
  source: { type: 'feed', url: site.url(`${prefix}/rss`) },
  article: { content: '.article__body' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
};
const worker = workerFor({ cached: definition });
const workerEnv = envWith({ ARTICLE_QUEUE: undefined });

async function addStory(n: number, links: { url: string; title: string; published: string }[]): Promise<void> {
  const title = `Cached story ${n}`;
  const published = `2025-03-13T10:0${n}:00+05:00`;
  const paragraphs = [
    `The first paragraph of cached story ${n} has enough words to count.`,
    `The second paragraph of cached story ${n} says a little more.`,
  ];
  const url = await site.addArticle({ path: `${prefix}/news/${n}/story`, title, paragraphs, published });
  links.unshift({ url, title, published });
  await site.setFile(`${prefix}/rss`, renderRss('Cached', links));
}

describe('Cache API: rendered feeds', () => {
  const links: { url: string; title: string; published: string }[] = [];
  beforeAll(async () => {
    await addStory(1, links);
    await tick(worker, workerEnv, Date.now());
  });

  it('writes a miss to the cache under the feed’s URL, with its validators, after the response', async () => {
    // The tick's publish already wrote the entry (refreshCacheOnPublish): drop it to follow a miss.
    await openDefaultCache()?.delete?.(renditionCacheKey('http://lede.test', 'cached', 'rss'));
    const response = await request(worker, workerEnv, '/feeds/cached.rss');
    expect(response.status).toBe(200);
    const etag = response.headers.get('etag') ?? '';
    const entry = await openDefaultCache()?.match(renditionCacheKey('http://lede.test', 'cached', 'rss'));
    expect(entry?.headers.get('etag')).toBe(etag);
    expect(await entry?.text()).toBe(await response.text());
  });

  it('serves a hit from the cache, not from D1', async () => {
    const first = await request(worker, workerEnv, '/feeds/cached.rss');
    const body = await first.text();
    // Change the stored bytes behind the cache's back, keeping the validators: only a hit still shows the old ones.
    await env.DB.prepare("UPDATE renditions SET body = 'tampered' WHERE feed_id = 'cached' AND format = 'rss'").run();
    const second = await request(worker, workerEnv, '/feeds/cached.rss');
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(await second.text()).toBe(body);
  });

  it('never hands a URL with a query the plain feed’s cached bytes: a variant is rendered from the records', async () => {
    const plain = await request(worker, workerEnv, '/feeds/cached.rss');
    const plainBody = await plain.text();
    // A filter nothing matches: an empty page, which no cached copy of the plain feed could be.
    const variant = await request(worker, workerEnv, '/feeds/cached.rss?category=none-such');
    expect(variant.status).toBe(200);
    expect(variant.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    const body = await variant.text();
    expect(body).toContain('<channel>');
    expect(body).not.toContain('<item>');
    // Same records, same renderers: the unfiltered variant has the plain feed's bytes, from D1's records.
    const same = await request(worker, workerEnv, '/feeds/cached.rss?limit=50');
    expect(await same.text()).toBe(plainBody);
    // The plain feed's cache entry is still the plain feed's.
    const key = renditionCacheKey('http://lede.test', 'cached', 'rss');
    expect(await (await openDefaultCache()?.match(key))?.text()).toBe(plainBody);
  });

  it('answers a conditional request with 304 from the validators', async () => {
    const etag = (await request(worker, workerEnv, '/feeds/cached.json')).headers.get('etag') ?? '';
    const response = await request(worker, workerEnv, '/feeds/cached.json', { headers: { 'If-None-Match': etag } });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(await response.text()).toBe('');
  });

  it('makes a refresh’s new bytes visible on the next request (new ETag, new key)', async () => {
    const before = await request(worker, workerEnv, '/feeds/cached.atom');
    const oldEtag = before.headers.get('etag');
    expect(await before.text()).not.toContain('Cached story 2');
    await addStory(2, links);
    await tick(worker, workerEnv, Date.now() + 6 * FIVE_MINUTES);
    const after = await request(worker, workerEnv, '/feeds/cached.atom');
    expect(after.headers.get('etag')).not.toBe(oldEtag);
    expect(await after.text()).toContain('Cached story 2');
    const stale = await request(worker, workerEnv, '/feeds/cached.atom', {
      headers: { 'If-None-Match': oldEtag ?? '' },
    });
    expect(stale.status).toBe(200);
    await stale.body?.cancel();
  });
});

/** Rename a story in D1's records only: the renditions (and so every ETag) stay as they are. */
async function renameRecord(from: string, to: string): Promise<void> {
  await env.DB.prepare("UPDATE articles SET item = replace(item, ?, ?) WHERE feed_id = 'cached'").bind(from, to).run();
}

describe('Cache API: feed variants', () => {
  const links: { url: string; title: string; published: string }[] = [];
  const variantWorker = workerFor({ cached: definition });
  beforeAll(async () => {
    await addStory(3, links);
    await tick(variantWorker, workerEnv, Date.now() + 20 * FIVE_MINUTES);
  });

  it('serves a repeated variant from the cache, with the core’s headers, until a refresh changes the feed', async () => {
    const first = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1&q=cached');
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(body).toContain('Cached story 3');
    await renameRecord('Cached story 3', 'Renamed story 3');
    const second = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1&q=cached');
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(body);
    expect([...second.headers]).toEqual([...first.headers]);
    // A refresh that changes the feed's renditions changes the key: the records as they are now.
    await addStory(4, links);
    await tick(variantWorker, workerEnv, Date.now() + 40 * FIVE_MINUTES);
    const third = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=2&q=story');
    const fresh = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1&q=cached');
    expect(fresh.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(await fresh.text()).toContain('Cached story 4');
    expect(await third.text()).toContain('Renamed story 3');
  });

  it('shares one entry between orders of the same parameters', async () => {
    const first = await request(variantWorker, workerEnv, '/feeds/cached.atom?limit=2&q=story');
    const body = await first.text();
    await renameRecord('Cached story 4', 'Reordered story 4');
    const reordered = await request(variantWorker, workerEnv, '/feeds/cached.atom?q=story&limit=2');
    expect(await reordered.text()).toBe(body);
    expect(body).toContain('Cached story 4');
  });

  it('caches the combined feed, and answers 304 from a cached variant’s ETag', async () => {
    const first = await request(variantWorker, workerEnv, '/feeds/all.json');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    const body = await first.text();
    expect(body).toContain('Reordered story 4');
    await renameRecord('Reordered story 4', 'Combined story 4');
    const second = await request(variantWorker, workerEnv, '/feeds/all.json');
    expect(await second.text()).toBe(body);
    expect([...second.headers]).toEqual([...first.headers]);
    for (const ifNoneMatch of [etag, `W/${etag}`]) {
      const conditional = await request(variantWorker, workerEnv, '/feeds/all.json', {
        headers: { 'If-None-Match': ifNoneMatch },
      });
      expect(conditional.status).toBe(304);
      expect(conditional.headers.get('etag')).toBe(etag);
      expect(await conditional.text()).toBe('');
    }
    const variant = await request(variantWorker, workerEnv, '/feeds/cached.json?limit=1', {
      headers: {
        'If-None-Match':
          (await request(variantWorker, workerEnv, '/feeds/cached.json?limit=1')).headers.get('etag') ?? '',
      },
    });
    expect(variant.status).toBe(304);
    expect(variant.headers.get('vary')).toContain('Sec-Fetch-Dest');
  });

  it('answers HEAD with the GET’s headers and no body', async () => {
    const get = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1');
    const bytes = new TextEncoder().encode(await get.text()).byteLength;
    const head = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(String(bytes));
    expect(await head.text()).toBe('');
  });

  it('answers 410 for a taken-down feed’s variant that was cached before', async () => {
    const cached = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1');
    expect(cached.status).toBe(200);
    await cached.body?.cancel();
    const takedown = await request(variantWorker, workerEnv, '/admin/takedown/cached', {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(takedown.status).toBeLessThan(300);
    const gone = await request(variantWorker, workerEnv, '/feeds/cached.rss?limit=1');
    expect(gone.status).toBe(410);
    await gone.body?.cancel();
  });
});
