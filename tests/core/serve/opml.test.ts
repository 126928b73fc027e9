/**
 * `GET /feeds.opml` over a real SQLite file and the fixture site: which feeds are listed (enabled, not taken
 * down, built or not), hostile titles escaped, URLs under PUBLIC_URL, and dates that follow the feeds, not
 * the clock. The shared route cases (tests/contract/route-cases-http.ts) check the same route on both runtimes.
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { loadFixtureFeed, openHarness, type Harness } from '../../helpers/lede-harness.ts';
import { silentLog } from '../../helpers/silent-log.ts';

const HOSTILE_TITLE = 'Tom & "Jerry" <b>]]>\u0001';

let harness: Harness;
let app: ReturnType<typeof createApp>;

function parse(text: string) {
  SyntaxValidator.validate(text);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'outline',
  });
  return (parser.parse(text) as { opml: { head: Record<string, string>; body: { outline: Record<string, string>[] } } })
    .opml;
}

beforeAll(async () => {
  harness = await openHarness();
  const { origin } = harness.site;
  const feeds: FeedDefinition[] = [
    loadFixtureFeed(origin, 'monitor'),
    loadFixtureFeed(origin, 'blog', { title: HOSTILE_TITLE }),
    loadFixtureFeed(origin, 'legacy', { enabled: false }),
    loadFixtureFeed(origin, 'news'),
  ];
  await harness.store.takeDown({ feedId: 'news', at: '2025-03-01T00:00:00Z', reason: 'publisher asked' });
  const runner = createRefreshRunner(harness.deps, { publicUrl: 'https://feeds.example' });
  app = createApp({
    store: harness.store,
    feeds: new Map(feeds.map((feed) => [feed.id, feed])),
    runner,
    log: silentLog,
    clock: harness.deps.clock,
    publicUrl: 'https://feeds.example/',
  });
}, 30_000);

afterAll(() => harness.close());

describe('GET /feeds.opml', () => {
  it('before any build: enabled, not taken-down feeds, escaped, no dates and no Last-Modified (never 1970)', async () => {
    const response = await app.request('/feeds.opml');
    expect(response.status).toBe(200);
    expect(response.headers.get('last-modified')).toBeNull();
    const text = await response.text();
    expect(text).toContain('text="Tom &amp; &quot;Jerry&quot; &lt;b&gt;]]&gt;"');
    const opml = parse(text);
    expect(opml.head.dateCreated).toBeUndefined();
    expect(opml.head.dateModified).toBeUndefined();
    expect(opml.body.outline.map((outline) => outline.xmlUrl)).toEqual([
      'https://feeds.example/feeds/monitor.rss',
      'https://feeds.example/feeds/blog.rss',
    ]);
    expect(opml.body.outline[1]).toMatchObject({
      title: 'Tom & "Jerry" <b>]]>',
      htmlUrl: harness.feeds.get('blog')?.site,
    });
    // Without a Last-Modified, If-Modified-Since cannot answer 304.
    const since = await app.request('/feeds.opml', { headers: { 'If-Modified-Since': new Date().toUTCString() } });
    expect(since.status).toBe(200);
  });

  it('after a build: dates and Last-Modified are the feed’s, the same on every request', async () => {
    const report = await createRefreshRunner(harness.deps, { publicUrl: 'https://feeds.example' }).refresh(
      loadFixtureFeed(harness.site.origin, 'monitor'),
    );
    expect(report.ok).toBe(true);
    const rss = await app.request('/feeds/monitor.rss', { method: 'HEAD' });
    const first = await app.request('/feeds.opml');
    harness.setNow('2025-03-13T12:00:00Z');
    const second = await app.request('/feeds.opml');
    expect(first.headers.get('last-modified')).toBe(rss.headers.get('last-modified'));
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    const opml = parse(await second.text());
    expect(opml.head.dateModified).toBe(rss.headers.get('last-modified'));
    const since = await app.request('/feeds.opml', {
      headers: { 'If-Modified-Since': first.headers.get('last-modified') ?? '' },
    });
    expect(since.status).toBe(304);
  });
});
