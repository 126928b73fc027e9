/**
 * @module tests/contract/route-cases-aggregators
 * The aggregator half of the HTTP contract, run by both runtimes after the shared route cases seeded them
 * (a real refresh of the fixture site's `monitor`; `queued` is defined but never built): paging (`limit`,
 * `after`, RFC 5005 next links), filters (`category`, `q`, `since`), 400s naming the bad parameter, the
 * combined feed `/feeds/all.*`, and each variant's own validators — never the plain feed's bytes for a
 * variant, on the Worker's Cache API included. Imports nothing runtime-specific.
 */
import { describe, expect, it } from 'vitest';
import { assertValidAtom, assertValidJsonFeed, assertValidRss } from '../helpers/feed-validity.ts';
import type { SendRequest } from './route-cases.ts';

const BASE = 'http://lede.test';

interface JsonPage {
  next_url?: string;
  items: { id: string; title: string; tags?: string[]; date_published: string; summary?: string }[];
  _lede: { license: { attribution: string } };
}
type JsonItem = JsonPage['items'][number];
type SourcedJsonItem = JsonItem & { _lede: { source?: { id: string; feed_url: string; license: object } } };

async function getText(send: SendRequest, path: string, headers: Record<string, string> = {}) {
  const response = await send(new Request(path.startsWith('http') ? path : `${BASE}${path}`, { headers }));
  return { response, body: await response.text() };
}

async function getJson(send: SendRequest, path: string): Promise<JsonPage> {
  const { response, body } = await getText(send, path);
  expect(response.status, body).toBe(200);
  return JSON.parse(body) as JsonPage;
}

/** Every page from `path` on, following next_url. */
async function readAllPages(send: SendRequest, path: string): Promise<JsonPage[]> {
  const pages: JsonPage[] = [];
  for (let next: string | undefined = path; next !== undefined && pages.length < 100;) {
    const page = await getJson(send, next);
    pages.push(page);
    next = page.next_url;
  }
  return pages;
}

function describePaging(send: () => SendRequest): void {
  it('?limit=2 pages through the whole feed by next_url: same items, same order, none twice', async () => {
    const plain = await getJson(send(), '/feeds/monitor.json');
    const pages = await readAllPages(send(), '/feeds/monitor.json?limit=2');
    expect(pages.slice(0, -1).every((page) => page.items.length === 2)).toBe(true);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(plain.items.map((item) => item.id));
    expect(pages[0]?.next_url).toMatch(/^http:\/\/lede\.test\/feeds\/monitor\.json\?limit=2&after=[A-Za-z0-9_-]+$/);
    expect(pages.at(-1)?.next_url).toBeUndefined();
    for (const page of pages) assertValidJsonFeed(JSON.stringify(page));
  });

  it('RSS and Atom pages carry RFC 5005 next links and stay valid', async () => {
    const rss = await getText(send(), '/feeds/monitor.rss?limit=3');
    expect(rss.response.status).toBe(200);
    expect(rss.body).toMatch(
      /<atom:link href="http:\/\/lede\.test\/feeds\/monitor\.rss\?limit=3&amp;after=[\w-]+" rel="next"\/>/,
    );
    expect(assertValidRss(rss.body).items).toHaveLength(3);
    const atom = await getText(send(), '/feeds/monitor.atom?limit=3');
    expect(atom.body).toMatch(
      /<link rel="next" type="application\/atom\+xml" href="http:\/\/lede\.test\/feeds\/monitor\.atom\?limit=3&amp;after=/,
    );
    expect(assertValidAtom(atom.body).items).toHaveLength(3);
  });

  it('a URL with only unknown parameters is the plain feed, byte for byte', async () => {
    const plain = await getText(send(), '/feeds/monitor.rss');
    const other = await getText(send(), '/feeds/monitor.rss?utm_source=reader');
    expect(other.body).toBe(plain.body);
    expect(other.response.headers.get('etag')).toBe(plain.response.headers.get('etag'));
  });
}

