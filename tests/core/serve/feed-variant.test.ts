/**
 * @module tests/core/serve/feed-variant
 * The feed variants and the combined feed over a real node:sqlite store, published by the real publisher:
 * paging stays stable while a refresh adds items between two page requests (a fast-check property, on one
 * feed and on the combined feed, with articles both feeds publish: each shown once, every page full), the
 * licence holds whatever the parameters (embargo, takedown, disabled feed, each combined item under its own
 * licence), and every JSON Feed variant passes the JSON Feed 1.1 schema
 * (tests/fixtures/schema/json-feed-1.1.schema.json) with ajv.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import type { CoreDeps } from '../../../src/core/ports.ts';
import type { RefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { publishFeed } from '../../../src/core/refresh/publish-feed.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import type { Store } from '../../../src/core/store.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { makeItem, makeRecord } from '../../contract/store-conformance-records.ts';
import { silentLog } from '../../helpers/silent-log.ts';

const PUBLIC_URL = 'http://lede.test';
const NOW = new Date('2025-06-01T12:00:00Z');

const schema = JSON.parse(
  readFileSync(new URL('../../fixtures/schema/json-feed-1.1.schema.json', import.meta.url), 'utf8'),
) as object;
const validateJsonFeed = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

function define(id: string, extra: Record<string, unknown> = {}, license: Record<string, unknown> = {}) {
  const raw = {
    title: `Feed ${id}`,
    site: `https://${id}.example/`,
    source: { type: 'feed', url: `https://${id}.example/rss` },
    license: { maxShare: 0.3, attribution: `${id.toUpperCase()} News`, ...license },
    schedule: '0 * * * *',
    maxItems: 5,
    ...extra,
  };
  const result = parseFeedDefinition(id, raw, `${id}.json`);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

const NO_RUNNER: RefreshRunner = {
  refresh: () => Promise.reject(new Error('no refresh in this test')),
  refreshMany: () => Promise.reject(new Error('no refresh in this test')),
  isRunning: () => false,
  idle: () => Promise.resolve(),
};

async function openWorld(feeds: FeedDefinition[]) {
  const store = await openSqliteStore(':memory:');
  const deps: CoreDeps = {
    store,
    clock: () => NOW,
    log: silentLog,
    fetchPage: () => Promise.reject(new Error('no network in this test')),
  };
  const definitions = new Map(feeds.map((feed) => [feed.id, feed]));
  const app = createApp({ store, feeds: definitions, runner: NO_RUNNER, log: silentLog, clock: () => NOW });
  const publish = async () => {
    for (const feed of feeds) await publishFeed(deps, feed, PUBLIC_URL);
  };
  const get = async (path: string) => app.request(path.startsWith('http') ? path : `${PUBLIC_URL}${path}`);
  return { store, publish, get };
}

/** The URL of record `n` of `feedId`: its own, or article `shared`'s, which every feed may publish too. */
function recordUrl(feedId: string, n: number, shared?: number) {
  return shared === undefined ? `https://${feedId}.example/news/${n}` : `https://shared.example/news/${shared}`;
}

/** A licensed record of `feedId`, published at `published` (or undated), with a title to search. */
function addRecord(
  store: Store,
  feedId: string,
  n: number,
  published: string | undefined,
  title = `Item ${n}`,
  shared?: number,
) {
  const url = recordUrl(feedId, n, shared);
  const item = makeItem(url, published ?? 'undated', { title, categories: n % 2 ? ['Экономика'] : ['Спорт'] });
  const discoveredAt = new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString();
  return store.putArticle(makeRecord(feedId, url, { state: 'ready', discoveredAt, item }));
}

interface JsonPage {
  next_url?: string;
  items: { id: string; content_html: string; _lede: { source?: { id: string } } }[];
}

async function readJson(response: Response): Promise<JsonPage> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const page = JSON.parse(text) as JsonPage;
  expect(validateJsonFeed(page), JSON.stringify(validateJsonFeed.errors)).toBe(true);
  return page;
}

/** A date among few, so equal dates (ties) are common; `undefined` for an undated record. */
const publishedArbitrary = fc.option(
  fc.integer({ min: 0, max: 12 }).map((day) => new Date(Date.UTC(2025, 1, 1 + day)).toISOString()),
  { nil: undefined },
);

/**
 * A record to add: its feed, its date, and for about half of them one of a few articles both feeds may
 * publish (the same item id in two feeds; a feed's second record of one article is not added).
 */
const recordArbitrary = fc.tuple(
  fc.constantFrom('alpha', 'beta'),
  publishedArbitrary,
  fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
);

