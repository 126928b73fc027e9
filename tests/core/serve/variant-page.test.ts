/**
 * @module tests/core/serve/variant-page
 * The feed variants and the combined feed read every feed at once (src/core/serve/variant-page.ts), in a few
 * store queries (counted: a bound whatever the number of feeds and their rates), and answer byte for byte what the
 * per-feed scan answered (tests/helpers/feed-variant-before.ts, the code as it was): status, body, ETag and
 * Last-Modified, for random stores (articles several feeds carry, second source URLs of an article, ties, undated
 * and embargoed records) and random parameters (a fast-check property), and for stores past the scan limit, with
 * many feeds, and with feeds of drifting rates under a filter that matches nothing.
 */
import fc from 'fast-check';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import { encodeCursor } from '../../../src/core/serve/feed-query.ts';
import { serveFeedVariant } from '../../../src/core/serve/feed-variant.ts';
import type { ServeEnv, ServeOptions } from '../../../src/core/serve/serve-env.ts';
import type { ArticleRecord, Store } from '../../../src/core/store.ts';
import type { FeedDefinition, FeedFormat } from '../../../src/core/types.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { makeItem, makeRecord } from '../../contract/store-conformance-records.ts';
import { serveFeedVariant as serveFeedVariantBefore } from '../../helpers/feed-variant-before.ts';
import { silentLog } from '../../helpers/silent-log.ts';

const PUBLIC_URL = 'http://lede.test';
const NOW = new Date('2025-02-10T12:00:00Z');
type Serve = typeof serveFeedVariant;

