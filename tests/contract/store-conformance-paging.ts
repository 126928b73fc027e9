/**
 * @module tests/contract/store-conformance-paging
 * `listPublishedAfter`, the keyset read of the paged feed variants, for every backend: after any record's
 * key it continues exactly where `listPublished` would, across equal dates, equal discovery instants and
 * undated records (which sort last), and after a key between records (the combined feed's tie bounds).
 */
import { describe, expect, it } from 'vitest';
import { publishedKeyOf, type Store } from '../../src/core/store.ts';
import { makeItem, makeReady, makeRecord, newFeedId } from './store-conformance-records.ts';

const ids = (records: readonly { sourceUrl: string }[]) => records.map((record) => record.sourceUrl);

async function seed(store: Store, feedId: string): Promise<void> {
  const day = (d: number) => `2025-03-0${d}T00:00:00.000Z`;
  await store.putArticle(makeReady(feedId, 'https://e.kz/a', day(3), day(1)));
  await store.putArticle(makeReady(feedId, 'https://e.kz/b', day(3), day(1)));
  await store.putArticle(makeReady(feedId, 'https://e.kz/c', day(3), day(2)));
  await store.putArticle(makeReady(feedId, 'https://e.kz/d', day(2), day(2)));
  await store.putArticle(makeReady(feedId, 'https://e.kz/e', day(1), day(1)));
  // Undated: no date on the item nor the entry, so NULL, last.
  const undated = (url: string, discovered: string) =>
    makeRecord(feedId, url, { state: 'ready', discoveredAt: discovered, item: makeItem(url, 'not a date') });
  await store.putArticle(undated('https://e.kz/x', day(2)));
  await store.putArticle(undated('https://e.kz/y', day(1)));
  await store.putArticle(undated('https://e.kz/z', day(1)));
}

/** @example describeListPublishedAfter(getStore) */
export function describeListPublishedAfter(getStore: () => Store): void {
  describe('listPublishedAfter', () => {
    it('after each record, the rest of the listPublished order, undated records last', async () => {
      const feedId = newFeedId('after');
      const store = getStore();
      await seed(store, feedId);
      const all = await store.listPublished(feedId, 100);
      expect(ids(all)).toEqual(['c', 'a', 'b', 'd', 'e', 'x', 'y', 'z'].map((s) => `https://e.kz/${s}`));
      for (const [index, record] of all.entries()) {
        const rest = await store.listPublishedAfter(feedId, publishedKeyOf(record), 100);
        expect(ids(rest)).toEqual(ids(all.slice(index + 1)));
      }
      const [, second] = all;
      if (!second) throw new Error('seeded');
      expect(ids(await store.listPublishedAfter(feedId, publishedKeyOf(second), 2))).toEqual(ids(all.slice(2, 4)));
    });

    it('a key between records: every tie after an empty URL, none after U+10FFFF', async () => {
      const feedId = newFeedId('between');
      const store = getStore();
      await seed(store, feedId);
      const tie = { published: '2025-03-03T00:00:00.000Z', discoveredAt: '2025-03-01T00:00:00.000Z' };
      const first = await store.listPublishedAfter(feedId, { ...tie, sourceUrl: '' }, 100);
      expect(ids(first).slice(0, 2)).toEqual(['https://e.kz/a', 'https://e.kz/b']);
      const none = await store.listPublishedAfter(feedId, { ...tie, sourceUrl: '\u{10FFFF}' }, 100);
      expect(ids(none)[0]).toBe('https://e.kz/d');
      const undated = { published: null, discoveredAt: '2025-03-01T00:00:00.000Z', sourceUrl: '' };
      expect(ids(await store.listPublishedAfter(feedId, undated, 100))).toEqual(['https://e.kz/y', 'https://e.kz/z']);
    });
  });
}