/** Add `[feedId, published, shared]` as record `n`, unless it is a second record of a shared article in its feed. */
async function addGenerated(
  store: Store,
  n: number,
  [feedId, published, shared]: readonly [string, string | undefined, number | undefined],
) {
  if (shared !== undefined && (await store.getArticle(feedId, recordUrl(feedId, n, shared)))) return undefined;
  await addRecord(store, feedId, n, published, `Item ${n}`, shared);
  return { feedId, url: recordUrl(feedId, n, shared) };
}

describe('paging stays stable while items are added between requests (property)', () => {
  it.each([
    ['one feed', '/feeds/alpha.json'],
    ['the combined feed', '/feeds/all.json'],
  ])(
    '%s: following next never repeats an item nor skips one that was there',
    async (_name, path) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(recordArbitrary, { minLength: 1, maxLength: 25 }),
          fc.array(fc.array(recordArbitrary, { maxLength: 4 })),
          fc.integer({ min: 1, max: 4 }),
          async (initial, insertions, limit) => {
            const world = await openWorld([define('alpha'), define('beta')]);
            let n = 0;
            const added = [];
            for (const record of initial) added.push(await addGenerated(world.store, n++, record));
            await world.publish();
            const expected = added
              .filter((record) => record !== undefined)
              .filter(({ feedId }) => path.includes('all') || feedId === 'alpha')
              .map(({ url }) => url);
            const seen: string[] = [];
            let next: string | undefined = `${path}?limit=${limit}`;
            for (let page = 0; next !== undefined && page < 100; page++) {
              const body = await readJson(await world.get(next));
              seen.push(...body.items.map((item) => item.id));
              // A page is full (distinct items, `limit` of them) whenever another follows.
              if (body.next_url !== undefined) expect(body.items).toHaveLength(limit);
              next = body.next_url;
              // A refresh adds items (any dates, older ones too, an article another feed has) before the next page.
              for (const record of insertions[page] ?? []) await addGenerated(world.store, n++, record);
              await world.publish();
            }
            await world.store.close();
            expect(new Set(seen).size).toBe(seen.length);
            expect(seen).toEqual(expect.arrayContaining(expected));
          },
        ),
        { numRuns: 25 },
      );
    },
    60_000,
  );
});

describe('an article several records carry', () => {
  it('is shown once, under its first-discovered record: pages stay full and never repeat it', async () => {
    const world = await openWorld([define('alpha', { maxItems: 10 }), define('beta')]);
    // Articles 0–3 in both feeds (beta discovers them later), 4–5 in alpha only, newest first by article.
    for (let article = 0; article < 6; article++) {
      const published = `2025-03-0${9 - article}T00:00:00Z`;
      await addRecord(world.store, 'alpha', article, published, `Item ${article}`, article);
      if (article < 4) await addRecord(world.store, 'beta', 10 + article, published, `Item ${article}`, article);
    }
    // A second source URL of article 5 in alpha (a tracking variant, discovered later, dated newer), with the
    // article's URL as its item id: skipped, though it sorts first.
    const url = recordUrl('alpha', 0, 5);
    const item = makeItem(url, '2025-03-10T00:00:00Z');
    const discoveredAt = '2025-02-01T00:00:00.000Z';
    await world.store.putArticle(makeRecord('alpha', `${url}?utm=rss`, { state: 'ready', discoveredAt, item }));
    await world.publish();
    const first = await readJson(await world.get('/feeds/all.json?limit=3'));
    expect(first.items.map((shown) => shown.id)).toEqual([0, 1, 2].map((n) => recordUrl('alpha', 0, n)));
    expect(first.items.map((shown) => shown._lede.source?.id)).toEqual(['alpha', 'alpha', 'alpha']);
    const second = await readJson(await world.get(first.next_url ?? ''));
    expect(second.items.map((shown) => shown.id)).toEqual([3, 4, 5].map((n) => recordUrl('alpha', 0, n)));
    expect(second.next_url).toBeUndefined();
    expect((await readJson(await world.get('/feeds/alpha.json?limit=6'))).items).toHaveLength(6);
    await world.store.close();
  });
});

describe('a filter that matches little', () => {
  it('reads at most 500 records per request, and its next link continues where reading stopped', async () => {
    const world = await openWorld([define('alpha')]);
    await addRecord(world.store, 'alpha', 0, '2024-01-01T00:00:00Z', 'The rare needle');
    for (let n = 1; n <= 700; n++)
      await addRecord(world.store, 'alpha', n, new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString());
    await world.publish();
    const first = await readJson(await world.get('/feeds/alpha.json?q=needle'));
    expect(first.items).toEqual([]);
    expect(first.next_url).toMatch(/\?q=needle&after=/);
    const second = await readJson(await world.get(first.next_url ?? ''));
    expect(second.items.map((item) => item.id)).toEqual(['https://alpha.example/news/0']);
    expect(second.next_url).toBeUndefined();
    await world.store.close();
  });
});

