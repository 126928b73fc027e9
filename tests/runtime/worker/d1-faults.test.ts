/**
 * @module tests/runtime/worker/d1-faults
 * What the Worker does when D1 fails, inside workerd. A real D1 outage cannot be produced here, so the one
 * acceptable fake: the real local D1 binding, wrapped to throw, on chosen statements, the errors D1 gives
 * (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list) — everything else reaches the real
 * database. Shown:
 *  - D1 full on every write: feeds keep being served (reads work), a refresh reports a `storage` error saying
 *    the database is full, and nothing is half-published — the feed's bytes and records stay as they were;
 *  - writes of renditions failing: the items are stored, the refresh reports `storage`, the served feed is the
 *    last good one, and once D1 heals the next run publishes what was stored;
 *  - D1 unreachable for reads (`Network connection lost`): a feed request is 503 with `Retry-After`, not a 500 —
 *    even one the Cache API holds, whose key needs the rendition's ETag from D1 — and /healthz is 503 `failing`,
 *    saying the store cannot be read.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';
import { envWith, request, testStore, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();
const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

const FULL = 'D1_ERROR: Exceeded maximum DB size.';
const LOST = 'D1_ERROR: Network connection lost.';
const isWrite = (sql: string) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
const isRead = (sql: string) => /^\s*(SELECT|WITH)\b/i.test(sql);

/** A statement that throws `message` from first/all/run when `failing(sql)`, and is the real one otherwise. */
function faultyStatement(real: D1PreparedStatement, sql: string, failing: (sql: string) => boolean, message: string) {
  const fail = () => Promise.reject(new Error(message));
  return new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'bind')
        return (...values: unknown[]) => faultyStatement(target.bind(...values), sql, failing, message);
      if ((property === 'first' || property === 'all' || property === 'run' || property === 'raw') && failing(sql))
        return fail;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The real D1 binding, with `message` thrown by the statements `failing` picks. */
function faultyD1(failing: (sql: string) => boolean, message: string): D1Database {
  const real: D1Database = env.DB;
  return new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'prepare') return (sql: string) => faultyStatement(target.prepare(sql), sql, failing, message);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const healthy = envWith({ ARTICLE_QUEUE: undefined });
const faulty = (failing: (sql: string) => boolean, message: string) =>
  envWith({ ARTICLE_QUEUE: undefined, DB: faultyD1(failing, message) });

function definition(prefix: string): object {
  return {
    title: `D1 faults ${prefix}`,
    site: `${site.origin}/`,
    source: { type: 'feed', url: site.url(`${prefix}/rss`) },
    article: { content: '.article__body' },
    license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
  };
}

/** A feed source under `prefix` with `count` stories, newest first; resolves to the stories' URLs. */
async function publishStories(prefix: string, from: number, count: number, links: object[] = []): Promise<string[]> {
  const urls: string[] = [];
  for (let n = from; n < from + count; n++) {
    const title = `D1 fault story ${n}`;
    const published = `2025-03-13T10:${String(10 + n)}:00+05:00`;
    const paragraphs = [`The first paragraph of story ${n} has words enough to count.`, `Story ${n} says more.`];
    const url = await site.addArticle({ path: `${prefix}/news/${n}/story`, title, paragraphs, published });
    links.unshift({ url, title, published });
    urls.push(url);
  }
  await site.setFile(`${prefix}/rss`, renderRss('D1 faults', links as never));
  return urls;
}

interface Report {
  ok: boolean;
  errors: { code: string; message: string }[];
}

