/**
 * End to end on Node's real parts (fixture site, undici, SQLite file): the licence engine over time.
 * The audit catches an excerpt altered in the store and publishing never lets it out over the policy;
 * a stricter licence re-cuts stored excerpts without refetching, a looser one re-fetches lazily; the
 * embargo holds items back; the kill switch purges and answers 410, persists across a restart, and lifts.
 */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeWordAllowance } from '../../../src/core/license/build-excerpt.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { auditFeed } from '../../../src/core/refresh/audit-feed.ts';
import { createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { FEED_FORMATS } from '../../../src/core/feed-formats.ts';
import { publishFeed } from '../../../src/core/refresh/publish-feed.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { assertValidJsonFeed, htmlToText } from '../../helpers/feed-validity.ts';
import { loadFixtureFeed, openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';
import { listItems } from '../../helpers/published-items.ts';

const TOKEN = 'test-admin-token';

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.close();
});

const monitor = (license: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): FeedDefinition =>
  loadFixtureFeed(h.site.origin, 'monitor', {
    license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor', ...license },
    ...extra,
  });

const refresh = (feed: FeedDefinition, maxPages?: number) =>
  refreshFeed(h.deps, feed, { publicUrl: PUBLIC_URL, maxPages });

const articleHits = () =>
  [...h.site.hits.entries()].filter(([p]) => /^\/[a-z]+\/\d{4}\//.test(p)).reduce((sum, [, n]) => sum + n, 0);

function appFor(feed: FeedDefinition) {
  const feeds = new Map([[feed.id, feed]]);
  const runner = createRefreshRunner(h.deps, { publicUrl: PUBLIC_URL });
  return createApp({ store: h.store, feeds, runner, adminToken: TOKEN, log: h.deps.log, clock: h.deps.clock });
}
const auth = { Authorization: `Bearer ${TOKEN}` };

/** Write an item's excerpt straight into the SQLite file, as an attacker or a bad migration would. */
function tamperExcerpt(url: string, paragraphs: readonly string[]): void {
  const db = new DatabaseSync(path.join(h.dir, 'lede.sqlite'));
  db.prepare(
    "UPDATE articles SET item = json_set(item, '$.excerpt.paragraphs', json(?)) WHERE feed_id = 'monitor' AND source_url = ?",
  ).run(JSON.stringify(paragraphs), url);
  db.close();
}

describe('audit', () => {
  it('passes a freshly built feed, over HTTP with the admin token only', async () => {
    await refresh(monitor());
    const report = await auditFeed(h.deps, monitor());
    expect(report).toMatchObject({ feedId: 'monitor', ok: true, failing: 0, findings: [] });
    expect(report.checked).toBe(6);
    expect(report.maxShare).toBeLessThanOrEqual(0.3);
    const app = appFor(monitor());
    expect((await app.request('/feeds/monitor/audit')).status).toBe(401);
    const response = await app.request('/feeds/monitor/audit', { headers: auth });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, checked: 6 });
    expect((await app.request('/feeds/nope/audit', { headers: auth })).status).toBe(404);
  });

  it('catches an excerpt altered in the store, and publishing still holds it to the policy', async () => {
    await refresh(monitor());
    const [record] = await h.store.listPublished('monitor', 1);
    const url = record!.sourceUrl;
    const longer = [
      `${record!.item!.excerpt.paragraphs.join(' ')} ${'Injected words beyond the licence. '.repeat(40)}`,
    ];
    tamperExcerpt(url, longer);
    const report = await auditFeed(h.deps, monitor());
    expect(report).toMatchObject({ ok: false, failing: 1 });
    expect(report.findings[0]!.url).toBe(record!.item!.url);
    expect(report.findings[0]!.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['excerpt-hash', 'word-count', 'over-policy']),
    );

    // Publishing alone (no refresh) re-cuts it in memory.
    await publishFeed(h.deps, monitor(), PUBLIC_URL);
    const json = assertValidJsonFeed((await h.store.getRendition('monitor', 'json'))!.body);
    const published = json.items.find((item) => item.link === record!.item!.url)!;
    const allowance = computeWordAllowance(resolvePolicy(monitor().license), record!.audit!.articleWords);
    // The summary is the excerpt's text alone (the HTML also shows the image credit, which is not the article's).
    expect(countWords(published.summary!)).toBeLessThanOrEqual(allowance);
    expect(htmlToText(published.html)).toContain(published.summary!.split('\n\n')[0]!);
    // Refreshes do not launder the altered excerpt, not even a stricter licence's re-cut: the audit still reports it.
    h.setNow('2025-03-12T13:00:00Z');
    await refresh(monitor());
    expect((await auditFeed(h.deps, monitor())).findings.map((f) => f.url)).toEqual([record!.item!.url]);
    const stricter = await refresh(monitor({ maxShare: 0.2 }));
    expect(stricter.recut).toBe(5);
    const after = await auditFeed(h.deps, monitor({ maxShare: 0.2 }));
    expect(after.findings.map((f) => [f.url, f.problems.some((p) => p.code === 'excerpt-hash')])).toEqual([
      [record!.item!.url, true],
    ]);
  });

  it('catches an altered excerpt that stays within the numbers by its hash', async () => {
    await refresh(monitor());
    const [record] = await h.store.listPublished('monitor', 1);
    tamperExcerpt(record!.sourceUrl, ['Words the article never said.']);
    const report = await auditFeed(h.deps, monitor());
    expect(report.findings.map((f) => f.problems.map((p) => p.code))).toEqual([
      expect.arrayContaining(['excerpt-hash']),
    ]);
  });
});

