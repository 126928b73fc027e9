/**
 * End to end on Node's real parts: the fixture news site on loopback → undici → extract → licence →
 * render → SQLite. What a refresh fetches, publishes, keeps and reports.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import type { Store } from '../../../src/core/store.ts';
import { FEED_FORMATS } from '../../../src/core/feed-formats.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import {
  assertValidAtom,
  assertValidJsonFeed,
  assertValidRss,
  htmlToText,
  findBacklink,
} from '../../helpers/feed-validity.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';
import { listItems } from '../../helpers/published-items.ts';

const LICENCE_FOOTER = 'Only 30% of an article published on The Qazaqstan Monitor website may be used';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

const refresh = (id: string, maxPages?: number) =>
  refreshFeed(h.deps, h.feeds.get(id)!, { publicUrl: PUBLIC_URL, maxPages });

async function renditionBodies(id: string) {
  return Promise.all(FEED_FORMATS.map(async (format) => (await h.store.getRendition(id, format))!));
}

const articleHits = () =>
  [...h.site.hits.entries()].filter(([path]) => /^\/[a-z]+\/\d{4}\//.test(path)).reduce((sum, [, n]) => sum + n, 0);

describe('refreshing the QazMonitor-shaped fixture feed', () => {
  it('publishes every article as a licensed excerpt with a backlink, valid in all three formats', async () => {
    const report = await refresh('monitor');
    expect(report.ok).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.fetched).toBe(report.discovered);
    expect(report.discovered).toBeGreaterThanOrEqual(6);
    const [rss, atom, json] = await renditionBodies('monitor');
    const parsed = [assertValidRss(rss!.body), assertValidAtom(atom!.body), assertValidJsonFeed(json!.body)];
    for (const feed of parsed) {
      expect(feed.items).toHaveLength(report.discovered);
      for (const item of feed.items) {
        expect(item.link).not.toMatch(/utm_|#/);
        expect(findBacklink(item.html)?.href).toBe(item.link);
        expect(item.html).not.toContain(LICENCE_FOOTER);
      }
    }
    for (const item of await listItems(h.store, 'monitor', 50)) {
      expect(item.excerpt.words).toBeGreaterThan(0);
      expect(item.excerpt.words).toBeLessThanOrEqual(Math.floor(0.3 * item.excerpt.articleWords));
      expect(item.url.startsWith(h.site.origin)).toBe(true);
    }
  });

  it('keeps counts and hashes of the body, never the body itself', async () => {
    await refresh('monitor');
    const [item] = await listItems(h.store, 'monitor', 1);
    const record = await h.store.getArticle('monitor', item!.url);
    expect(record?.bodyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record?.excerptHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = JSON.stringify(record);
    expect(countWords(stored)).toBeLessThan(item!.excerpt.articleWords);
  });

  it('changes nothing when nothing is new: conditional GET, no article refetch, same bytes and ETags', async () => {
    await refresh('monitor');
    const before = await renditionBodies('monitor');
    const hitsBefore = articleHits();
    h.setNow('2025-03-12T12:30:00Z');
    const report = await refresh('monitor');
    expect(report).toMatchObject({ ok: true, fetched: 0, changed: false });
    expect(h.site.notModified.get('/rss')).toBe(1);
    expect(articleHits()).toBe(hitsBefore);
    expect(await renditionBodies('monitor')).toEqual(before);
  });

  it('says notModified when the source answered 304, and not otherwise; the stored report says so too', async () => {
    const first = await refresh('monitor');
    expect(first.notModified).toBeUndefined();
    h.setNow('2025-03-12T12:30:00Z');
    const second = await refresh('monitor');
    expect(h.site.notModified.get('/rss')).toBe(1);
    expect(second).toMatchObject({ ok: true, discovered: 0, notModified: true });
    expect((await h.store.getFeedState('monitor'))?.lastReport?.notModified).toBe(true);
    h.site.fail('/rss', 500);
    h.setNow('2025-03-12T13:30:00Z');
    const failed = await refresh('monitor');
    expect(failed.ok).toBe(false);
    expect(failed.notModified).toBeUndefined();
  });

  it('renders nothing when nothing it renders from changed, and again as soon as something did', async () => {
    await refresh('monitor');
    let writes = 0;
    const counting: Store = {
      ...h.store,
      putRendition: async (rendition) => {
        writes++;
        await h.store.putRendition(rendition);
      },
    };
    const deps = { ...h.deps, store: counting };
    h.setNow('2025-03-12T12:30:00Z');
    expect(await refreshFeed(deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL })).toMatchObject({
      changed: false,
    });
    expect(writes).toBe(0);
    const retitled = { ...h.feeds.get('monitor')!, title: 'The Qazaqstan Monitor (excerpts)' };
    expect(await refreshFeed(deps, retitled, { publicUrl: PUBLIC_URL })).toMatchObject({ changed: true });
    expect(writes).toBe(3);
    expect((await h.store.getRendition('monitor', 'atom'))!.body).toContain('The Qazaqstan Monitor (excerpts)');
  });

  it('fetches only the new article when the source gains one', async () => {
    await refresh('monitor');
    const hitsBefore = articleHits();
    await h.site.addArticle(
      {
        path: '/science/1110/steppe-rail-link-opens',
        title: 'Steppe Rail Link Opens',
        paragraphs: [
          'The new line joins two regional centres that were a day apart by road. Engineers finished the last bridge in winter.',
          'Freight operators expect the first grain trains within a month. Passenger services follow in the spring.',
          'Local councils said the stations would double as bus hubs for the surrounding villages.',
        ],
      },
      { announce: true },
    );
    const [oldRss] = await renditionBodies('monitor');
    const report = await refresh('monitor');
    expect(report.ok).toBe(true);
    expect(report.fetched).toBe(1);
    expect(articleHits()).toBe(hitsBefore + 1);
    const [newRss] = await renditionBodies('monitor');
    expect(newRss!.etag).not.toBe(oldRss!.etag);
  });

  it('keeps serving the last good feed when the source breaks, and reports why', async () => {
    await refresh('monitor');
    const before = await renditionBodies('monitor');
    h.site.fail('/rss', 500);
    const report = await refresh('monitor');
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'http-status', url: h.site.url('/rss') })]);
    expect(await renditionBodies('monitor')).toEqual(before);
    const state = await h.store.getFeedState('monitor');
    expect(state?.lastReport?.ok).toBe(false);
    expect(state?.lastSuccessAt).toBeDefined();
  });

  it('does not fetch the source again before a Retry-After it sent with a 503', async () => {
    await refresh('monitor');
    // An hour: longer than the backoff after one failure (at most 5 min), so the Retry-After decides.
    h.site.fail('/rss', 503, { 'Retry-After': '3600' });
    const failed = await refresh('monitor');
    expect(failed.errors).toEqual([expect.objectContaining({ code: 'http-status' })]);
    const hits = h.site.hits.get('/rss');
    h.setNow('2025-03-12T12:30:00Z');
    const deferred = await refresh('monitor');
    expect(deferred).toMatchObject({ ok: true, errors: [], sourceDeferredUntil: '2025-03-12T13:00:00.000Z' });
    expect(h.site.hits.get('/rss')).toBe(hits);
    h.site.restore('/rss');
    h.setNow('2025-03-12T13:00:01Z');
    await refresh('monitor');
    expect(h.site.hits.get('/rss')).toBe(hits! + 1);
  });

  it('backs off a source that keeps failing, longer after each failure, and forgets it after a success', async () => {
    await refresh('monitor');
    h.site.fail('/rss', 500);
    let now = Date.parse('2025-03-12T12:00:00Z');
    const waits: number[] = [];
    for (let failures = 1; failures <= 4; failures++) {
      const hits = h.site.hits.get('/rss') ?? 0;
      const report = await refresh('monitor');
      expect(report.ok).toBe(false);
      expect(h.site.hits.get('/rss')).toBe(hits + 1);
      const state = await h.deps.store.getFeedState('monitor');
      expect(state?.consecutiveFailures).toBe(failures);
      const notBefore = Date.parse(state?.retryNotBefore ?? '');
      waits.push((notBefore - now) / 1000);
      // A cron tick before the backoff runs out does not touch the source.
      h.setNow(new Date(notBefore - 1000).toISOString());
      expect((await refresh('monitor')).sourceDeferredUntil).toBe(state?.retryNotBefore);
      expect(h.site.hits.get('/rss')).toBe(hits + 1);
      now = notBefore + 1000;
      h.setNow(new Date(now).toISOString());
    }
    // Exponential with equal jitter: each wait within [d/2, d] for d = 5, 10, 20, 40 min.
    waits.forEach((wait, index) => {
      const delay = 300 * 2 ** index;
      expect(wait).toBeGreaterThanOrEqual(delay / 2);
      expect(wait).toBeLessThanOrEqual(delay);
    });
    h.site.restore('/rss');
    expect((await refresh('monitor')).ok).toBe(true);
    const recovered = await h.deps.store.getFeedState('monitor');
    expect(recovered?.consecutiveFailures).toBe(0);
    h.setNow(new Date(now + 60_000).toISOString());
    const hits = h.site.hits.get('/rss') ?? 0;
    await refresh('monitor');
    expect(h.site.hits.get('/rss')).toBe(hits + 1);
  });

  it('by hand, does not wait out its own backoff, but does wait out the source’s Retry-After', async () => {
    const byHand = () => refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL, byHand: true });
    await refresh('monitor');
    h.site.fail('/rss', 500);
    await refresh('monitor');
    const hits = h.site.hits.get('/rss') ?? 0;
    // A scheduled run waits out the backoff…
    expect((await refresh('monitor')).sourceDeferredUntil).toBeDefined();
    expect(h.site.hits.get('/rss')).toBe(hits);
    // …an operator who fixed the source does not.
    h.site.restore('/rss');
    const fixed = await byHand();
    expect(fixed).toMatchObject({ ok: true, errors: [] });
    expect(fixed.sourceDeferredUntil).toBeUndefined();
    expect(h.site.hits.get('/rss')).toBe(hits + 1);
    // The publisher's own Retry-After binds whoever asks.
    h.site.fail('/rss', 503, { 'Retry-After': '3600' });
    await byHand();
    const deferred = await byHand();
    expect(deferred.sourceDeferredUntil).toBe('2025-03-12T13:00:00.000Z');
    expect(h.site.hits.get('/rss')).toBe(hits + 2);
  });

  it('lets the source stay fresh as long as its Cache-Control max-age says', async () => {
    const rss = await (await fetch(h.site.url('/rss'))).text();
    h.site.setFile('/rss', rss, { headers: { 'Cache-Control': 'public, max-age=600' } });
    await refresh('monitor');
    const hits = h.site.hits.get('/rss');
    h.setNow('2025-03-12T12:09:00Z');
    expect((await refresh('monitor')).sourceDeferredUntil).toBe('2025-03-12T12:10:00.000Z');
    expect(h.site.hits.get('/rss')).toBe(hits);
    h.setNow('2025-03-12T12:10:01Z');
    await refresh('monitor');
    expect(h.site.hits.get('/rss')).toBe(hits! + 1);
  });

  it('reads the site’s robots.txt and tdmrep.json at most once a day, across refreshes', async () => {
    await refresh('monitor');
    expect(h.site.hits.get('/robots.txt')).toBe(1);
    await h.site.addArticle(
      { path: '/science/1111/a', title: 'A', paragraphs: ['One sentence here. Another one there.'] },
      { announce: true },
    );
    h.setNow('2025-03-13T11:59:00Z');
    expect((await refresh('monitor')).fetched).toBe(1);
    expect(h.site.hits.get('/robots.txt')).toBe(1);
    await h.site.addArticle(
      { path: '/science/1112/b', title: 'B', paragraphs: ['One sentence here. Another one there.'] },
      { announce: true },
    );
    h.setNow('2025-03-13T12:00:01Z');
    expect((await refresh('monitor')).fetched).toBe(1);
    expect(h.site.hits.get('/robots.txt')).toBe(2);
    expect(h.site.hits.get('/.well-known/tdmrep.json')).toBe(2);
  });

  it('holds an unchanged page (304) to what its site says now: a new TDM reservation makes it title and backlink only', async () => {
    await refresh('monitor');
    const target = h.site.url('/politics/1101/senate-backs-water-code-overhaul');
    expect(
      (await listItems(h.store, 'monitor', 50)).find((item) => item.url === target)?.excerpt.words,
    ).toBeGreaterThan(0);
    h.site.setFile('/.well-known/tdmrep.json', JSON.stringify([{ location: '/politics/*', 'tdm-reservation': 1 }]), {
      contentType: 'application/json',
    });
    const rss = await (await fetch(h.site.url('/rss'))).text();
    h.site.setFile('/rss', rss.replace('Senate&nbsp;Backs Overhaul', 'Senate Backs the Overhaul'));
    h.setNow('2025-03-13T13:00:00Z'); // past the 24 hours the site's signals are kept
    const report = await refresh('monitor');
    expect(report.fetched).toBe(1);
    expect(h.site.notModified.get('/politics/1101/senate-backs-water-code-overhaul')).toBe(1);
    const item = (await listItems(h.store, 'monitor', 50)).find((entry) => entry.url === target);
    expect(item?.excerpt.words).toBe(0);
    const published = assertValidRss((await h.store.getRendition('monitor', 'rss'))!.body).items.find(
      (entry) => entry.link === target,
    );
    // Nothing of the article: only the sentence saying why.
    expect(htmlToText(published!.html, { dropBacklink: true }).trim()).toBe(
      'The publisher reserves the rights to the text of this article, so no excerpt is shown.',
    );
  });

  it('retries a failing article a few times, then gives up on it without touching the others', async () => {
    const target = '/politics/1101/senate-backs-water-code-overhaul';
    h.site.fail(target, 404);
    const first = await refresh('monitor');
    expect(first.ok).toBe(true);
    expect(first.errors).toEqual([expect.objectContaining({ code: 'http-status' })]);
    expect(first.pending).toBe(1);
    await refresh('monitor');
    const third = await refresh('monitor');
    expect(third.failed).toBe(1);
    expect(third.pending).toBe(0);
    expect(h.site.hits.get(target)).toBe(3);
    const fourth = await refresh('monitor');
    expect(fourth.fetched).toBe(0);
    expect(h.site.hits.get(target)).toBe(3);
  });

  it('converges under a page budget without losing or duplicating items', async () => {
    const seen: number[] = [];
    for (let run = 0; run < 10; run++) {
      const report = await refresh('monitor', 2);
      seen.push(report.fetched);
      if (report.pending === 0) break;
    }
    expect(Math.max(...seen)).toBeLessThanOrEqual(2);
    const items = await listItems(h.store, 'monitor', 50);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    const full = await openHarness();
    try {
      await refreshFeed(full.deps, loadFixtureFeed(full.site.origin, 'monitor'), { publicUrl: PUBLIC_URL });
      expect(items.length).toBe((await listItems(full.store, 'monitor', 50)).length);
    } finally {
      await full.close();
    }
  });
});

describe('every source shape', () => {
  it.each([
    ['blog', /\w/],
    ['listing', /./],
    ['news', /./],
    ['legacy', /[а-яё]/i],
  ])('%s: discovers, extracts and publishes valid feeds', async (id, titlePattern) => {
    const report = await refresh(id);
    expect(report.ok).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.fetched).toBeGreaterThan(0);
    const [rss, atom, json] = await renditionBodies(id);
    assertValidAtom(atom!.body);
    assertValidJsonFeed(json!.body);
    const feed = assertValidRss(rss!.body);
    expect(feed.items.length).toBe(report.fetched);
    for (const item of feed.items) {
      expect(item.title).toMatch(titlePattern);
      expect(htmlToText(item.html, { dropBacklink: true })).not.toMatch(/\uFFFD|Ð|Ñ/);
    }
  });
});
