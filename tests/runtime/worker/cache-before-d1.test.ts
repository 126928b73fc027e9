/**
 * @module tests/runtime/worker/cache-before-d1
 * A feed's own URL, once cached, is answered from the Cache API without a single D1 query — 200 and 304
 * alike — and stays honest: a refresh published in this data centre replaces the entry at once, a takedown
 * served here empties it at once, and everywhere else an entry lives at most the feed's own max-age
 * (src/runtime/worker/cache.ts, docs/workers.md "Caching"). D1 is counted by wrapping the binding.
 */
import { env } from 'cloudflare:workers';
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEED_MAX_AGE_SECONDS } from '../../../src/core/serve/http-cache.ts';
import { openDefaultCache, renditionCacheKey } from '../../../src/runtime/worker/cache.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';
import { envWith, FIVE_MINUTES, request, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

/** `db`, counting every statement it runs (first, all, run, raw; a batch counts each of its statements). */
function countQueries(db: D1Database) {
  const counter = { queries: 0 };
  const counted = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, name: string | symbol) {
        const value: unknown = Reflect.get(target, name, target);
        if (typeof value !== 'function') return value;
        if (name === 'bind') return (...params: unknown[]) => counted(target.bind(...params));
        return (...args: unknown[]) => {
          if (['first', 'all', 'run', 'raw'].includes(String(name))) counter.queries++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const wrapped = new Proxy(db, {
    get(target, name: string | symbol) {
      if (name === 'prepare') return (sql: string) => counted(target.prepare(sql));
      if (name === 'batch')
        return (statements: D1PreparedStatement[]) => {
          counter.queries += statements.length;
          return target.batch(statements);
        };
      const value: unknown = Reflect.get(target, name, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: wrapped, counter };
}

const site = fixtureSite();
const prefix = uniquePrefix('before-d1');
const definition = {
  title: 'Cached before D1',
  site: `${site.origin}/`,
  source: { type: 'feed', url: site.url(`${prefix}/rss`) },
  article: { content: '.article__body' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
};
const worker = workerFor({ edge: definition });
const { db, counter } = countQueries(env.DB);
const workerEnv = envWith({ ARTICLE_QUEUE: undefined, DB: db });
const links: { url: string; title: string; published: string }[] = [];

async function addStory(n: number): Promise<void> {
  const title = `Edge story ${String(n)} “quoted”`;
  const published = `2025-03-14T10:0${String(n)}:00+05:00`;
  const paragraphs = [`The first paragraph of edge story ${String(n)} has enough words to count.`, 'A second one.'];
  const url = await site.addArticle({ path: `${prefix}/news/${String(n)}/story`, title, paragraphs, published });
  links.unshift({ url, title, published });
  await site.setFile(`${prefix}/rss`, renderRss('Edge', links));
}

/** A request, with the D1 queries it made. */
async function counted(path: string, init: RequestInit = {}, via = worker) {
  const before = counter.queries;
  const response = await request(via, workerEnv, path, init);
  return { response, queries: counter.queries - before };
}

describe('Cache API before D1: a cached feed costs no D1 query', () => {
  beforeAll(async () => {
    await addStory(1);
    await tick(worker, workerEnv, Date.now());
  });

  it('answers a cached 200 and a cached 304 without a D1 query', async () => {
    const first = await request(worker, workerEnv, '/feeds/edge.rss');
    expect(first.status).toBe(200);
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    const hit = await counted('/feeds/edge.rss');
    expect(hit.response.status).toBe(200);
    expect(await hit.response.text()).toBe(body);
    expect(hit.response.headers.get('etag')).toBe(etag);
    expect(hit.queries).toBe(0);
    const notModified = await counted('/feeds/edge.rss', { headers: { 'If-None-Match': etag } });
    expect(notModified.response.status).toBe(304);
    expect(notModified.response.headers.get('etag')).toBe(etag);
    expect(notModified.queries).toBe(0);
  });

  it('answers with the headers the core gives on a miss', async () => {
    await openDefaultCache()?.delete?.(renditionCacheKey('http://lede.test', 'edge', 'atom'));
    const miss = await counted('/feeds/edge.atom');
    expect(miss.queries).toBeGreaterThan(0);
    await miss.response.text();
    const hit = await counted('/feeds/edge.atom');
    expect(hit.queries).toBe(0);
    await hit.response.text();
    expect([...hit.response.headers]).toEqual([...miss.response.headers]);
  });

  it('keeps an entry no longer than the feed’s own max-age (the bound for other data centres)', async () => {
    const entry = await openDefaultCache()?.match(renditionCacheKey('http://lede.test', 'edge', 'json'));
    expect(entry?.headers.get('cache-control')).toBe(`public, max-age=${String(FEED_MAX_AGE_SECONDS)}`);
    await entry?.body?.cancel();
  });

  it('serves a refresh’s new bytes at once where it was published, still without a D1 query', async () => {
    const before = await request(worker, workerEnv, '/feeds/edge.json');
    const oldEtag = before.headers.get('etag') ?? '';
    expect(await before.text()).not.toContain('Edge story 2');
    await addStory(2);
    await tick(worker, workerEnv, Date.now() + 6 * FIVE_MINUTES);
    const after = await counted('/feeds/edge.json');
    expect(after.queries).toBe(0);
    expect(after.response.headers.get('etag')).not.toBe(oldEtag);
    expect(await after.response.text()).toContain('Edge story 2 “quoted”');
    const stale = await counted('/feeds/edge.json', { headers: { 'If-None-Match': oldEtag } });
    expect(stale.response.status).toBe(200);
    await stale.response.body?.cancel();
  });

  it('answers 410 at once after a takedown served here', async () => {
    const warm = await request(worker, workerEnv, '/feeds/edge.rss');
    expect(warm.status).toBe(200);
    await warm.body?.cancel();
    const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    expect((await request(worker, workerEnv, '/admin/takedown/edge', { method: 'POST', headers: auth })).status).toBe(
      200,
    );
    for (const format of ['rss', 'atom', 'json'])
      expect((await request(worker, workerEnv, `/feeds/edge.${format}`)).status).toBe(410);
  });
});

describe('Cache API before D1: a cached feed variant costs no D1 query either', () => {
  const variantWorker = workerFor({ vary: { ...definition, title: 'Variants before D1' } });

  beforeAll(async () => {
    await tick(variantWorker, workerEnv, Date.now() + 12 * FIVE_MINUTES);
  });

  it('answers a cached variant and the combined feed, 200 and 304, without a D1 query', async () => {
    for (const path of ['/feeds/vary.rss?limit=1', '/feeds/vary.atom?q=edge&limit=2', '/feeds/all.json']) {
      const miss = await counted(path, {}, variantWorker);
      expect(miss.response.status).toBe(200);
      const body = await miss.response.text();
      const hit = await counted(path, {}, variantWorker);
      expect(hit.response.status).toBe(200);
      expect(await hit.response.text()).toBe(body);
      expect(hit.queries).toBe(0);
      const etag = hit.response.headers.get('etag') ?? '';
      const notModified = await counted(path, { headers: { 'If-None-Match': etag } }, variantWorker);
      expect(notModified.response.status).toBe(304);
      expect(notModified.queries).toBe(0);
    }
  });

  it('reads D1 once for a variant whose feed is not cached here, then caches the feed too', async () => {
    await openDefaultCache()?.delete?.(renditionCacheKey('http://lede.test', 'vary', 'json'));
    const first = await counted('/feeds/vary.json?limit=1', {}, variantWorker);
    expect(first.response.status).toBe(200);
    expect(first.queries).toBeGreaterThan(0);
    await first.response.text();
    const plain = await counted('/feeds/vary.json', {}, variantWorker);
    expect(plain.queries).toBe(0);
    await plain.response.text();
    const again = await counted('/feeds/vary.json?limit=1', {}, variantWorker);
    expect(again.queries).toBe(0);
    await again.response.text();
  });

  it('serves a refresh’s new items in a cached variant at once where it was published', async () => {
    const before = await counted('/feeds/vary.rss?limit=5', {}, variantWorker);
    expect(await before.response.text()).not.toContain('Edge story 3');
    await addStory(3);
    await tick(variantWorker, workerEnv, Date.now() + 24 * FIVE_MINUTES);
    const after = await counted('/feeds/vary.rss?limit=5', {}, variantWorker);
    expect(await after.response.text()).toContain('Edge story 3');
    const hit = await counted('/feeds/vary.rss?limit=5', {}, variantWorker);
    expect(hit.queries).toBe(0);
    expect(await hit.response.text()).toContain('Edge story 3');
  });

  it('answers 410 at once for a cached variant after a takedown served here', async () => {
    const warm = await counted('/feeds/vary.rss?limit=1', {}, variantWorker);
    expect(warm.response.status).toBe(200);
    await warm.response.body?.cancel();
    const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const takedown = await request(variantWorker, workerEnv, '/admin/takedown/vary', { method: 'POST', headers: auth });
    expect(takedown.status).toBe(200);
    expect((await request(variantWorker, workerEnv, '/feeds/vary.rss?limit=1')).status).toBe(410);
    expect((await request(variantWorker, workerEnv, '/feeds/all.rss')).status).not.toBe(200);
  });
});
