/**
 * A refresh fetches the next article while the one before is extracted, licensed and stored
 * (src/core/refresh/article-pipeline.ts), without asking more of the site: the fetcher's per-host limit
 * still holds, and a refresh that finds nothing new is one conditional request. Real parts: the fixture
 * site, a SQLite file, undici; the fetcher and the store are only watched, never replaced.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

/** The harness's deps, with each article fetch and each stored article written to `events`. */
function watched(events: string[]): CoreDeps {
  const { fetchPage, store } = h.deps;
  return {
    ...h.deps,
    fetchPage: (request) => {
      if (/^\/[a-z]+\/\d{4}\//.test(new URL(request.url).pathname)) events.push(`fetch ${request.url}`);
      return fetchPage(request);
    },
    // A refresh stores its finished articles a few at a time (src/core/refresh/article-writer.ts).
    store: Object.assign(Object.create(store) as typeof store, {
      putArticles: async (records: Parameters<typeof store.putArticles>[0]) => {
        for (const record of records) if (record.state === 'ready') events.push(`store ${record.sourceUrl}`);
        await store.putArticles(records);
      },
    }),
  };
}

describe('refreshFeed: fetching overlapped with processing', () => {
  it('fetches the next article before the one it read first is stored, even on one lane', async () => {
    const events: string[] = [];
    const report = await refreshFeed(watched(events), h.feeds.get('monitor')!, {
      publicUrl: PUBLIC_URL,
      concurrency: 1,
    });
    expect(report).toMatchObject({ ok: true, errors: [] });
    expect(report.fetched).toBeGreaterThanOrEqual(6);
    const [first, second] = events.filter((event) => event.startsWith('fetch'));
    const firstUrl = first!.slice('fetch '.length);
    expect(events.indexOf(second!)).toBeLessThan(events.indexOf(`store ${firstUrl}`));
    // Every article fetched was stored once.
    const stored = events.filter((event) => event.startsWith('store')).map((event) => event.slice('store '.length));
    const fetched = events.filter((event) => event.startsWith('fetch')).map((event) => event.slice('fetch '.length));
    expect([...stored].sort()).toEqual([...fetched].sort());
  });

  it('asks the site no more than its per-host limit at once, however many lanes the refresh runs', async () => {
    const report = await refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL, concurrency: 6 });
    expect(report.fetched).toBeGreaterThanOrEqual(6);
    expect(h.site.peakConcurrency).toBeLessThanOrEqual(2);
  });

  it('with nothing new, makes one conditional request and fetches no article', async () => {
    await refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL });
    const before = h.site.requests.length;
    h.setNow('2025-03-12T12:30:00Z');
    const report = await refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL });
    expect(report).toMatchObject({ ok: true, fetched: 0, pending: 0, changed: false, notModified: true });
    const requests = h.site.requests.slice(before);
    expect(requests.map((request) => request.path)).toEqual(['/rss']);
    expect(requests[0]?.headers['if-none-match'] ?? requests[0]?.headers['if-modified-since']).toBeDefined();
    expect(requests[0]?.status).toBe(304);
  });

  it('with a source that sends no validators and lists nothing new, reads only the source', async () => {
    h.site.validators = { etag: false, lastModified: false };
    await refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL });
    const before = h.site.requests.length;
    h.setNow('2025-03-12T12:30:00Z');
    const report = await refreshFeed(h.deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL });
    expect(report).toMatchObject({ ok: true, fetched: 0, pending: 0, changed: false });
    expect(report.unchanged).toBe(report.discovered);
    expect(h.site.requests.slice(before).map((request) => request.path)).toEqual(['/rss']);
  });
});
