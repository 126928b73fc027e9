/**
 * @module tests/runtime/worker/combined-miss
 * A combined feed the cache misses, on D1: rendered in a fixed few D1 queries however many feeds it combines
 * (src/core/serve/variant-page.ts), so 60 feeds fit in the Free plan's 50 subrequests and D1 queries an
 * invocation (until session 19 each feed cost a query, and each record one per feed for its duplicate check),
 * and reading as many rows whatever the feeds' history. The counts, from D1's own `meta`, are logged for
 * docs/workers.md ("Caching").
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../src/core/store.ts';
import { makeAudit, makeItem, makeRecord } from '../../contract/store-conformance-records.ts';
import { countingCache, countRowsRead, envWith, request, testStore, workerFor, type Tally } from './worker-helpers.ts';

/** Workers Free: subrequests (a Cache API call is one) and D1 queries an invocation. */
const FREE_LIMIT = 50;
const NEWEST = Date.parse('2026-01-01T00:00:00Z');

const definition = {
  title: 'Many',
  site: 'https://example.kz/',
  source: { type: 'feed', url: 'https://example.kz/rss' },
  article: { content: '.article__body' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
};

/** `history` records for each feed, their dates interleaved across the feeds, and the feeds' renditions. */
async function seed(ids: readonly string[], history: number): Promise<void> {
  const store = testStore();
  for (const [index, feedId] of ids.entries()) {
    const records: ArticleRecord[] = Array.from({ length: history }, (_, n) => {
      const at = new Date(NEWEST - (n * ids.length + index) * 60_000).toISOString();
      const url = `https://example.kz/${feedId}/${String(n)}`;
      const item = makeItem(url, at);
      return makeRecord(feedId, url, { state: 'ready', discoveredAt: at, fetchedAt: at, item, audit: makeAudit() });
    });
    await store.putArticles(records);
    for (const format of ['rss', 'atom', 'json'] as const)
      await store.putRendition({
        feedId,
        format,
        body: 'x',
        etag: `"${feedId}"`,
        lastModified: new Date(NEWEST).toISOString(),
      });
  }
}

/** A GET of `/feeds/all.json` over `count` new feeds of `history` records each: a miss (its ids are new). */
async function missCombined(count: number, history: number) {
  const tag = crypto.randomUUID().slice(0, 8);
  const ids = Array.from({ length: count }, (_, index) => `miss-${tag}-${String(index).padStart(2, '0')}`);
  await seed(ids, history);
  const tally: Tally = { rows: 0, written: 0, queries: 0 };
  const calls = { match: 0, put: 0, delete: 0 };
  const worker = workerFor(Object.fromEntries(ids.map((id) => [id, definition])), {
    openCache: () => countingCache(calls),
  });
  const workerEnv = envWith({ ARTICLE_QUEUE: undefined, DB: countRowsRead(env.DB, tally) });
  const response = await request(worker, workerEnv, '/feeds/all.json');
  expect(response.status).toBe(200);
  const items = ((await response.json()) as { items: unknown[] }).items.length;
  const subrequests = calls.match + calls.put + calls.delete;
  console.log(
    `combined miss, ${String(count)} feeds × ${String(history)} records: ${String(tally.queries)} D1 queries, ` +
      `${String(tally.rows)} rows read, ${String(subrequests)} Cache API calls, ${String(items)} items`,
  );
  return { ...tally, subrequests, items };
}

describe('a combined feed the cache misses, on D1', () => {
  it('renders 60 feeds within the Free plan’s 50 queries, in as many queries as 10 feeds', async () => {
    const ten = await missCombined(10, 60);
    const sixty = await missCombined(60, 60);
    expect(sixty.items).toBe(50);
    // The validators, every feed's newest records, and their duplicate check: one statement each.
    expect(sixty.queries).toBe(ten.queries);
    expect(sixty.queries).toBeLessThanOrEqual(3);
    expect(sixty.queries + sixty.subrequests).toBeLessThan(FREE_LIMIT);
  }, 120_000);

  it('reads as many rows whatever the feeds’ history', async () => {
    const short = await missCombined(12, 60);
    const long = await missCombined(12, 200);
    expect(long.queries).toBe(short.queries);
    // An index walk may read the entry after its last match too.
    expect(Math.abs(long.rows - short.rows)).toBeLessThanOrEqual(12);
  }, 120_000);
});
