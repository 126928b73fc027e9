/**
 * `refreshFeed`'s two hooks for the processes around it: `onProgress` (the CLI's progress line) is told the
 * counts as articles finish; `signal` (a shutdown) cuts the run short, keeping what finished and leaving
 * what was cut pending with no attempt counted. Real parts: the fixture site, a SQLite file, undici.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFeed, type RefreshProgress } from '../../../src/core/refresh/refresh-feed.ts';
import { createNodeFetchPage } from '../../../src/runtime/node/fetch-page.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  h.site.release(h.site.held);
  await h.close();
});

const HELD = '/hold/held-article';

/** List an article the site parks until released, first in /rss. */
async function addHeldArticle(): Promise<void> {
  const rss = await (await fetch(h.site.url('/rss'))).text();
  const item = `<item><title>Held</title><link>${h.site.url(HELD)}</link><pubDate>Wed, 12 Mar 2025 09:00:00 +0500</pubDate></item>`;
  h.site.setFile('/rss', rss.replace('<item>', `${item}\n<item>`));
}

describe('refreshFeed: progress and stopping', () => {
  it('tells the counts once the pending articles are known, then after each one', async () => {
    const seen: RefreshProgress[] = [];
    const report = await refreshFeed(h.deps, h.feeds.get('monitor')!, {
      publicUrl: PUBLIC_URL,
      onProgress: (progress) => seen.push(progress),
    });
    const total = report.fetched + report.pending + report.failed;
    expect(seen[0]).toEqual({ feedId: 'monitor', done: 0, total, errors: 0 });
    expect(seen.map((progress) => progress.done)).toEqual([...Array(total + 1).keys()]);
    expect(seen.at(-1)).toEqual({ feedId: 'monitor', done: total, total, errors: report.errors.length });
  });

  it('aborted mid-run: publishes what finished, leaves the cut article pending with no attempt counted', async () => {
    await addHeldArticle();
    const stopping = new AbortController();
    const deps = { ...h.deps, fetchPage: createNodeFetchPage({ signal: stopping.signal }) };
    const options = { publicUrl: PUBLIC_URL, signal: stopping.signal };
    let finished = 0;
    const run = refreshFeed(deps, h.feeds.get('monitor')!, {
      ...options,
      onProgress: (progress) => (finished = progress.done),
    });
    await h.site.waitForHeld(1);
    while (finished < 6) await new Promise((resolve) => setTimeout(resolve, 20));
    stopping.abort(new Error('shutting down'));
    const report = await run;
    expect(report).toMatchObject({ ok: true, fetched: 6, pending: 1, failed: 0, changed: true });
    expect(report.errors).toEqual([expect.objectContaining({ url: h.site.url(HELD), code: 'aborted' })]);
    expect(await h.store.getArticle('monitor', h.site.url(HELD))).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await h.store.getRendition('monitor', 'atom')).toBeDefined();

    // A run that starts after the signal does nothing at all.
    const before = await h.store.getFeedState('monitor');
    const late = await refreshFeed(deps, h.feeds.get('monitor')!, options);
    expect(late).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'aborted' })] });
    expect(await h.store.getFeedState('monitor')).toEqual(before);
  });

  it('aborted while reading the source: no failure recorded, the state stays as it was', async () => {
    const stopping = new AbortController();
    const deps = { ...h.deps, fetchPage: createNodeFetchPage({ signal: stopping.signal }) };
    const feed = loadFixtureFeed(h.site.origin, 'monitor', { source: { type: 'feed', url: h.site.url('/hold/rss') } });
    const run = refreshFeed(deps, feed, { publicUrl: PUBLIC_URL, signal: stopping.signal });
    await h.site.waitForHeld(1);
    stopping.abort(new Error('shutting down'));
    expect(await run).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'aborted' })] });
    expect(await h.store.getFeedState('monitor')).toBeUndefined();
  });
});