describe('D1 full on every write', () => {
  const prefix = uniquePrefix('d1-full');
  const worker = workerFor({ full: definition(prefix) });
  const links: object[] = [];
  let before = '';
  let etag = '';
  beforeAll(async () => {
    await publishStories(prefix, 1, 2, links);
    await tick(worker, healthy, Date.now());
    const response = await request(worker, healthy, '/feeds/full.rss');
    etag = response.headers.get('etag') ?? '';
    before = await response.text();
  });

  it('serves the feed, reports a storage error from the refresh, and publishes nothing half-way', async () => {
    const [added] = await publishStories(prefix, 3, 1, links);
    const broken = faulty(isWrite, FULL);
    const served = await request(worker, broken, '/feeds/full.rss');
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(before);

    const refreshed = await request(worker, broken, '/admin/refresh/full', { method: 'POST', headers: auth });
    expect(refreshed.status).toBe(200);
    const report = (await refreshed.json()) as Report;
    expect(report.ok).toBe(false);
    expect(report.errors.map((error) => error.code)).toContain('storage');
    expect(report.errors.map((error) => error.message).join('\n')).toMatch(/D1 database \(binding DB\) is full/);

    // Nothing half-published: the same bytes under the same ETag, and no record of the new story.
    const after = await request(worker, healthy, '/feeds/full.rss');
    expect(after.headers.get('etag')).toBe(etag);
    expect(await after.text()).toBe(before);
    expect((await testStore().listPublished('full', 50)).map((record) => record.sourceUrl)).not.toContain(added);
  });
});

describe('D1 refusing the writes of renditions', () => {
  const prefix = uniquePrefix('d1-renditions');
  const worker = workerFor({ renditions: definition(prefix) });
  const links: object[] = [];
  let before = '';
  beforeAll(async () => {
    await publishStories(prefix, 1, 2, links);
    await tick(worker, healthy, Date.now());
    before = await (await request(worker, healthy, '/feeds/renditions.json')).text();
  });

  it('keeps the last good feed, reports storage, and publishes the stored items once D1 heals', async () => {
    const [added] = await publishStories(prefix, 3, 1, links);
    const broken = faulty((sql) => isWrite(sql) && /\brenditions\b/i.test(sql), FULL);
    const refreshed = await request(worker, broken, '/admin/refresh/renditions', { method: 'POST', headers: auth });
    const report = (await refreshed.json()) as Report;
    expect(report.errors.map((error) => error.code)).toContain('storage');

    const served = await request(worker, broken, '/feeds/renditions.json');
    expect(await served.text()).toBe(before);
    // A write D1 refuses is not recorded in D1 either: /healthz answers from the last state stored (as a
    // full disk on Node), the refresh's own report above and its log line carry the storage error.
    expect((await request(worker, broken, '/healthz')).status).toBe(200);

    await request(worker, healthy, '/admin/refresh/renditions', { method: 'POST', headers: auth });
    const healed = (await (await request(worker, healthy, '/feeds/renditions.json')).json()) as {
      items: { url: string }[];
    };
    expect(healed.items.map((item) => item.url)).toContain(added);
    expect(new Set(healed.items.map((item) => item.url)).size).toBe(healed.items.length);
  });
});

describe('D1 unreachable for reads', () => {
  const prefix = uniquePrefix('d1-lost');
  const worker = workerFor({ lost: definition(prefix) });
  beforeAll(async () => {
    await publishStories(prefix, 1, 2);
    await tick(worker, healthy, Date.now());
    // Warm the Cache API (publishing already wrote the entry; this read makes sure of it).
    await (await request(worker, healthy, '/feeds/lost.rss')).text();
  });

  it('serves a feed the Cache API holds without D1, answers what needs D1 with 503 + Retry-After, never a 500', async () => {
    const broken = faulty(isRead, LOST);
    const cached = await request(worker, broken, '/feeds/lost.rss');
    expect(cached.status).toBe(200);
    expect(await cached.text()).toContain('<rss');
    // A feed variant is rendered from D1's records, which cannot be read now.
    const feed = await request(worker, broken, '/feeds/lost.rss?limit=1');
    expect(feed.status).toBe(503);
    expect(feed.headers.get('retry-after')).toBe('60');
    expect(await feed.json()).toEqual({ error: 'storage unavailable, try again shortly' });

    const health = await request(worker, broken, '/healthz');
    expect(health.status).toBe(503);
    const body = (await health.json()) as {
      status: string;
      store: { readable: boolean; error: { code: string; message: string } };
    };
    expect(body.status).toBe('failing');
    expect(body.store.readable).toBe(false);
    expect(body.store.error.code).toBe('storage');
    expect(body.store.error.message).toMatch(/unreachable for now.*Network connection lost/);

    // Healed, it serves again.
    expect((await request(worker, healthy, '/feeds/lost.rss?limit=1')).status).toBe(200);
  });
});
