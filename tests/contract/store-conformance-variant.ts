/**
 * @module tests/contract/store-conformance-variant
 * `listPublishedAcross` and `findPublished`, the reads of many feeds at once that the feed variants and the
 * combined feed make (src/core/serve/variant-page.ts), for every backend: each is exactly what the per-feed
 * methods (`listPublished`, `listPublishedAfter`, `getArticle`) return, feed by feed, with ties, undated
 * records, records without an item, non-ASCII URLs and cursors.
 */
import { describe, expect, it } from 'vitest';
import { publishedKeyOf, type ArticleRecord, type Store } from '../../src/core/store.ts';
import { makeItem, makeReady, makeRecord, newFeedId } from './store-conformance-records.ts';

const day = (d: number) => `2025-03-0${String(d)}T00:00:00.000Z`;

/** A feed's records: ties on both dates, undated ones, one without an item, and non-ASCII URLs in a tie. */
async function seed(store: Store, feedId: string, host: string): Promise<void> {
  const url = (path: string) => `https://${host}/${path}`;
  await store.putArticles([
    makeReady(feedId, url('a'), day(3), day(1)),
    makeReady(feedId, url('b'), day(3), day(1)),
    // The same tie: U+FFFD (three UTF-8 bytes) before an astral character (four), as SQLite orders them.
    makeReady(feedId, url('b\u{FFFD}'), day(3), day(1)),
    makeReady(feedId, url('b\u{1F600}'), day(3), day(1)),
    makeReady(feedId, url('c'), day(3), day(2)),
    makeReady(feedId, url('d'), day(2), day(2)),
    makeRecord(feedId, url('pending'), { discoveredAt: day(4) }),
    makeRecord(feedId, url('x'), { state: 'ready', discoveredAt: day(2), item: makeItem(url('x'), 'undated') }),
    makeRecord(feedId, url('y'), { state: 'ready', discoveredAt: day(1), item: makeItem(url('y'), 'undated') }),
  ]);
}

const ids = (records: readonly ArticleRecord[]) => records.map((record) => `${record.feedId} ${record.sourceUrl}`);

/** @example describeVariantReads(getStore) */
export function describeVariantReads(getStore: () => Store): void {
  describe('listPublishedAcross', () => {
    it('is listPublished of each feed, one feed after another, in the order asked', async () => {
      const store = getStore();
      const [one, two, none] = [newFeedId('across'), newFeedId('across'), newFeedId('across')];
      await seed(store, one, 'e.kz');
      await seed(store, two, 'пример.kz');
      for (const limit of [0, 1, 3, 100]) {
        const across = await store.listPublishedAcross([{ feedId: two }, { feedId: none }, { feedId: one }], limit);
        const each = [...(await store.listPublished(two, limit)), ...(await store.listPublished(one, limit))];
        expect(across).toStrictEqual(each);
      }
      expect(await store.listPublishedAcross([], 10)).toStrictEqual([]);
    });

    it('continues each feed after its own cursor as listPublishedAfter does, and reads a feed asked twice once', async () => {
      const store = getStore();
      const [one, two] = [newFeedId('cursor'), newFeedId('cursor')];
      await seed(store, one, 'e.kz');
      await seed(store, two, 'e.kz');
      const all = await store.listPublished(one, 100);
      expect(all).toHaveLength(8);
      for (const record of all) {
        const after = publishedKeyOf(record);
        const reads = [{ feedId: one, after }, { feedId: two }, { feedId: one }];
        const across = await store.listPublishedAcross(reads, 2);
        const each = [...(await store.listPublishedAfter(one, after, 2)), ...(await store.listPublished(two, 2))];
        expect(ids(across)).toEqual(ids(each));
        expect(across).toStrictEqual(each);
      }
    });
  });

  describe('findPublished', () => {
    it('is getArticle of every feed and URL asked, for the records that have an item', async () => {
      const store = getStore();
      const [one, two, other] = [newFeedId('find'), newFeedId('find'), newFeedId('find')];
      await seed(store, one, 'e.kz');
      await seed(store, two, 'e.kz');
      await seed(store, other, 'e.kz');
      const urls = ['a', 'b\u{1F600}', 'pending', 'x', 'missing'].map((path) => `https://e.kz/${path}`);
      const found = await store.findPublished([one, two, one], [...urls, urls[0] ?? '']);
      const expected: ArticleRecord[] = [];
      for (const feedId of [one, two])
        for (const url of urls) {
          const record = await store.getArticle(feedId, url);
          if (record?.item) expected.push(record);
        }
      const order = (records: ArticleRecord[]) =>
        [...records].sort((a, b) => (ids([a])[0] ?? '').localeCompare(ids([b])[0] ?? ''));
      expect(order(found)).toStrictEqual(order(expected));
      expect(expected).toHaveLength(6);
      expect(await store.findPublished([one], [])).toStrictEqual([]);
      expect(await store.findPublished([], urls)).toStrictEqual([]);
    });
  });
}
