/**
 * @module tests/contract/store-conformance-retention
 * `pruneArticles` (retention) for every backend: what goes (published records past the newest `keep` and older
 * than `before`, item-less failures by discovery, oldest first, `limit` at a time), what stays (the newest `keep`
 * however old, anything discovered or dated after `before`, pending records), and the seen mark a pruned URL
 * leaves: `putArticle` of it is ignored in that feed only, until a takedown purges the feed.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/store.ts';
import { makeReady, makeRecord, newFeedId } from './store-conformance-records.ts';

const day = (d: number) => `2025-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const url = (n: number) => `https://e.kz/${n}`;
const urls = async (store: Store, feedId: string) =>
  (await store.listPublished(feedId, 100)).map((record) => record.sourceUrl);
const request = (extra: { keep?: number; before?: string; limit?: number } = {}) => ({
  keep: 2,
  before: day(20),
  limit: 100,
  now: day(30),
  ...extra,
});

/** Records 1…n of a feed, published and discovered on day n (so n is the newest). */
async function seed(store: Store, feedId: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await store.putArticle(makeReady(feedId, url(i), day(i), day(i)));
}

/** @example describeRetention(getStore) */
export function describeRetention(getStore: () => Store): void {
  describe('pruneArticles', () => {
    it('removes published records past the newest `keep` and before `before`, oldest first, `limit` at a time', async () => {
      const feedId = newFeedId('prune');
      const store = getStore();
      await seed(store, feedId, 8);
      expect(await store.pruneArticles(feedId, request({ limit: 3 }))).toBe(3);
      expect(await urls(store, feedId)).toEqual([8, 7, 6, 5, 4].map(url));
      expect(await store.pruneArticles(feedId, request())).toBe(3);
      expect(await urls(store, feedId)).toEqual([8, 7].map(url));
      expect(await store.pruneArticles(feedId, request())).toBe(0);
    });

    it('keeps records dated or discovered after `before`, pending ones, and other feeds', async () => {
      const [feedId, other] = [newFeedId('keep'), newFeedId('other')];
      const store = getStore();
      await seed(store, feedId, 4);
      await seed(store, other, 4);
      // Dated long ago but discovered after `before`; discovered long ago but dated after it; pending.
      await store.putArticle(makeReady(feedId, url(10), day(1), day(25)));
      await store.putArticle(makeReady(feedId, url(11), day(25), day(1)));
      await store.putArticle({ ...makeReady(feedId, url(12), day(1), day(1)), state: 'pending' });
      expect(await store.pruneArticles(feedId, request({ keep: 1 }))).toBe(4);
      expect(await urls(store, feedId)).toEqual([11, 10, 12].map(url));
      expect(await urls(store, other)).toHaveLength(4);
    });

    it('removes records given up on without an item by their discovery', async () => {
      const feedId = newFeedId('failed');
      const store = getStore();
      await store.putArticle(makeRecord(feedId, url(1), { state: 'failed', discoveredAt: day(1) }));
      await store.putArticle(makeRecord(feedId, url(2), { state: 'failed', discoveredAt: day(25) }));
      await store.putArticle(makeRecord(feedId, url(3), { state: 'pending', discoveredAt: day(1) }));
      expect(await store.pruneArticles(feedId, request({ keep: 0 }))).toBe(1);
      expect(await store.getArticle(feedId, url(1))).toBeUndefined();
      expect(await store.getArticle(feedId, url(2))).toBeDefined();
      expect(await store.countPending(feedId)).toBe(1);
    });

    it('marks a pruned URL as seen: writing it again is ignored in that feed, until a takedown purges the feed', async () => {
      const [feedId, other] = [newFeedId('seen'), newFeedId('elsewhere')];
      const store = getStore();
      await seed(store, feedId, 3);
      expect(await store.pruneArticles(feedId, request({ keep: 2 }))).toBe(1);
      await store.putArticle(makeRecord(feedId, url(1), { discoveredAt: day(29) }));
      expect(await store.getArticle(feedId, url(1))).toBeUndefined();
      expect(await store.countPending(feedId)).toBe(0);
      await store.putArticle(makeRecord(other, url(1)));
      expect(await store.getArticle(other, url(1))).toBeDefined();
      await store.takeDown({ feedId, at: day(30) });
      await store.liftTakedown(feedId);
      await store.putArticle(makeRecord(feedId, url(1)));
      expect(await store.getArticle(feedId, url(1))).toBeDefined();
    });

    it('with fewer published records than `keep`, or a limit of 0, removes nothing', async () => {
      const feedId = newFeedId('few');
      const store = getStore();
      await seed(store, feedId, 3);
      expect(await store.pruneArticles(feedId, request({ keep: 3 }))).toBe(0);
      expect(await store.pruneArticles(feedId, request({ keep: 0, limit: 0 }))).toBe(0);
      expect(await urls(store, feedId)).toHaveLength(3);
    });
  });
}
