/**
 * @module tests/runtime/worker/cpu
 * CPU per request of serving a cached feed, measured inside workerd (docs/workers.md, "Measured").
 *
 * Method. In production, a Worker's clocks only advance when it does I/O (a Spectre mitigation), so a
 * Worker cannot time its own CPU. The local workerd of the test pool keeps a running clock (checked
 * below), so the Worker's `fetch` can be timed here in a loop, as long as nothing in the loop waits on
 * I/O: D1 is replaced by a replay of the rows the real D1 returned for the same requests, and the Cache
 * API by an in-memory cache. Everything the Worker itself runs per request is timed — the app, routing,
 * the D1 store and its row mapping, the cache decorator, the 304 decision, headers, the Response — but
 * not D1's and the cache's own work, which runs outside the Worker in production (the JS of the D1
 * binding wrapper is excluded too). The best of several batches is reported, as the least disturbed by
 * other processes on the machine. A second figure, with the real local D1 and Cache API, is wall time
 * per request including Miniflare's simulators: an upper bound.
 *
 * The refresh side is timed the same way (pages served from memory), for the Free plan's 10 ms of CPU
 * per invocation: one article through fetch → extract → license, and one publication of 50 items.
 */
import type { D1Database } from '@cloudflare/workers-types';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EdgeCache } from '../../../src/runtime/worker/edge-cache.ts';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { silentLog } from '../../helpers/silent-log.ts';
import { processArticle } from '../../../src/core/refresh/process-article.ts';
import { computeEtag, publishFeed } from '../../../src/core/refresh/publish-feed.ts';
import type { FeedItem } from '../../../src/core/types.ts';
import type { ArticleRecord, Store } from '../../../src/core/store.ts';
import { createLedeWorker, type LedeWorker } from '../../../src/runtime/worker/handlers.ts';
import type { WorkerEnv } from '../../../src/runtime/worker/env.ts';
import { fixtureFeedFiles, toDefinitionFiles } from './fixture-feeds.ts';
import { fixtureSite } from './fixture-control.ts';
import { envWith, request, testStore, tick } from './worker-helpers.ts';

type Tape = Map<string, unknown>;
/** The feed variant timed: a page of five items matched by a text filter. */
const VARIANT_QUERY = 'limit=5&q=the';
const keyOf = (sql: string, params: unknown[]) => JSON.stringify([sql, params]);

/** D1 that records what each statement returned (first/all), for `replayD1`. */
function recordingD1(db: D1Database, tape: Tape): D1Database {
  const prepare = (sql: string) => ({
    bind: (...params: unknown[]) => {
      const bound = db.prepare(sql).bind(...params);
      const record = <T>(result: T) => (tape.set(keyOf(sql, params), result), result);
      return {
        first: async () => record(await bound.first()),
        all: async () => record(await bound.all()),
        run: () => bound.run(),
      };
    },
  });
  return { prepare } as unknown as D1Database;
}

/** D1 answering from a tape without I/O. */
function replayD1(tape: Tape): D1Database {
  const prepare = (sql: string) => ({
    bind: (...params: unknown[]) => ({
      first: () => Promise.resolve(tape.get(keyOf(sql, params)) ?? null),
      all: () => Promise.resolve(tape.get(keyOf(sql, params)) ?? { results: [] }),
      run: () => Promise.resolve({ success: true, meta: {} }),
    }),
  });
  return { prepare } as unknown as D1Database;
}

/** An in-memory cache that, like the Cache API, hands back bytes: `match` encodes nothing. */
function memoryCache(): EdgeCache {
  const entries = new Map<string, { body: Uint8Array; headers: [string, string][] }>();
  return {
    match: (key) => {
      const entry = entries.get(key);
      return Promise.resolve(entry && new Response(entry.body, { headers: entry.headers }));
    },
    put: async (key, response) =>
      void entries.set(key, { body: new Uint8Array(await response.arrayBuffer()), headers: [...response.headers] }),
  };
}

