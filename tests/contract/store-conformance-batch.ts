/**
 * @module tests/contract/store-conformance-batch
 * `putArticles` for every backend: each record stored exactly as `putArticle` stores it (a whole-record upsert),
 * however many batches the list takes, and under the same guards — nothing while the feed is taken down, nothing
 * for a URL retention pruned.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord, Store } from '../../src/core/store.ts';
import { makeReady, makeRecord, newFeedId } from './store-conformance-records.ts';

const day = (d: number) => `2025-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;
const url = (n: number) => `https://e.kz/${String(n)}`;

/** `count` records of a feed: pending ones, a ready one every fifth, discovered in URL order. */
function makeRecords(feedId: string, count: number): ArticleRecord[] {
  return Array.from({ length: count }, (_, n) =>
    n % 5 === 0 ? makeReady(feedId, url(n), day(2), day(1)) : makeRecord(feedId, url(n), { discoveredAt: day(1) }),
  );
}

/** @example describePutArticles(getStore) */
export function describePutArticles(getStore: () => Store): void {
  describe('putArticles', () => {
    it('stores every record as putArticle does, over several batches, replacing whole records', async () => {
      const feedId = newFeedId('batch');
      const store = getStore();
      await store.putArticle(
        makeRecord(feedId, url(1), { attempts: 2, etag: '"old"', error: { code: 'timeout', message: 'slow' } }),
      );
      const records = makeRecords(feedId, 120);
      await store.putArticles(records);
      for (const record of records) expect(await store.getArticle(feedId, record.sourceUrl)).toStrictEqual(record);
      expect(await store.countPending(feedId)).toBe(96);
      expect(await store.countPublished(feedId)).toBe(24);
    });

    it('writes nothing while the feed is taken down, nor for a URL retention pruned', async () => {
      const [down, pruned] = [newFeedId('batch-down'), newFeedId('batch-pruned')];
      const store = getStore();
      await store.takeDown({ feedId: down, at: day(1) });
      await store.putArticles(makeRecords(down, 3));
      expect(await store.getArticle(down, url(1))).toBeUndefined();
      for (let n = 1; n <= 3; n++) await store.putArticle(makeReady(pruned, url(n), day(n), day(n)));
      expect(await store.pruneArticles(pruned, { keep: 2, before: day(20), limit: 10, now: day(30) })).toBe(1);
      await store.putArticles([makeRecord(pruned, url(1)), makeRecord(pruned, url(4))]);
      expect(await store.getArticle(pruned, url(1))).toBeUndefined();
      expect(await store.getArticle(pruned, url(4))).toStrictEqual(makeRecord(pruned, url(4)));
    });

    it('does nothing for no records', async () => {
      const feedId = newFeedId('batch-none');
      await getStore().putArticles([]);
      expect(await getStore().countPending(feedId)).toBe(0);
    });
  });
}
