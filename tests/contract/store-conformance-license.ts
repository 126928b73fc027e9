/**
 * @module tests/store-conformance-licence
 * The licence engine's part of the Store conformance suite (tests/store-conformance.ts): each item's audit
 * trail, and takedowns (purge, writes ignored while down, lift). Runs on node:sqlite and on D1.
 */
import { describe, expect, it } from 'vitest';
import type { ArticleRecord, CachedSiteSignals, Store } from '../../src/core/store.ts';
import { listItems } from '../helpers/published-items.ts';
import { makeAudit, makeReady, makeRecord, makeRendition, newFeedId } from './store-conformance-records.ts';

export function describeAudit(getStore: () => Store): void {
  describe('audit trail', () => {
    it('round-trips counts, share, effective policy and signals, and lists them with the items', async () => {
      const feedId = newFeedId('audit');
      const url = 'https://e.kz/audited';
      const record: ArticleRecord = {
        ...makeReady(feedId, url, '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
        fetchedAt: '2025-01-02T00:00:05.000Z',
        bodyHash: 'c'.repeat(64),
        excerptHash: 'd'.repeat(64),
        audit: makeAudit(),
      };
      await getStore().putArticle(record);
      expect(await getStore().getArticle(feedId, url)).toStrictEqual(record);
      await getStore().putArticle(
        makeReady(feedId, 'https://e.kz/older', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
      );
      await getStore().putArticle(makeRecord(feedId, 'https://e.kz/pending'));
      const published = await getStore().listPublished(feedId, 10);
      expect(published.map((r) => r.sourceUrl)).toEqual([url, 'https://e.kz/older']);
      expect(published[0]).toStrictEqual(record);
      expect(await getStore().listPublished(feedId, 1)).toHaveLength(1);
    });

    it('clears the audit when a record is put without one', async () => {
      const feedId = newFeedId('audit-clear');
      const url = 'https://e.kz/a';
      await getStore().putArticle({
        ...makeReady(feedId, url, '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
        audit: makeAudit(),
      });
      await getStore().putArticle(makeRecord(feedId, url));
      expect((await getStore().getArticle(feedId, url))?.audit).toBeUndefined();
    });
  });
}

export function describeTakedowns(getStore: () => Store): void {
  describe('takedowns', () => {
    const AT = '2025-03-01T12:00:00.000Z';

    it('purges a feed’s articles, renditions and state, and persists the takedown', async () => {
      const [feedId, other] = [newFeedId('down'), newFeedId('other')];
      const store = getStore();
      for (const id of [feedId, other]) {
        await store.putArticle({
          ...makeReady(id, 'https://e.kz/1', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
          audit: makeAudit(),
        });
        await store.putRendition(makeRendition(id));
        await store.putFeedState({ feedId: id, sourceEtag: '"s"' });
      }
      expect(await store.getTakedown(feedId)).toBeUndefined();
      await store.takeDown({ feedId, at: AT, reason: 'publisher request' });
      expect(await store.getTakedown(feedId)).toStrictEqual({ feedId, at: AT, reason: 'publisher request' });
      expect(await store.getArticle(feedId, 'https://e.kz/1')).toBeUndefined();
      expect(await listItems(store, feedId, 10)).toEqual([]);
      expect(await store.getRendition(feedId, 'atom')).toBeUndefined();
      expect(await store.getRenditionValidators(feedId, 'atom')).toBeUndefined();
      expect(await store.getFeedState(feedId)).toBeUndefined();
      expect(await listItems(store, other, 10)).toHaveLength(1);
      expect(await store.getRendition(other, 'atom')).toBeDefined();
    });

    it('ignores writes for a feed while it is taken down (a refresh in flight cannot bring it back)', async () => {
      const feedId = newFeedId('late-writes');
      const store = getStore();
      await store.takeDown({ feedId, at: AT });
      await store.putArticle(
        makeReady(feedId, 'https://e.kz/late', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'),
      );
      await store.putRendition(makeRendition(feedId));
      await store.putFeedState({ feedId, sourceEtag: '"late"' });
      expect(await listItems(store, feedId, 10)).toEqual([]);
      expect(await store.getRendition(feedId, 'atom')).toBeUndefined();
      expect(await store.getFeedState(feedId)).toBeUndefined();
      expect(await store.getTakedown(feedId)).toStrictEqual({ feedId, at: AT });
    });

    it('starts from nothing once lifted, and writes land again', async () => {
      const feedId = newFeedId('lifted');
      const store = getStore();
      await store.putRendition(makeRendition(feedId));
      await store.takeDown({ feedId, at: AT });
      await store.liftTakedown(feedId);
      expect(await store.getTakedown(feedId)).toBeUndefined();
      expect(await store.getRendition(feedId, 'atom')).toBeUndefined();
      await store.putRendition(makeRendition(feedId, { etag: '"new"' }));
      expect((await store.getRenditionValidators(feedId, 'atom'))?.etag).toBe('"new"');
    });
  });
}

export function describeSiteSignals(getStore: () => Store): void {
  describe('site signals cache', () => {
    it('round-trips a site’s signals by origin and replaces them on put', async () => {
      const origin = `https://${newFeedId('site')}.example.kz`;
      expect(await getStore().getSiteSignals(origin)).toBeUndefined();
      const first: CachedSiteSignals = {
        origin,
        signals: { origin, robotsUnreachable: false, tdm: [{ location: '/premium/*', reserved: true }], errors: [] },
        fetchedAt: '2025-03-01T10:00:00.000Z',
      };
      await getStore().putSiteSignals(first);
      expect(await getStore().getSiteSignals(origin)).toStrictEqual(first);
      const second = { ...first, fetchedAt: '2025-03-02T10:00:00.000Z' };
      await getStore().putSiteSignals(second);
      expect(await getStore().getSiteSignals(origin)).toStrictEqual(second);
    });
  });
}
