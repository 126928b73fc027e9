/**
 * What readers rely on, end to end on Node's real parts (fixture site on loopback, SQLite file, the app):
 * a feed never built answers 503 + Retry-After (never an empty feed dated 1970); once built, failures
 * keep serving the last good feed; every format's build date is the feed's last build.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { buildFeedMeta, enforceAll } from '../../../src/core/refresh/publish-feed.ts';
import { renderFeed } from '../../../src/core/render/render-feed.ts';
import { FEED_FORMATS } from '../../../src/core/feed-formats.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss } from '../../helpers/feed-validity.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';
import { silentLog } from '../../helpers/silent-log.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ now: '2025-03-12T12:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

function appFor(feed: FeedDefinition) {
  return createApp({
    store: h.store,
    runner: createRefreshRunner(h.deps, { publicUrl: PUBLIC_URL }),
    feeds: new Map([[feed.id, feed]]),
    log: silentLog,
    clock: h.deps.clock,
  });
}

/** The build date each format states: RSS lastBuildDate, Atom feed updated, JSON Feed _lede.updated. */
async function buildDates(feedId: string): Promise<string[]> {
  const rss = (await h.store.getRendition(feedId, 'rss'))!.body;
  const atom = (await h.store.getRendition(feedId, 'atom'))!.body;
  const json = JSON.parse((await h.store.getRendition(feedId, 'json'))!.body) as { _lede: { updated: string } };
  assertValidRss(rss);
  assertValidAtom(atom);
  assertValidJsonFeed(JSON.stringify(json));
  return [
    new Date(/<lastBuildDate>([^<]+)</.exec(rss)?.[1] ?? '').toISOString(),
    new Date(/<\/subtitle>\s*<updated>([^<]+)</.exec(atom)?.[1] ?? '').toISOString(),
    new Date(json._lede.updated).toISOString(),
  ];
}

describe('a feed never built', () => {
  it('answers 503 + Retry-After in every format after failed refreshes, not an empty feed from 1970', async () => {
    const feed = h.feeds.get('monitor')!;
    h.site.fail('/rss', 500);
    for (const now of ['2025-03-12T12:00:00Z', '2025-03-12T13:00:00Z']) {
      h.setNow(now);
      expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ ok: false, changed: false });
    }
    const app = appFor(feed);
    for (const format of ['rss', 'atom', 'json']) {
      const response = await app.request(`/feeds/monitor.${format}`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await response.text()).not.toContain('1970');
    }
  });

  it('is built by the first refresh that reads its source, even with nothing in it, dated that build', async () => {
    const feed = loadFixtureFeed(h.site.origin, 'monitor');
    h.site.fail('/rss', 503, { 'retry-after': '60' });
    await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
    h.setNow('2025-03-12T12:00:30Z'); // within Retry-After: the run is deferred, the source not read
    await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
    expect(await h.store.getRendition('monitor', 'rss')).toBeUndefined();
    h.site.setFile('/rss', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', {
      contentType: 'application/rss+xml',
    });
    h.setNow('2025-03-12T12:05:00Z');
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ ok: true, changed: true });
    expect(await buildDates('monitor')).toEqual(Array(3).fill('2025-03-12T12:05:00.000Z'));
    const response = await appFor(feed).request('/feeds/monitor.rss');
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain('1970');
  });
});

describe('a built feed', () => {
  it('keeps serving the last good feed, bytes and validators, while later refreshes fail', async () => {
    const feed = h.feeds.get('monitor')!;
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ ok: true, changed: true });
    const before = await h.store.getRendition('monitor', 'atom');
    h.site.fail('/rss', 500);
    h.setNow('2025-03-12T14:00:00Z');
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ ok: false, changed: false });
    expect(await h.store.getRendition('monitor', 'atom')).toEqual(before);
    const response = await appFor(feed).request('/feeds/monitor.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(before!.etag);
  });

  it('takes a rendition keyed otherwise (an older input key) without a visible change: same bytes, ETag, Last-Modified', async () => {
    const feed = h.feeds.get('monitor')!;
    await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
    const before = await Promise.all(FEED_FORMATS.map((format) => h.store.getRendition('monitor', format)));
    for (const rendition of before) await h.store.putRendition({ ...rendition!, inputKey: 'an older construction' });
    h.setNow('2025-03-12T15:00:00Z');
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ changed: false });
    const after = await Promise.all(FEED_FORMATS.map((format) => h.store.getRendition('monitor', format)));
    expect(after).toEqual(before);
  });

  it('gives each format a new ETag when its bytes change, and keeps it while they do not', async () => {
    const feed = h.feeds.get('monitor')!;
    const etags = async () =>
      Promise.all(FEED_FORMATS.map(async (format) => (await h.store.getRenditionValidators('monitor', format))!.etag));
    await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
    const first = await etags();
    expect(new Set(first).size).toBe(3);
    h.setNow('2025-03-12T15:00:00Z');
    await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
    expect(await etags()).toEqual(first);
    // The same items, one of them read otherwise (a page re-fetched with a new title): other bytes, other ETags.
    const [record] = await h.store.listPublished('monitor', 1);
    await h.store.putArticle({ ...record!, item: { ...record!.item!, title: 'A corrected title' } });
    h.setNow('2025-03-12T16:00:00Z');
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ changed: true });
    const second = await etags();
    expect((await h.store.getRendition('monitor', 'rss'))!.body).toContain('A corrected title');
    for (const [index, etag] of second.entries()) expect(etag).not.toBe(first[index]);
    expect(new Set(second).size).toBe(3);
  });

  it('states its last build in every format: moved by a change, not by a refresh that finds nothing new', async () => {
    const feed = h.feeds.get('monitor')!;
    await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL });
    expect(await buildDates('monitor')).toEqual(Array(3).fill('2025-03-12T12:00:00.000Z'));
    const lastModified = (await h.store.getRenditionValidators('monitor', 'rss'))!.lastModified;
    expect(lastModified).toBe('2025-03-12T12:00:00.000Z');

    h.setNow('2025-03-12T15:00:00Z');
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ changed: false });
    expect(await buildDates('monitor')).toEqual(Array(3).fill('2025-03-12T12:00:00.000Z'));

    await h.site.addArticle(
      { path: '/science/1200/new', title: 'New', paragraphs: ['A new sentence here. And another one.'] },
      { announce: true },
    );
    h.setNow('2025-03-12T16:00:00Z');
    expect(await refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL })).toMatchObject({ changed: true });
    expect(await buildDates('monitor')).toEqual(Array(3).fill('2025-03-12T16:00:00.000Z'));
    // Publishing with news rendered each format's items once (other items: nothing rendered with the last build
    // to compare): every body is what a render from scratch, dated with the new build, writes.
    const items = enforceAll(await h.store.listPublished('monitor', feed.maxItems), feed);
    const meta = buildFeedMeta(feed, items, PUBLIC_URL, {
      builtAt: '2025-03-12T16:00:00.000Z',
      hub: h.deps.websub?.url,
    });
    for (const format of FEED_FORMATS) {
      expect((await h.store.getRendition('monitor', format))?.body).toBe(renderFeed(format, meta, items));
    }
  });
});
