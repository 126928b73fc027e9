/**
 * End to end on Node's real parts (fixture site, undici, SQLite file): what a refresh reads of a feed's newest
 * records. The licence reconcile reads them first; publishing takes that read when nothing was stored since (a
 * refresh that finds nothing new: one read, not two — D1 bills rows read), and reads again when something was
 * (a new article, a re-cut excerpt), so it always publishes what the store holds. Proof of the latter: after each
 * refresh, publishing from a fresh read of the store finds nothing to change. Also what publishing reads to decide
 * whether new inputs render the stored bytes (nothing when the items differ), and the listing's one lookup.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishFeed } from '../../../src/core/refresh/publish-feed.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import type { Store } from '../../../src/core/store.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

const monitor = (maxShare = 0.3): FeedDefinition =>
  loadFixtureFeed(h.site.origin, 'monitor', { license: { maxShare, attribution: 'The Qazaqstan Monitor' } });

/** The harness's SQLite store, counting the reads of published records, the article and the rendition writes. */
function countingStore() {
  const counts = { listPublished: 0, putRendition: 0, putArticle: 0, putArticlesCalls: 0, getRendition: 0, lookups: 0 };
  const store: Store = {
    ...h.store,
    getRendition: (feedId, format) => {
      counts.getRendition++;
      return h.store.getRendition(feedId, format);
    },
    getArticle: (feedId, url) => {
      counts.lookups++;
      return h.store.getArticle(feedId, url);
    },
    getArticles: (feedId, urls) => {
      counts.lookups++;
      return h.store.getArticles(feedId, urls);
    },
    putArticle: (record) => {
      counts.putArticle++;
      return h.store.putArticle(record);
    },
    putArticles: (records) => {
      if (records.length > 0) counts.putArticlesCalls++;
      return h.store.putArticles(records);
    },
    listPublished: (feedId, limit) => {
      counts.listPublished++;
      return h.store.listPublished(feedId, limit);
    },
    putRendition: (rendition) => {
      counts.putRendition++;
      return h.store.putRendition(rendition);
    },
  };
  return { store, counts };
}

/**
 * Refresh `feed` through a counting store; then publish from a fresh read of the store, which must find the
 * renditions' input key current: nothing to render, nothing to write.
 */
async function refreshCounted(feed: FeedDefinition) {
  const { store, counts } = countingStore();
  const report = await refreshFeed({ ...h.deps, store }, feed, { publicUrl: PUBLIC_URL });
  const { listPublished: reads, putRendition: writes, putArticle, putArticlesCalls, getRendition, lookups } = counts;
  expect(await publishFeed({ ...h.deps, store }, feed, PUBLIC_URL)).toEqual([]);
  expect(counts.putRendition).toBe(writes);
  return { report, reads, writes, articleWrites: { putArticle, putArticlesCalls }, bodiesRead: getRendition, lookups };
}

describe('a refresh reads the newest records once when it stores nothing', () => {
  it('finds nothing new: one read of the newest records, nothing rendered', async () => {
    await refreshFeed(h.deps, monitor(), { publicUrl: PUBLIC_URL });
    h.setNow('2025-03-12T12:30:00Z');
    const { report, reads, writes } = await refreshCounted(monitor());
    expect(report).toMatchObject({ ok: true, fetched: 0, changed: false });
    expect(reads).toBe(1);
    expect(writes).toBe(0);
  });

  it('stores a new article: reads again, and publishes it', async () => {
    await refreshFeed(h.deps, monitor(), { publicUrl: PUBLIC_URL });
    const url = await h.site.addArticle(
      {
        path: '/science/1111/reads-once',
        title: 'Reads Once',
        paragraphs: ['The first paragraph has words enough to count here.', 'The second one says a little more.'],
      },
      { announce: true },
    );
    h.setNow('2025-03-12T12:30:00Z');
    const { report, reads, bodiesRead, lookups } = await refreshCounted(monitor());
    expect(report).toMatchObject({ ok: true, fetched: 1, changed: true });
    expect(reads).toBe(2);
    // Other items: the stored bodies are not read to compare with (input-key.ts); the listing is looked up at once.
    expect(bodiesRead).toBe(0);
    expect(lookups).toBe(1);
    expect((await h.store.getRendition('monitor', 'rss'))?.body).toContain(url);
  });

  it('re-cuts excerpts for a stricter licence: reads again, and publishes the re-cut', async () => {
    await refreshFeed(h.deps, monitor(0.3), { publicUrl: PUBLIC_URL });
    h.setNow('2025-03-12T12:30:00Z');
    const { report, reads, articleWrites, bodiesRead } = await refreshCounted(monitor(0.1));
    expect(report.recut).toBeGreaterThan(0);
    expect(report.changed).toBe(true);
    // The same items, re-cut: the stored RSS is read to compare with, and differs (the other formats are not read).
    expect(bodiesRead).toBe(1);
    expect(reads).toBeGreaterThanOrEqual(3);
    // The re-cut records are written together (a few dozen to a transaction), not one write each.
    expect(articleWrites).toEqual({ putArticle: 0, putArticlesCalls: 1 });
  });
});