function describeFilters(send: () => SendRequest): void {
  it('?category= matches a category whatever its case; ?q= the title, case-insensitively', async () => {
    const plain = await getJson(send(), '/feeds/monitor.json');
    const tagged = plain.items.find((item) => (item.tags ?? []).length > 0);
    const tag = tagged?.tags?.[0] ?? '';
    expect(tag).not.toBe('');
    const byCategory = await getJson(send(), `/feeds/monitor.json?category=${encodeURIComponent(tag.toUpperCase())}`);
    expect(byCategory.items.length).toBeGreaterThan(0);
    const lower = (text: string) => text.toLocaleLowerCase('und');
    expect(byCategory.items.every((item) => (item.tags ?? []).some((t) => lower(t) === lower(tag)))).toBe(true);
    const word = (plain.items[0]?.title ?? '').split(/\s+/).find((w) => w.length > 4) ?? '';
    const byText = await getJson(send(), `/feeds/monitor.json?q=${encodeURIComponent(word.toUpperCase())}`);
    expect(byText.items.map((item) => item.id)).toContain(plain.items[0]?.id);
    const matches = (item: JsonItem) => lower(`${item.title}\n${item.summary ?? ''}`).includes(lower(word));
    expect(byText.items.every(matches)).toBe(true);
  });

  it('?since= keeps the items published at or after it', async () => {
    const plain = await getJson(send(), '/feeds/monitor.json');
    const since = plain.items[2]?.date_published ?? '';
    const page = await getJson(send(), `/feeds/monitor.json?since=${encodeURIComponent(since)}`);
    expect(page.items.map((item) => item.id)).toEqual(
      plain.items.filter((item) => item.date_published >= since).map((item) => item.id),
    );
  });

  const bad: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=two', 'limit'],
    ['limit=1&limit=2', 'limit'],
    ['after=not-a-cursor!', 'after'],
    ['after=WyJ4Il0', 'after'],
    ['since=yesterday', 'since'],
    ['since=2025-13-45', 'since'],
    ['q=', 'q'],
    ['category=%20', 'category'],
  ];
  it.each(bad)('?%s: 400 JSON naming the parameter', async (query, parameter) => {
    for (const path of ['/feeds/monitor.rss', '/feeds/all.json']) {
      const { response, body } = await getText(send(), `${path}?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(body)).toMatchObject({ parameter });
    }
  });
}

function describeVariantValidators(send: () => SendRequest): void {
  it('a variant has its own ETag, answers 304 to it, and HEAD carries it; the plain feed is unchanged', async () => {
    const plainBefore = await getText(send(), '/feeds/monitor.atom');
    const variant = await getText(send(), '/feeds/monitor.atom?limit=1');
    const etag = variant.response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(etag).not.toBe(plainBefore.response.headers.get('etag'));
    expect(variant.response.headers.get('last-modified')).toBe(plainBefore.response.headers.get('last-modified'));
    const again = await getText(send(), '/feeds/monitor.atom?limit=1');
    expect(again.body).toBe(variant.body);
    const notModified = await getText(send(), '/feeds/monitor.atom?limit=1', { 'If-None-Match': etag });
    expect(notModified.response.status).toBe(304);
    expect(notModified.response.headers.get('etag')).toBe(etag);
    expect(notModified.body).toBe('');
    const head = await send()(new Request(`${BASE}/feeds/monitor.atom?limit=1`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    expect(await head.text()).toBe('');
    const plainAfter = await getText(send(), '/feeds/monitor.atom');
    expect(plainAfter.body).toBe(plainBefore.body);
    expect(plainAfter.response.headers.get('etag')).toBe(plainBefore.response.headers.get('etag'));
  });
}

function describeCombined(send: () => SendRequest): void {
  it('GET /feeds/all.json: the built feeds’ items newest first, each naming its source with its licence', async () => {
    const plain = await getJson(send(), '/feeds/monitor.json');
    const all = await getJson(send(), '/feeds/all.json');
    expect(all.items.map((item) => item.id)).toEqual(plain.items.map((item) => item.id));
    for (const item of all.items as SourcedJsonItem[])
      expect(item._lede.source).toMatchObject({ id: 'monitor', feed_url: 'http://lede.test/feeds/monitor.json' });
    expect(all._lede.license.attribution).toBe('the publishers named on each item');
    assertValidJsonFeed(JSON.stringify(all));
    const paged = await readAllPages(send(), '/feeds/all.json?limit=4');
    expect(paged.flatMap((page) => page.items.map((item) => item.id))).toEqual(all.items.map((item) => item.id));
  });

  it('GET /feeds/all.rss and all.atom: valid, every item with its source and its own backlink', async () => {
    const rss = await getText(send(), '/feeds/all.rss');
    expect(rss.response.status).toBe(200);
    expect(rss.response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rssItems = assertValidRss(rss.body).items;
    expect(rss.body.split('<source url="http://lede.test/feeds/monitor.rss">')).toHaveLength(rssItems.length + 1);
    const atom = await getText(send(), '/feeds/all.atom?limit=2');
    expect(assertValidAtom(atom.body).items).toHaveLength(2);
    expect(atom.body.split('<source><id>http://lede.test/feeds/monitor.atom</id>')).toHaveLength(3);
    expect(atom.body).toContain('rel="next"');
    // Each entry states its own source's rights, in the entry (RFC 4287 §4.2.10) and in its atom:source.
    expect(atom.body.split('<rights type="text">Articles © The Qazaqstan Monitor.')).toHaveLength(5);
  });
}

/**
 * Register the aggregator cases for one runtime, inside `describeRouteCases`'s seeded setup.
 * @example describeAggregatorCases(sender)
 */
export function describeAggregatorCases(send: () => SendRequest): void {
  describe('aggregators', () => {
    describePaging(send);
    describeFilters(send);
    describeVariantValidators(send);
    describeCombined(send);
  });
}