function define(id: string, maxItems: number, delay?: string): FeedDefinition {
  const raw = {
    title: `Feed ${id}`,
    site: `https://${id}.example/`,
    source: { type: 'feed', url: `https://${id}.example/rss` },
    license: { maxShare: 0.3, attribution: `${id.toUpperCase()} News`, ...(delay ? { delay } : {}) },
    maxItems,
  };
  const result = parseFeedDefinition(id, raw, `${id}.json`);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

/** A Hono app serving `/feeds/{id}.{format}?…` with `serve` alone, as the feed route calls it. */
function appWith(serve: Serve, store: Store, feeds: readonly FeedDefinition[]) {
  const options: ServeOptions = {
    feeds: new Map(feeds.map((feed) => [feed.id, feed])),
    log: silentLog,
    clock: () => NOW,
  };
  const app = new Hono<ServeEnv>();
  app.use(async (c, next) => {
    c.set('store', store);
    await next();
  });
  app.get('/feeds/:file', async (c) => {
    const [id = '', format = 'json'] = c.req.param('file').split('.');
    const feed = id === 'all' ? undefined : feeds.find((candidate) => candidate.id === id);
    return (await serve(c, options, { format: format as FeedFormat, feed })) ?? c.text('not built', 503);
  });
  return app;
}

/** What a client sees of an answer: all of it that the variant decides. */
async function describeAnswer(response: Response) {
  const headers = ['etag', 'last-modified', 'content-type'].map((name) => response.headers.get(name));
  return { status: response.status, headers, body: await response.text() };
}

/** `store`, counting in `calls` the queries made through it (every method call is one query). */
function counting(store: Store, calls: { count: number }): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.count += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** Both implementations over one store, and the store queries of the new one's last answer (`queries()`). */
async function openPair(feeds: readonly FeedDefinition[]) {
  const store = await openSqliteStore(':memory:');
  for (const feed of feeds)
    for (const format of ['rss', 'atom', 'json'] as const)
      await store.putRendition({
        feedId: feed.id,
        format,
        body: 'x',
        etag: '"e"',
        lastModified: '2025-02-01T00:00:00.000Z',
      });
  const before = appWith(serveFeedVariantBefore, store, feeds);
  const calls = { count: 0 };
  const after = appWith(serveFeedVariant, counting(store, calls), feeds);
  const compare = async (path: string) => {
    calls.count = 0;
    const [expected, actual] = [
      await before.request(`${PUBLIC_URL}${path}`),
      await after.request(`${PUBLIC_URL}${path}`),
    ];
    expect({ path, ...(await describeAnswer(actual)) }).toStrictEqual({ path, ...(await describeAnswer(expected)) });
  };
  return { store, compare, queries: () => calls.count };
}

const POOL = Array.from({ length: 10 }, (_, n) => `https://shared.example/news/${String(n)}`);
const DAYS = Array.from({ length: 8 }, (_, day) => new Date(Date.UTC(2025, 1, 3 + day)).toISOString());

interface GeneratedRecord {
  readonly feed: number;
  readonly url: number;
  readonly id?: number | undefined;
  readonly published?: number | undefined;
  readonly discovered: number;
  readonly word: 'alpha' | 'beta';
}

const recordArbitrary: fc.Arbitrary<GeneratedRecord> = fc.record({
  feed: fc.integer({ min: 0, max: 5 }),
  url: fc.integer({ min: 0, max: POOL.length - 1 }),
  id: fc.option(fc.integer({ min: 0, max: POOL.length - 1 }), { nil: undefined }),
  published: fc.option(fc.integer({ min: 0, max: DAYS.length - 1 }), { nil: undefined }),
  discovered: fc.integer({ min: 0, max: 4 }),
  word: fc.constantFrom('alpha', 'beta'),
});

function toRecord(feedId: string, generated: GeneratedRecord): ArticleRecord {
  const url = POOL[generated.url] ?? '';
  const published = generated.published === undefined ? 'undated' : (DAYS[generated.published] ?? '');
  const item = makeItem(url, published, {
    id: generated.id === undefined ? url : (POOL[generated.id] ?? url),
    title: `Story ${generated.word}`,
    categories: [generated.word === 'alpha' ? 'Экономика' : 'Спорт'],
  });
  const discoveredAt = DAYS[generated.discovered] ?? '';
  return makeRecord(feedId, url, { state: 'ready', discoveredAt, fetchedAt: discoveredAt, item });
}

/** A parameter, absent three times in four, so that most pages show items. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

const queryArbitrary = fc.record({
  limit: sometimes(fc.integer({ min: 1, max: 7 })),
  category: sometimes(fc.constant('экономика')),
  q: sometimes(fc.constantFrom('alpha', 'story')),
  since: sometimes(fc.constantFrom(DAYS[2] ?? '', DAYS[5] ?? '')),
  after: sometimes(
    fc.record({
      published: fc.option(fc.constantFrom(...DAYS), { nil: null }),
      discoveredAt: fc.constantFrom(...DAYS.slice(0, 5)),
      feedId: fc.constantFrom('f0', 'f1', 'f2', 'f3', 'f5'),
      sourceUrl: fc.constantFrom(...POOL),
    }),
  ),
});

function toSearch(query: typeof queryArbitrary extends fc.Arbitrary<infer Q> ? Q : never): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.category !== undefined) params.set('category', query.category);
  if (query.q !== undefined) params.set('q', query.q);
  if (query.since !== undefined) params.set('since', query.since);
  if (query.after !== undefined) params.set('after', encodeCursor(query.after));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

describe('the one-statement reads answer what the per-feed scan answered', () => {
  it('for random stores and parameters, on the combined feed and a feed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            maxItems: fc.integer({ min: 1, max: 7 }),
            delay: fc.constantFrom(undefined, undefined, '1d', '4d'),
          }),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        fc.array(recordArbitrary, { maxLength: 40 }),
        queryArbitrary,
        fc.constantFrom<FeedFormat>('json', 'rss', 'atom'),
        async (shapes, records, query, format) => {
          const feeds = shapes.map(({ maxItems, delay }, index) => define(`f${String(index)}`, maxItems, delay));
          const pair = await openPair(feeds);
          for (const generated of records) {
            const feed = feeds[generated.feed % feeds.length];
            if (feed) await pair.store.putArticle(toRecord(feed.id, generated));
          }
          await pair.compare(`/feeds/all.${format}${toSearch(query)}`);
          await pair.compare(`/feeds/f0.${format}${toSearch(query)}`);
          await pair.store.close();
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('past the scan limit (a filter that matches only old records), and with 60 feeds', async () => {
    const feeds = [
      define('big', 50),
      define('small', 50),
      ...Array.from({ length: 58 }, (_, n) => define(`m${String(n)}`, 20)),
    ];
    const pair = await openPair(feeds);
    const at = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
    const records: ArticleRecord[] = [];
    for (let n = 0; n < 1200; n++) {
      const url = `https://big.example/${String(n)}`;
      const categories = [n % 400 === 399 ? 'Экономика' : 'Спорт'];
      const item = makeItem(url, at(n), { categories, title: `Story ${String(n)}` });
      records.push(makeRecord('big', url, { state: 'ready', discoveredAt: at(n), item }));
    }
    for (const [index, feed] of feeds.slice(1).entries())
      for (let n = 0; n < 30; n++) {
        // Every third article is one the feed before it carries too.
        const url =
          n % 3 === 0
            ? `https://shared.example/${String(index - 1)}/${String(n)}`
            : `https://${feed.id}.example/${String(n)}`;
        const item = makeItem(url, at(n * 7 + index), { categories: ['Спорт'] });
        records.push(makeRecord(feed.id, url, { state: 'ready', discoveredAt: at(n * 7 + index), item }));
        if (n % 3 === 0) {
          const next = `https://shared.example/${String(index)}/${String(n)}`;
          records.push(
            makeRecord(feed.id, next, { state: 'ready', discoveredAt: at(n * 5), item: makeItem(next, at(n * 7)) }),
          );
        }
      }
    await pair.store.putArticles(records);
    for (const search of [
      '',
      '?limit=1',
      '?limit=3&category=экономика',
      '?q=story%20399',
      '?limit=50',
      '?since=2025-02-10',
    ])
      for (const feed of ['all', 'big', 'small', 'm7']) {
        await pair.compare(`/feeds/${feed}.json${search}`);
        // The rendition's ETag, the feed's reads and the duplicates' lookup, whatever the number of feeds.
        // The renditions' validators, the reads and the duplicates' lookups: 9 at most here (56 for `all?limit=1`
        // when each duplicates check that left the page short took only as many candidates as still wanted).
        expect(pair.queries(), `${feed}${search}`).toBeLessThanOrEqual(10);
      }
    await pair.compare('/feeds/all.rss');
    await pair.compare('/feeds/all.atom?limit=7');
    await pair.store.close();
  }, 60_000);

  it('with 60 feeds of drifting rates under a filter that matches nothing, in a few queries', async () => {
    // Feed i publishes every 1 + 0.005·i minutes: the buffers' ends drift apart, which once cost a query a feed
    // and batch (187 queries here, past D1 Free's 50 an invocation).
    const feeds = Array.from({ length: 60 }, (_, n) => define(`d${String(n).padStart(2, '0')}`, 50));
    const pair = await openPair(feeds);
    const records: ArticleRecord[] = [];
    for (const [index, feed] of feeds.entries())
      for (let n = 0; n < 520; n++) {
        const at = new Date(NOW.getTime() - (n * (1 + 0.005 * index) + index * 0.001) * 60_000).toISOString();
        const url = `https://${feed.id}.example/${String(n)}`;
        records.push(makeRecord(feed.id, url, { state: 'ready', discoveredAt: at, item: makeItem(url, at) }));
      }
    await pair.store.putArticles(records);
    for (const search of ['?q=zzz', '?q=zzz&limit=5', '?category=economy', '?q=story', '?limit=1']) {
      await pair.compare(`/feeds/all.json${search}`);
      // The renditions' validators, then at most 2 + ⌈500 / 100⌉ rounds of reading, mostly one query each: 8 or 9.
      expect(pair.queries(), search).toBeLessThanOrEqual(10);
    }
    await pair.store.close();
  }, 120_000);
});