describe('licence changes', () => {
  it('stricter: re-cuts stored excerpts without fetching a page again', async () => {
    await refresh(monitor());
    const hits = articleHits();
    h.setNow('2025-03-12T12:30:00Z');
    const report = await refresh(monitor({ maxShare: 0.1 }));
    expect(report).toMatchObject({ ok: true, fetched: 0, recut: 6, changed: true });
    expect(articleHits()).toBe(hits);
    for (const record of await h.store.listPublished('monitor', 50)) {
      expect(record.item!.excerpt.words).toBeLessThanOrEqual(Math.floor(0.1 * record.audit!.articleWords));
      expect(record.audit).toMatchObject({ excerptWords: record.item!.excerpt.words, policy: { maxShare: 0.1 } });
    }
    expect(await auditFeed(h.deps, monitor({ maxShare: 0.1 }))).toMatchObject({ ok: true });
  });

  it('looser: re-fetches lazily, within each run’s page budget, keeping the smaller excerpt meanwhile', async () => {
    await refresh(monitor({ maxShare: 0.1 }));
    const hits = articleHits();
    h.setNow('2025-03-12T12:30:00Z');
    const first = await refresh(monitor({ maxShare: 0.3 }), 2);
    expect(first).toMatchObject({ requeued: 6, fetched: 2, pending: 4 });
    expect(articleHits()).toBe(hits + 2);
    const items = await h.store.listPublished('monitor', 50);
    expect(items).toHaveLength(6);
    const widened = items.filter((record) => record.item!.excerpt.words > Math.floor(0.1 * record.audit!.articleWords));
    expect(widened).toHaveLength(2);
    for (const record of items)
      expect(record.item!.excerpt.words).toBeLessThanOrEqual(Math.floor(0.3 * record.audit!.articleWords));
    const second = await refresh(monitor({ maxShare: 0.3 }));
    expect(second).toMatchObject({ fetched: 4, pending: 0 });
    expect(second.requeued).toBeUndefined();
    expect(articleHits()).toBe(hits + 6);
  });
});

describe('embargo (license.delay)', () => {
  it('publishes an article only once the delay after its publication has passed', async () => {
    const url = await h.site.addArticle(
      {
        path: '/science/1110/fresh-story',
        title: 'A Fresh Story',
        paragraphs: ['First sentence here. Second sentence here.', 'More text follows.'],
        published: '2025-03-12T11:30:00Z',
      },
      { announce: true },
    );
    const feed = monitor({ delay: '2h' });
    await refresh(feed);
    const ids = async () => (await listItems(h.store, 'monitor', 50)).map((item) => item.url);
    expect(await ids()).toContain(url);
    const links = async () =>
      assertValidJsonFeed((await h.store.getRendition('monitor', 'json'))!.body).items.map((item) => item.link);
    expect(await links()).not.toContain(url);
    expect(await links()).toHaveLength(6);
    h.setNow('2025-03-12T13:31:00Z');
    await refresh(feed);
    expect(await links()).toContain(url);
  });
});

describe('takedown on Node', () => {
  it('purges items and renditions at once, answers 410, survives a restart, and lifts', async () => {
    await refresh(monitor());
    const app = appFor(monitor());
    expect((await app.request('/feeds/monitor.rss')).status).toBe(200);
    expect((await app.request('/admin/takedown/monitor', { method: 'POST' })).status).toBe(401);
    const down = await app.request('/admin/takedown/monitor', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{"reason":"publisher request"}',
    });
    expect(down.status).toBe(200);
    expect(await down.json()).toMatchObject({
      feedId: 'monitor',
      reason: 'publisher request',
      purged: { renditions: 3 },
    });
    for (const format of FEED_FORMATS) {
      const gone = await app.request(`/feeds/monitor.${format}`);
      expect(gone.status).toBe(410);
      expect(gone.headers.get('cache-control')).toBe('no-store');
    }
    expect(await listItems(h.store, 'monitor', 50)).toEqual([]);
    expect(await h.store.listPending('monitor', 50)).toEqual([]);

    const hits = articleHits();
    const report = await refresh(monitor());
    expect(report).toMatchObject({ ok: false, errors: [expect.objectContaining({ code: 'taken-down' })] });
    expect(articleHits()).toBe(hits);

    const reopened = await openSqliteStore(path.join(h.dir, 'lede.sqlite'));
    expect(await reopened.getTakedown('monitor')).toMatchObject({ feedId: 'monitor', reason: 'publisher request' });
    await reopened.close();

    expect((await app.request('/admin/takedown/monitor', { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await app.request('/feeds/monitor.rss')).status).toBe(503);
    expect((await app.request('/admin/refresh/monitor', { method: 'POST', headers: auth })).status).toBe(200);
    expect((await app.request('/feeds/monitor.rss')).status).toBe(200);
  });

  it('"enabled": false answers 410 and purges what was stored; re-enabling lifts it', async () => {
    await refresh(monitor());
    const disabled = monitor({}, { enabled: false });
    const app = appFor(disabled);
    expect((await app.request('/feeds/monitor.atom')).status).toBe(410);
    expect(await listItems(h.store, 'monitor', 50)).toEqual([]);
    expect(await h.store.getRendition('monitor', 'atom')).toBeUndefined();
    expect((await app.request('/admin/takedown/monitor', { method: 'DELETE', headers: auth })).status).toBe(409);
    expect((await refresh(disabled)).errors[0]?.code).toBe('taken-down');
    const report = await refresh(monitor());
    expect(report).toMatchObject({ ok: true, fetched: 6 });
    expect((await appFor(monitor()).request('/feeds/monitor.atom')).status).toBe(200);
  });
});
