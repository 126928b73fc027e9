/**
 * @module tests/runtime/worker/isolate
 * The Worker builds its Hono app once per isolate, at the first request, and passes each invocation's own
 * dependencies through it (docs/workers.md, "Isolate lifecycle"): a 304 — the hot path of feed readers —
 * never pays for building an app.
 *
 * Construction is observed, not timed: building the app mounts its route groups with `app.route()`
 * (src/core/serve/app.ts), so the calls to `Hono.prototype.route` count the apps built. The count is
 * checked to move when an app is built (a fresh Worker), so it cannot pass by seeing nothing.
 */
import { Hono, type ExecutionContext } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkerEnv } from '../../../src/runtime/worker/env.ts';
import { openDefaultCache, renditionCacheKey } from '../../../src/runtime/worker/cache.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { envWith, request, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();
const prefix = uniquePrefix('isolate');
const definitions = {
  once: {
    title: 'Built once',
    site: `${site.origin}/`,
    source: { type: 'feed', url: site.url(`${prefix}/rss`) },
    article: { content: '.article__body' },
    license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
  },
};
const workerEnv = envWith({ ARTICLE_QUEUE: undefined });
const routeCalls = vi.spyOn(Hono.prototype, 'route');
const builds = () => routeCalls.mock.calls.length;

const links: { url: string; title: string; published: string }[] = [];

async function addStory(n: number): Promise<void> {
  const title = `Built once, story ${n}`;
  const published = `2025-03-13T10:0${n}:00+05:00`;
  const paragraphs = [`The first paragraph of story ${n} has enough words to count.`, 'The second says a little more.'];
  const url = await site.addArticle({ path: `${prefix}/news/${n}/story`, title, paragraphs, published });
  links.unshift({ url, title, published });
  await site.setFile(`${prefix}/rss`, renderRss('Built once', links));
}

/** A context that records the work each invocation hands to `waitUntil`, and runs it to the end. */
function recordingContext(): ExecutionContext & { readonly deferred: Promise<unknown>[] } {
  const deferred: Promise<unknown>[] = [];
  return { deferred, waitUntil: (work) => void deferred.push(work), passThroughOnException() {}, props: {} };
}

describe('Isolate lifecycle: one app per isolate', () => {
  const worker = workerFor(definitions);

  beforeAll(() => addStory(1));
  afterAll(() => routeCalls.mockRestore());

  it('builds no app for a Cron Trigger tick', async () => {
    const before = builds();
    await tick(worker, workerEnv, Date.now());
    expect(builds()).toBe(before);
  });

  it('builds the app at the first request, then never again: 304s, 200s, admin, 404, ticks', async () => {
    const before = builds();
    const first = await request(worker, workerEnv, '/feeds/once.json');
    expect(first.status).toBe(200);
    const perApp = builds() - before;
    expect(perApp).toBeGreaterThan(0);
    const etag = first.headers.get('etag') ?? '';
    await first.body?.cancel();
    for (let i = 0; i < 50; i++) {
      const notModified = await request(worker, workerEnv, '/feeds/once.json', { headers: { 'If-None-Match': etag } });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('etag')).toBe(etag);
    }
    for (const path of ['/feeds/once.rss', '/feeds/once.atom', '/healthz', '/', '/nope'])
      await (await request(worker, workerEnv, path)).body?.cancel();
    const admin = { method: 'POST', headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } };
    expect((await request(worker, workerEnv, '/admin/refresh/once', admin)).status).toBe(200);
    await tick(worker, workerEnv, Date.now() + 60 * 60_000);
    expect((await request(worker, workerEnv, '/feeds/once.json', { headers: { 'If-None-Match': etag } })).status).toBe(
      304,
    );
    expect(builds()).toBe(before + perApp);
    // The count does see a construction: another Worker builds its own app at its first request.
    await (await request(workerFor(definitions), workerEnv, '/feeds/once.json')).body?.cancel();
    expect(builds()).toBe(before + 2 * perApp);
  });

  it('hands each invocation’s own ctx its work: a cache write to the miss’s, nothing to a 304’s', async () => {
    await addStory(2);
    await tick(worker, workerEnv, Date.now() + 2 * 60 * 60_000);
    // The tick's publish wrote the new bytes to the cache; a miss is what this test follows.
    await openDefaultCache()?.delete?.(renditionCacheKey('http://lede.test', 'once', 'atom'));
    const miss = recordingContext();
    const response = await worker.fetch(new Request('http://lede.test/feeds/once.atom'), workerEnv, miss);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Built once, story 2');
    expect(miss.deferred).toHaveLength(1); // the new bytes, written to the Cache API after the response
    await Promise.all(miss.deferred);
    const headers = { 'If-None-Match': response.headers.get('etag') ?? '' };
    const notModified = recordingContext();
    const answer = await worker.fetch(
      new Request('http://lede.test/feeds/once.atom', { headers }),
      workerEnv,
      notModified,
    );
    expect(answer.status).toBe(304);
    expect(notModified.deferred).toHaveLength(0);
  });

  it('reads each invocation’s bindings from its own env: another env object is another isolate', async () => {
    const otherEnv = envWith({ ARTICLE_QUEUE: undefined, ADMIN_TOKEN: 'another-token' });
    const refresh = (env: WorkerEnv, token: string) =>
      request(worker, env, '/admin/refresh/once', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const before = builds();
    expect((await refresh(otherEnv, TEST_ADMIN_TOKEN)).status).toBe(401);
    expect((await refresh(otherEnv, 'another-token')).status).toBe(200);
    expect(builds()).toBeGreaterThan(before);
    expect((await refresh(workerEnv, TEST_ADMIN_TOKEN)).status).toBe(200);
  });
});