/** A timer turn: the only way out of a CPU-only stretch, and where workerd's clock is read. */
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Milliseconds per request: the best and the median of `batches` batches of `count`. */
async function timeRequests(worker: LedeWorker, workerEnv: WorkerEnv, make: () => Request, count: number, batches = 5) {
  const pending: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (promise: Promise<unknown>) => void pending.push(promise),
    passThroughOnException() {},
    props: {},
  };
  const results: number[] = [];
  for (let batch = -1; batch < batches; batch++) {
    await turn();
    const start = performance.now();
    for (let i = 0; i < count; i++) await (await worker.fetch(make(), workerEnv, ctx)).body?.cancel();
    await Promise.all(pending.splice(0));
    await turn();
    if (batch >= 0) results.push((performance.now() - start) / count); // batch −1 warms up
  }
  results.sort((a, b) => a - b);
  return { best: results[0] ?? Number.NaN, median: results[Math.floor(results.length / 2)] ?? Number.NaN };
}

describe('CPU per request (workerd)', () => {
  const files = toDefinitionFiles({ bench: fixtureFeedFiles(fixtureSite().origin)['monitor'] ?? '' });
  const tape: Tape = new Map();
  const url = 'http://lede.test/feeds/bench.rss';
  let etag = '';
  let bigBytes = 0;

  beforeAll(async () => {
    const real = createLedeWorker(files);
    await tick(real, envWith({ ARTICLE_QUEUE: undefined }), Date.now());
    // One pass through the real D1 for each kind of request, recorded for the replay.
    const recording = createLedeWorker(files, { openCache: () => undefined });
    const recordingEnv = envWith({ DB: recordingD1(env.DB, tape) });
    etag = (await request(recording, recordingEnv, '/feeds/bench.rss')).headers.get('etag') ?? '';
    await request(recording, recordingEnv, '/feeds/bench.rss', { headers: { 'If-None-Match': etag } });
    // A big feed too: 50 items of long excerpts render to about 200 KB of Atom.
    const body = (await (await request(real, envWith({}), '/feeds/bench.atom')).text()).replace(
      /<entry[\s>][\s\S]*<\/entry>/,
      (entries) => entries.repeat(40),
    );
    await testStore().putRendition({
      feedId: 'bench',
      format: 'atom',
      body,
      etag: await computeEtag(body),
      lastModified: new Date().toISOString(),
    });
    bigBytes = new TextEncoder().encode(body).length;
    await request(recording, recordingEnv, '/feeds/bench.atom');
    await request(recording, recordingEnv, `/feeds/bench.rss?${VARIANT_QUERY}`);
  });

  it('keeps a running clock in the test pool’s workerd (so a CPU-only loop can be timed)', async () => {
    await turn();
    const start = performance.now();
    let spin = 0;
    while (performance.now() - start < 5) spin++;
    expect(spin).toBeGreaterThan(0);
  });

  // Timings are printed for docs/workers.md, never asserted: they depend on the machine and its load.
  it('measures the Worker’s CPU per cached request (printed)', async () => {
    const replayEnv = envWith({ DB: replayD1(tape) });
    const cache = memoryCache();
    const cached = createLedeWorker(files, { openCache: () => cache });
    const hit = await timeRequests(cached, replayEnv, () => new Request(url), 500);
    const notModified = await timeRequests(
      cached,
      replayEnv,
      () => new Request(url, { headers: { 'If-None-Match': etag } }),
      500,
    );
    const big = await timeRequests(cached, replayEnv, () => new Request('http://lede.test/feeds/bench.atom'), 200);
    const uncached = await timeRequests(
      createLedeWorker(files, { openCache: () => undefined }),
      replayEnv,
      () => new Request(url),
      500,
    );
    const real = await timeRequests(createLedeWorker(files), envWith({}), () => new Request(url), 200, 3);
    const row = (name: string, r: { best: number; median: number }) =>
      `  ${name.padEnd(58)} best ${r.best.toFixed(3)} ms, median ${r.median.toFixed(3)} ms`;
    console.log(
      [
        'CPU per request in workerd:',
        row('GET, cached (200 from the cache)', hit),
        row('GET, If-None-Match (304 from the validators)', notModified),
        row(`GET, cached, a ${Math.round(bigBytes / 1024)} KiB feed`, big),
        row('GET, no cache (body from D1)', uncached),
        row('GET, real local D1 + Cache API (wall, simulators included)', real),
      ].join('\n'),
    );
    for (const result of [hit, notModified, big, uncached, real]) expect(result.best).toBeGreaterThan(0);
  }, 120_000);

  it('measures the Worker’s CPU per feed variant, cached and rendered (printed)', async () => {
    const replayEnv = envWith({ DB: replayD1(tape) });
    const variant = () => new Request(`${url}?${VARIANT_QUERY}`);
    const cache = memoryCache();
    const cached = await timeRequests(createLedeWorker(files, { openCache: () => cache }), replayEnv, variant, 300);
    const renderer = createLedeWorker(files, { openCache: () => undefined });
    // The replay holds the variant's rows: what is timed is a real page of items, not an error.
    const page = await request(renderer, replayEnv, `/feeds/bench.rss?${VARIANT_QUERY}`);
    expect(page.status).toBe(200);
    expect((await page.text()).match(/<item>/g)).toHaveLength(5);
    const rendered = await timeRequests(renderer, replayEnv, variant, 100);
    const row = (name: string, r: { best: number; median: number }) =>
      `  ${name.padEnd(58)} best ${r.best.toFixed(3)} ms, median ${r.median.toFixed(3)} ms`;
    console.log(
      [
        `CPU per feed variant (?${VARIANT_QUERY}) in workerd:`,
        row('GET, cached (200 from the cache)', cached),
        row('GET, rendered (records from D1, licence, renderer)', rendered),
      ].join('\n'),
    );
    for (const result of [cached, rendered]) expect(result.best).toBeGreaterThan(0);
  }, 120_000);

  it('reports the CPU of refresh work: one article, and publishing 50 items in three formats', async () => {
    const site = fixtureSite();
    const parsed = parseFeedDefinition(
      'bench',
      JSON.parse(fixtureFeedFiles(site.origin)['monitor'] ?? '{}'),
      'bench.json',
    );
    if (!parsed.ok) throw new Error('fixture definition must be valid');
    const paths = [
      '/politics/1101/senate-backs-water-code-overhaul',
      '/society/1104/steppe-village-schools-get-satellite-internet',
      '/culture/1107/nauryz-auyldagy-koktem',
    ];
    const pages = new Map(
      await Promise.all(
        paths.map(async (path) => [site.url(path), await (await fetch(site.url(path))).text()] as const),
      ),
    );
    const deps: CoreDeps = {
      fetchPage: ({ url }) =>
        Promise.resolve({
          status: 'ok',
          url,
          body: pages.get(url) ?? '',
          contentType: 'text/html; charset=utf-8',
        }),
      store: { getSiteSignals: () => Promise.resolve(undefined), putSiteSignals: async () => {} } as unknown as Store,
      clock: () => new Date(),
      log: silentLog,
    };
    const records: ArticleRecord[] = [...pages.keys()].map((url) => ({
      feedId: 'bench',
      sourceUrl: url,
      entryHash: '',
      entry: { url },
      state: 'pending',
      attempts: 0,
      discoveredAt: '2025-03-13T00:00:00.000Z',
    }));
    const items: FeedItem[] = [];
    for (const record of records) items.push((await processArticle(deps, parsed.definition, record)).item as FeedItem); // warm up
    await turn();
    let start = performance.now();
    for (let round = 0; round < 5; round++)
      for (const record of records) await processArticle(deps, parsed.definition, record);
    await turn();
    const perArticle = (performance.now() - start) / (5 * records.length);
    const fifty = Array.from({ length: 50 }, (_, i) => ({
      ...(items[i % items.length] as FeedItem),
      id: `${site.origin}/n/${i}`,
      url: `${site.origin}/n/${i}`,
    }));
    const published = fifty.map((item) => ({
      ...(records[0] as ArticleRecord),
      sourceUrl: item.url,
      state: 'ready' as const,
      item,
    }));
    const store = {
      ...deps.store,
      listPublished: () => Promise.resolve(published),
      getRenditionValidators: () => Promise.resolve(undefined),
      putRendition: async () => {},
    } as Store;
    await publishFeed({ ...deps, store }, parsed.definition, 'http://lede.test');
    await turn();
    start = performance.now();
    for (let round = 0; round < 10; round++)
      await publishFeed({ ...deps, store }, parsed.definition, 'http://lede.test');
    await turn();
    const perPublish = (performance.now() - start) / 10;
    const sizes = [...pages.values()].map((page) => `${Math.round(page.length / 1024)} KiB`).join(', ');
    console.log(
      `Refresh CPU in workerd (warm):\n  one article (${sizes} pages) fetched from memory, extracted, licensed: ${perArticle.toFixed(2)} ms\n  publish 50 items in RSS, Atom and JSON Feed: ${perPublish.toFixed(2)} ms`,
    );
    expect(perArticle).toBeGreaterThan(0);
  }, 60_000);
});