describe('the licence holds whatever the parameters', () => {
  it('an embargoed item is in no variant; a taken-down or disabled feed in none, nor in all.*', async () => {
    const embargoed = define('gamma', {}, { delay: '1d' });
    const world = await openWorld([define('alpha'), embargoed, define('beta', { enabled: false })]);
    await addRecord(world.store, 'alpha', 1, '2025-05-01T00:00:00Z', 'Alpha story');
    await addRecord(world.store, 'gamma', 2, '2025-06-01T00:00:00Z', 'Fresh gamma story');
    await addRecord(world.store, 'gamma', 3, '2025-05-01T00:00:00Z', 'Old gamma story');
    await addRecord(world.store, 'beta', 4, '2025-05-02T00:00:00Z', 'Beta story');
    await world.publish();
    const gamma = await readJson(await world.get('/feeds/gamma.json?q=story'));
    expect(gamma.items.map((item) => item.id)).toEqual(['https://gamma.example/news/3']);
    expect((await world.get('/feeds/beta.json?limit=1')).status).toBe(410);
    const all = await readJson(await world.get('/feeds/all.json?limit=5'));
    expect(all.items.map((item) => item._lede.source?.id)).toEqual(['gamma', 'alpha']);
    await world.store.takeDown({ feedId: 'alpha', at: NOW.toISOString() });
    expect((await world.get('/feeds/alpha.json?q=alpha')).status).toBe(410);
    const after = await readJson(await world.get('/feeds/all.json'));
    expect(after.items.map((item) => item.id)).toEqual(['https://gamma.example/news/3']);
    await world.store.close();
  });

  it('?q= never finds text beyond the excerpt the licence in force allows', async () => {
    const world = await openWorld([define('alpha', {}, { maxWords: 3 })]);
    const url = 'https://alpha.example/news/1';
    const excerpt = { paragraphs: ['One two three four five secret.'], words: 6, articleWords: 100, share: 0.06 };
    const item = makeItem(url, '2025-05-01T00:00:00Z', { excerpt });
    await world.store.putArticle(makeRecord('alpha', url, { state: 'ready', item }));
    await world.publish();
    expect((await readJson(await world.get('/feeds/alpha.json?q=secret'))).items).toEqual([]);
    const found = await readJson(await world.get('/feeds/alpha.json?q=one'));
    expect(found.items.map((shown) => shown.id)).toEqual([url]);
    expect(found.items[0]?.content_html).not.toContain('secret');
    await world.store.close();
  });

  it('each combined item carries its own feed’s backlink wording and attribution', async () => {
    const world = await openWorld([
      define('alpha', {}, { attributionText: 'Source: {attribution}.' }),
      define('beta', {}, { attribution: 'Beta Daily' }),
    ]);
    await addRecord(world.store, 'alpha', 1, '2025-05-01T00:00:00Z');
    await addRecord(world.store, 'beta', 2, '2025-05-02T00:00:00Z');
    await world.publish();
    const all = await readJson(await world.get('/feeds/all.json'));
    expect(all.items[0]?.content_html).toMatch(
      /Read the full article at <a href="https:\/\/beta\.example\/news\/2">Beta Daily<\/a>/,
    );
    expect(all.items[1]?.content_html).toMatch(/Source: <a href="https:\/\/alpha\.example\/news\/1">ALPHA News<\/a>\./);
    await world.store.close();
  });
});

describe('JSON Feed 1.1 schema (ajv)', () => {
  it.each([
    '/feeds/alpha.json',
    '/feeds/alpha.json?limit=2',
    '/feeds/alpha.json?category=%D0%AD%D0%9A%D0%9E%D0%9D%D0%9E%D0%9C%D0%98%D0%9A%D0%90&since=2025-02-01',
    '/feeds/all.json?limit=3',
    '/feeds/all.json?q=ITEM',
  ])('%s is a valid JSON Feed 1.1', async (path) => {
    const world = await openWorld([define('alpha'), define('beta')]);
    for (let n = 0; n < 8; n++)
      await addRecord(world.store, n % 3 ? 'alpha' : 'beta', n, `2025-02-0${1 + n}T00:00:00Z`);
    await world.publish();
    const page = await readJson(await world.get(path));
    expect(page.items.length).toBeGreaterThan(0);
    await world.store.close();
  });
});
