/**
 * @module tests/store-conformance
 * The one suite every `Store` backend must pass (as unstorage tests each driver with one shared suite).
 * It runs on Node against node:sqlite (tests/store-sqlite.test.ts) and inside workerd against D1
 * (tests/runtime/worker/store-d1.test.ts), so it imports nothing runtime-specific.
 *
 * Every test writes under fresh random feed ids, so backends may share one database across tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleRecord, FeedState, Store } from '../../src/core/store.ts';
import { listItems } from '../helpers/published-items.ts';
import { describePutArticles } from './store-conformance-batch.ts';
import { describeAudit, describeSiteSignals, describeTakedowns } from './store-conformance-license.ts';
import { describeListPublishedAfter } from './store-conformance-paging.ts';
import { describeRetention } from './store-conformance-retention.ts';
import { describeVariantReads } from './store-conformance-variant.ts';
import {
  EMOJI,
  KAZAKH,
  makeEntry,
  makeItem,
  makeLargeText,
  makeReady,
  makeRecord,
  makeRendition,
  makeReport,
  newFeedId,
} from './store-conformance-records.ts';

function describeFeedState(getStore: () => Store): void {
  describe('feed state', () => {
    it('is undefined for an unknown feed', async () => {
      expect(await getStore().getFeedState(newFeedId('none'))).toBeUndefined();
    });

    it('round-trips a state with only the feed id', async () => {
      const state: FeedState = { feedId: newFeedId('minimal') };
      await getStore().putFeedState(state);
      expect(await getStore().getFeedState(state.feedId)).toStrictEqual(state);
    });

    it('round-trips every field, including the last report', async () => {
      const feedId = newFeedId('full');
      const state: FeedState = {
        feedId,
        sourceEtag: 'W/"source-1"',
        sourceLastModified: 'Sat, 01 Mar 2025 09:00:00 GMT',
        lastRefreshAt: '2025-03-01T10:00:00.000Z',
        lastSuccessAt: '2025-02-28T10:00:00.000Z',
        lastReport: makeReport(feedId),
        sourceNotBefore: '2025-03-01T10:10:00.000Z',
        consecutiveFailures: 3,
      };
      await getStore().putFeedState(state);
      expect(await getStore().getFeedState(feedId)).toStrictEqual(state);
    });

    it('replaces the whole state on a second put (absent fields are cleared)', async () => {
      const feedId = newFeedId('upsert');
      await getStore().putFeedState({ feedId, sourceEtag: '"a"', lastReport: makeReport(feedId) });
      await getStore().putFeedState({ feedId, lastRefreshAt: '2025-03-02T00:00:00.000Z' });
      expect(await getStore().getFeedState(feedId)).toStrictEqual({
        feedId,
        lastRefreshAt: '2025-03-02T00:00:00.000Z',
      });
    });

    it('lists the states of the feeds asked for, in one call, skipping feeds without one', async () => {
      const [a, b, none, other] = [newFeedId('list-a'), newFeedId('list-b'), newFeedId('none'), newFeedId('other')];
      const states: FeedState[] = [
        { feedId: a, lastRefreshAt: '2025-03-02T00:00:00.000Z', lastReport: makeReport(a) },
        { feedId: b, sourceEtag: `"${EMOJI}"` },
      ];
      for (const state of [...states, { feedId: other }]) await getStore().putFeedState(state);
      const listed = await getStore().listFeedStates([b, none, a, a]);
      const byId = (x: FeedState, y: FeedState) => x.feedId.localeCompare(y.feedId);
      expect(listed.sort(byId)).toStrictEqual(states.sort(byId));
      expect(await getStore().listFeedStates([])).toStrictEqual([]);
    });

    it('lists the states of more feeds than one statement takes (a thousand)', async () => {
      const ids = Array.from({ length: 1001 }, (_, i) => newFeedId(`many-${String(i)}`));
      const first = ids[0] ?? '';
      const last = ids[1000] ?? '';
      await getStore().putFeedState({ feedId: first });
      await getStore().putFeedState({ feedId: last });
      const listed = await getStore().listFeedStates(ids);
      expect(listed.map((state) => state.feedId).sort()).toStrictEqual([first, last].sort());
    });
  });
}

function describeArticles(getStore: () => Store): void {
  describe('articles', () => {
    it('is undefined for an unknown article', async () => {
      expect(await getStore().getArticle(newFeedId('none'), 'https://example.kz/none')).toBeUndefined();
    });

    it('reads many URLs of a feed at once: getArticle of each, for those stored, once each', async () => {
      const store = getStore();
      const feedId = newFeedId('many');
      const other = newFeedId('many-other');
      // More URLs than one statement takes, so that the reads are split.
      const urls = Array.from({ length: 620 }, (_, index) => `https://example.kz/many/${String(index)}`);
      const stored = urls.filter((_, index) => index % 3 === 0).map((url) => makeRecord(feedId, url));
      await store.putArticles([
        ...stored,
        makeReady(feedId, urls[1] ?? '', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z'),
      ]);
      await store.putArticle(makeRecord(other, urls[2] ?? ''));
      const found = await store.getArticles(feedId, [...urls, urls[0] ?? '', 'https://example.kz/none']);
      const expected = await Promise.all(urls.map((url) => store.getArticle(feedId, url)));
      const byUrl = (list: readonly (ArticleRecord | undefined)[]) =>
        list.filter((record) => record !== undefined).sort((a, b) => (a.sourceUrl < b.sourceUrl ? -1 : 1));
      expect(byUrl(found)).toStrictEqual(byUrl(expected));
      expect(found).toHaveLength(stored.length + 1);
      expect(await store.getArticles(feedId, [])).toStrictEqual([]);
    });

    it('round-trips a record with every optional field absent', async () => {
      const record = makeRecord(newFeedId('minimal'), 'https://example.kz/a/1');
      await getStore().putArticle(record);
      expect(await getStore().getArticle(record.feedId, record.sourceUrl)).toStrictEqual(record);
    });

    it('round-trips a record with every field present', async () => {
      const url = 'https://example.kz/news/2025/03/01/long-read?page=1&lang=kk';
      const record: ArticleRecord = {
        ...makeRecord(newFeedId('full'), url),
        entry: {
          url,
          title: 'Entry title',
          published: '2025-03-01T08:00:00+05:00',
          updated: '2025-03-01T09:00:00+05:00',
          author: 'Айгерім Сәтбаева',
          summary: 'A summary',
          image: 'https://example.kz/i/1.jpg',
          categories: ['Саясат', 'Economy'],
        },
        state: 'ready',
        attempts: 2,
        fetchedAt: '2025-03-01T10:00:03.000Z',
        etag: '"page-etag"',
        lastModified: 'Sat, 01 Mar 2025 04:00:00 GMT',
        bodyHash: 'a'.repeat(64),
        excerptHash: 'b'.repeat(64),
        item: makeItem(url, '2025-03-01T08:00:00+05:00', {
          author: 'Айгерім Сәтбаева',
          image: 'https://example.kz/i/1.jpg',
          language: 'kk',
          categories: ['Саясат'],
          excerpt: { paragraphs: ['One.', 'Two…'], words: 3, articleWords: 10, share: 0.3 },
        }),
        error: { code: 'timeout', message: 'an earlier attempt timed out' },
      };
      await getStore().putArticle(record);
      expect(await getStore().getArticle(record.feedId, url)).toStrictEqual(record);
    });

    it('replaces the whole record on a second put (upsert)', async () => {
      const feedId = newFeedId('upsert');
      const url = 'https://example.kz/a/2';
      await getStore().putArticle(
        makeRecord(feedId, url, { attempts: 3, state: 'failed', error: { code: 'no-article', message: 'empty' } }),
      );
      const ready = makeReady(feedId, url, '2025-03-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
      await getStore().putArticle(ready);
      expect(await getStore().getArticle(feedId, url)).toStrictEqual(ready);
    });
  });
}

function describeListPending(getStore: () => Store): void {
  describe('listPending', () => {
    it('lists only pending records, oldest discovered first, up to the limit', async () => {
      const feedId = newFeedId('pending');
      const store = getStore();
      await store.putArticle(makeRecord(feedId, 'https://e.kz/3', { discoveredAt: '2025-01-03T00:00:00.000Z' }));
      await store.putArticle(makeRecord(feedId, 'https://e.kz/1', { discoveredAt: '2025-01-01T00:00:00.000Z' }));
      await store.putArticle(makeRecord(feedId, 'https://e.kz/2', { discoveredAt: '2025-01-02T00:00:00.000Z' }));
      await store.putArticle(
        makeRecord(feedId, 'https://e.kz/0', { discoveredAt: '2024-12-31T00:00:00.000Z', state: 'failed' }),
      );
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/r', '2025-01-01T00:00:00.000Z', '2024-12-30T00:00:00.000Z'),
      );

      const all = await store.listPending(feedId, 10);
      expect(all.map((record) => record.sourceUrl)).toEqual(['https://e.kz/1', 'https://e.kz/2', 'https://e.kz/3']);
      expect(all[0]).toStrictEqual(makeRecord(feedId, 'https://e.kz/1', { discoveredAt: '2025-01-01T00:00:00.000Z' }));
      expect((await store.listPending(feedId, 2)).map((record) => record.sourceUrl)).toEqual([
        'https://e.kz/1',
        'https://e.kz/2',
      ]);
      expect(await store.listPending(feedId, 0)).toEqual([]);
      expect(await store.countPending(feedId)).toBe(3);
    });

    it('is empty for a feed with no records', async () => {
      expect(await getStore().listPending(newFeedId('empty'), 10)).toEqual([]);
      expect(await getStore().countPending(newFeedId('empty'))).toBe(0);
    });
  });
}

function describeListItems(getStore: () => Store): void {
  describe('listPublished', () => {
    it('lists ready items newest published first, ties broken by newest discovered', async () => {
      const feedId = newFeedId('items');
      const store = getStore();
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/old', '2025-01-01T00:00:00.000Z', '2025-01-05T00:00:00.000Z'),
      );
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/tie-a', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z'),
      );
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/tie-b', '2025-01-02T00:00:00.000Z', '2025-01-03T00:00:00.000Z'),
      );
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/new', '2025-01-03T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
      );

      const items = await listItems(store, feedId, 10);
      expect(items.map((item) => item.id)).toEqual([
        'https://e.kz/new',
        'https://e.kz/tie-b',
        'https://e.kz/tie-a',
        'https://e.kz/old',
      ]);
      expect(items[0]).toStrictEqual(makeItem('https://e.kz/new', '2025-01-03T00:00:00.000Z'));
      expect(await store.countPublished(feedId)).toBe(4);
      expect(await store.countPublished(newFeedId('none'))).toBe(0);
    });

    it('gives the same item object for an unchanged stored item, and a new one once it changes', async () => {
      const feedId = newFeedId('same-item');
      const store = getStore();
      const ready = makeReady(feedId, 'https://e.kz/same', '2025-01-03T00:00:00.000Z', '2025-01-01T00:00:00.000Z');
      await store.putArticle(ready);
      const [first] = await listItems(store, feedId, 10);
      const [again] = await listItems(store, feedId, 10);
      // Work keyed by an item object (its HTML, its word count) is then done once, not at every publish.
      expect(again).toBe(first);
      await store.putArticle({
        ...ready,
        item: { ...makeItem('https://e.kz/same', '2025-01-03T00:00:00.000Z'), title: 'New' },
      });
      const [changed] = await listItems(store, feedId, 10);
      expect(changed).not.toBe(first);
      expect(changed?.title).toBe('New');
      expect(first?.title).not.toBe('New');
    });

    it('orders by instant, not by text, when sources use different UTC offsets', async () => {
      const feedId = newFeedId('offsets');
      const store = getStore();
      // 10:00 in Almaty (+05:00) is 05:00Z: older than 06:00Z although it sorts after it as text.
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/almaty', '2025-05-01T10:00:00+05:00', '2025-05-01T00:00:00.000Z'),
      );
      await store.putArticle(makeReady(feedId, 'https://e.kz/utc', '2025-05-01T06:00:00Z', '2025-05-01T00:00:00.000Z'));
      expect((await listItems(store, feedId, 10)).map((item) => item.id)).toEqual([
        'https://e.kz/utc',
        'https://e.kz/almaty',
      ]);
    });

    it('honours the limit and lists every record that has an item, whatever its state', async () => {
      const feedId = newFeedId('ready-only');
      const store = getStore();
      for (const day of [1, 2, 3]) {
        await store.putArticle(
          makeReady(feedId, `https://e.kz/${day}`, `2025-01-0${day}T00:00:00.000Z`, '2025-01-01T00:00:00.000Z'),
        );
      }
      const stale = makeItem('https://e.kz/p', '2025-02-01T00:00:00.000Z');
      await store.putArticle(makeRecord(feedId, 'https://e.kz/p', { state: 'pending', item: stale }));
      await store.putArticle(
        makeRecord(feedId, 'https://e.kz/f', { state: 'failed', item: { ...stale, id: 'https://e.kz/f' } }),
      );

      await store.putArticle(makeRecord(feedId, 'https://e.kz/never', { state: 'pending' }));

      // A pending re-fetch or a failed one keeps serving its last good item; a record never licensed has none.
      expect((await listItems(store, feedId, 2)).map((item) => item.id)).toEqual(['https://e.kz/f', 'https://e.kz/p']);
      expect(await listItems(store, feedId, 10)).toHaveLength(5);
      expect(await listItems(store, feedId, 0)).toEqual([]);
    });
  });
}

function describeIsolation(getStore: () => Store): void {
  it('keeps two feeds apart, even for the same article URL', async () => {
    const store = getStore();
    const [a, b] = [newFeedId('feed-a'), newFeedId('feed-b')];
    const url = 'https://e.kz/shared';
    await store.putArticle(makeReady(a, url, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'));
    await store.putArticle(makeRecord(b, url, { attempts: 1 }));
    await store.putFeedState({ feedId: a, sourceEtag: '"a"' });
    await store.putRendition(makeRendition(a, { body: 'A' }));

    expect((await store.getArticle(b, url))?.state).toBe('pending');
    expect((await store.getArticle(a, url))?.state).toBe('ready');
    expect(await listItems(store, b, 10)).toEqual([]);
    expect(await store.listPending(a, 10)).toEqual([]);
    expect(await listItems(store, a, 10)).toHaveLength(1);
    expect(await store.getFeedState(b)).toBeUndefined();
    expect(await store.getRendition(b, 'atom')).toBeUndefined();
  });
}

function describeRenditions(getStore: () => Store): void {
  describe('renditions', () => {
    it('is undefined for an unknown rendition', async () => {
      const feedId = newFeedId('none');
      expect(await getStore().getRendition(feedId, 'rss')).toBeUndefined();
      expect(await getStore().getRenditionValidators(feedId, 'rss')).toBeUndefined();
    });

    it('round-trips a rendition, and its validators without the body', async () => {
      const rendition = makeRendition(newFeedId('render'));
      await getStore().putRendition(rendition);
      expect(await getStore().getRendition(rendition.feedId, 'atom')).toStrictEqual(rendition);
      const { feedId, format, etag, lastModified } = rendition;
      expect(await getStore().getRenditionValidators(feedId, 'atom')).toStrictEqual({
        feedId,
        format,
        etag,
        lastModified,
      });
    });

    it('round-trips the input key with the validators', async () => {
      const rendition = makeRendition(newFeedId('keyed'), { inputKey: 'f'.repeat(64) });
      await getStore().putRendition(rendition);
      expect(await getStore().getRendition(rendition.feedId, 'atom')).toStrictEqual(rendition);
      expect((await getStore().getRenditionValidators(rendition.feedId, 'atom'))?.inputKey).toBe(rendition.inputKey);
    });

    it('keeps each format separately and replaces one on a second put', async () => {
      const feedId = newFeedId('formats');
      const store = getStore();
      await store.putRendition(makeRendition(feedId, { format: 'rss', body: '<rss/>', etag: '"r1"' }));
      await store.putRendition(makeRendition(feedId, { format: 'json', body: '{}', etag: '"j1"' }));
      const replaced = makeRendition(feedId, {
        format: 'rss',
        body: '<rss version="2.0"/>',
        etag: '"r2"',
        lastModified: '2025-04-01T00:00:00.000Z',
      });
      await store.putRendition(replaced);
      expect(await store.getRendition(feedId, 'rss')).toStrictEqual(replaced);
      expect((await store.getRendition(feedId, 'json'))?.etag).toBe('"j1"');
      expect(await store.getRendition(feedId, 'atom')).toBeUndefined();
    });

    it('lists the validators of the feeds asked for in one format, once each, skipping unbuilt and taken-down feeds', async () => {
      const store = getStore();
      const [a, b, unbuilt, down] = ['list-a', 'list-b', 'unbuilt', 'down'].map((name) => newFeedId(name));
      const [ra, rb, rdown] = [a, b, down].map((feedId) => makeRendition(feedId ?? '', { format: 'json' }));
      for (const rendition of [ra, rb, rdown]) if (rendition) await store.putRendition(rendition);
      await store.putRendition(makeRendition(b ?? '', { format: 'rss', etag: '"other format"' }));
      await store.takeDown({ feedId: down ?? '', at: '2025-04-01T00:00:00.000Z' });
      const ids = [b, unbuilt, a, a, down].map((id) => id ?? '');
      const listed = await store.listRenditionValidators(ids, 'json');
      const expected = [ra, rb].map((rendition) => {
        const { feedId, format, etag, lastModified } = rendition ?? makeRendition('');
        return { feedId, format, etag, lastModified };
      });
      const byId = (x: { feedId: string }, y: { feedId: string }) => x.feedId.localeCompare(y.feedId);
      expect(listed.sort(byId)).toStrictEqual(expected.sort(byId));
      expect(await store.listRenditionValidators([], 'json')).toStrictEqual([]);
    });

    it('round-trips a rendition of more than 1 MB', async () => {
      const body = makeLargeText(1024 * 1024);
      const rendition = makeRendition(newFeedId('large'), { format: 'rss', body });
      await getStore().putRendition(rendition);
      const read = await getStore().getRendition(rendition.feedId, 'rss');
      expect(new TextEncoder().encode(read?.body).length).toBeGreaterThanOrEqual(1024 * 1024);
      expect(read?.body === body).toBe(true); // not toEqual: a failing diff of 1 MB is unreadable
    });
  });
}

function describeUnicode(getStore: () => Store): void {
  it('round-trips Kazakh text and emoji in every kind of field', async () => {
    const feedId = newFeedId('unicode');
    const url = `https://e.kz/жаңалықтар/${encodeURIComponent('қала')}/🐎`;
    const title = `${KAZAKH} ${EMOJI}`;
    const record: ArticleRecord = {
      ...makeReady(feedId, url, '2025-01-01T00:00:00+06:00', '2025-01-01T00:00:00.000Z'),
      entry: makeEntry(url, { title, author: 'Әлихан Бөкейхан', categories: ['Ұлт', '🇰🇿'] }),
      item: makeItem(url, '2025-01-01T00:00:00+06:00', {
        title,
        excerpt: { paragraphs: [KAZAKH, `${EMOJI}…`], words: 12, articleWords: 40, share: 0.3 },
      }),
      error: { code: 'bad-charset', message: title },
    };
    const store = getStore();
    await store.putArticle(record);
    await store.putFeedState({ feedId, sourceEtag: `"${EMOJI}"`, lastReport: { ...makeReport(feedId), feedId } });
    await store.putRendition(makeRendition(feedId, { body: `<title>${title}</title>` }));

    expect(await store.getArticle(feedId, url)).toStrictEqual(record);
    expect(await listItems(store, feedId, 1)).toStrictEqual([record.item]);
    expect((await store.getFeedState(feedId))?.sourceEtag).toBe(`"${EMOJI}"`);
    expect((await store.getRendition(feedId, 'atom'))?.body).toBe(`<title>${title}</title>`);
  });
}

function describeLeases(getStore: () => Store): void {
  describe('leases', () => {
    const T0 = '2025-03-01T10:00:00.000Z';
    const T1 = '2025-03-01T10:05:00.000Z';
    const T2 = '2025-03-01T10:15:00.000Z';

    it('grants a free lease and refuses another holder until it expires', async () => {
      const name = newFeedId('lease');
      const store = getStore();
      expect(await store.acquireLease(name, 'a', T1, T0)).toBe(true);
      expect(await store.acquireLease(name, 'b', T2, T0)).toBe(false);
      // At the expiry instant the lease is free again.
      expect(await store.acquireLease(name, 'b', T2, T1)).toBe(true);
      expect(await store.acquireLease(name, 'a', T2, T1)).toBe(false);
    });

    it('lets the holder extend its own lease', async () => {
      const name = newFeedId('extend');
      const store = getStore();
      expect(await store.acquireLease(name, 'a', T1, T0)).toBe(true);
      expect(await store.acquireLease(name, 'a', T2, T0)).toBe(true);
      expect(await store.acquireLease(name, 'b', T2, T1)).toBe(false);
    });

    it('releases only for the holder', async () => {
      const name = newFeedId('release');
      const store = getStore();
      await store.acquireLease(name, 'a', T2, T0);
      await store.releaseLease(name, 'b');
      expect(await store.acquireLease(name, 'b', T2, T0)).toBe(false);
      await store.releaseLease(name, 'a');
      expect(await store.acquireLease(name, 'b', T2, T0)).toBe(true);
    });

    it('grants a contended free lease to exactly one of several racing holders', async () => {
      const name = newFeedId('race');
      const store = getStore();
      const holders = ['a', 'b', 'c', 'd'];
      const granted = await Promise.all(holders.map((holder) => store.acquireLease(name, holder, T1, T0)));
      expect(granted.filter(Boolean)).toHaveLength(1);
    });

    it('keeps leases of different names apart', async () => {
      const [x, y] = [newFeedId('x'), newFeedId('y')];
      const store = getStore();
      expect(await store.acquireLease(x, 'a', T1, T0)).toBe(true);
      expect(await store.acquireLease(y, 'b', T1, T0)).toBe(true);
    });
  });
}

/**
 * Register the conformance suite for one backend. `makeStore` is called before each test and the store
 * is closed after it.
 *
 * @example
 * describeStoreConformance('node:sqlite', () => openSqliteStore(join(dir, 'lede.sqlite')));
 */
export function describeStoreConformance(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let store: Store | undefined;
    const getStore = (): Store => {
      if (store === undefined) throw new Error('store not opened');
      return store;
    };
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    describeFeedState(getStore);
    describeArticles(getStore);
    describePutArticles(getStore);
    describeListPending(getStore);
    describeListItems(getStore);
    describeListPublishedAfter(getStore);
    describeVariantReads(getStore);
    describeRetention(getStore);
    describeIsolation(getStore);
    describeRenditions(getStore);
    describeUnicode(getStore);
    describeLeases(getStore);
    describeAudit(getStore);
    describeTakedowns(getStore);
    describeSiteSignals(getStore);
  });
}
