/**
 * discoverEntries end to end: every source shape of the fixture site, through the real Node fetcher,
 * with the server's own counts as the witness for conditional GET, pagination and child sitemaps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import { discoverEntries, type DiscoverResult } from '../../../src/core/pull/discover-entries.ts';
import type { SourceEntry, SourceSpec } from '../../../src/core/types.ts';
import { createNodeFetchPage, type NodeFetchPage } from '../../../src/runtime/node/fetch-page.ts';
import { fixtureFeedDefinitions } from '../../fixtures/site/definitions.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';

let site: FixtureSite;
let fetchPage: NodeFetchPage;

beforeAll(async () => {
  site = await startFixtureSite();
  fetchPage = createNodeFetchPage({ totalTimeoutMs: 5_000 });
});
afterEach(() => site.reset());
afterAll(async () => {
  await fetchPage.close();
  await site.close();
});

const ARTICLES = {
  1101: '/politics/1101/senate-backs-water-code-overhaul',
  1102: '/economy/1102/tenge-steadies-as-national-bank-holds-rate',
  1103: '/culture/1103/astana-opera-revives-forgotten-kui-cycle',
  1104: '/society/1104/steppe-village-schools-get-satellite-internet',
  1105: '/sport/1105/almaty-skaters-prepare-for-asian-winter-games',
  1106: '/science/1106/baikonur-students-launch-first-cubesat',
  1107: '/culture/1107/nauryz-auyldagy-koktem',
  1108: '/economy/1108/aktau-port-adds-second-ferry-berth',
  1109: '/society/1109/shymkent-volunteers-map-old-quarter-trees',
} as const;
const articleUrls = (...ids: (keyof typeof ARTICLES)[]): string[] => ids.map((id) => site.url(ARTICLES[id]));

async function discoverOk(source: SourceSpec, maxItems = 50): Promise<Extract<DiscoverResult, { status: 'ok' }>> {
  const result = await discoverEntries(fetchPage, source, { maxItems });
  if (result.status !== 'ok') throw new Error('expected entries');
  return result;
}

async function catchCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LedeError);
  return (error as LedeError).code;
}

const byUrl = (entries: SourceEntry[], path: string): SourceEntry | undefined =>
  entries.find((e) => e.url === site.url(path));

describe('discoverEntries: feeds', () => {
  it('reads the RSS 2.0 feed: own articles only, once each, newest first, junk tolerated', async () => {
    const { entries, etag, lastModified } = await discoverOk({ type: 'feed', url: site.url('/rss') });
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103, 1104, 1105, 1106));
    expect(etag).toMatch(/^"/);
    expect(lastModified).toBe('Wed, 12 Mar 2025 06:00:00 GMT');
    expect(byUrl(entries, ARTICLES[1101])).toMatchObject({
      title: 'Senate Backs Overhaul of the Water Code & Irrigation Quotas',
      published: '2025-03-12T04:40:00.000Z',
      author: 'Aigerim Sadykova',
      image: site.url('/img/senate-water.jpg'),
      categories: ['Politics'],
    });
    // utm_* stripped; an image enclosure; a guid-only item; a relative link; a CDATA title with tags.
    expect(byUrl(entries, ARTICLES[1102])?.image).toBe(site.url('/img/tenge-rate.jpg'));
    expect(byUrl(entries, ARTICLES[1103])?.author).toBe('Madina Zhaksylykova');
    expect(byUrl(entries, ARTICLES[1104])?.image).toBe(site.url('/img/village-school.jpg'));
    expect(byUrl(entries, ARTICLES[1105])).toMatchObject({
      title: 'Almaty Speed Skaters Fine-Tune for the Asian Winter Games',
    });
    expect(byUrl(entries, ARTICLES[1105])?.image).toBeUndefined();
    expect(byUrl(entries, ARTICLES[1106])?.published).toBe('2023-01-23T04:11:00.000Z');
  });

  it('reads the Atom variant, resolving links against xml:base', async () => {
    const { entries } = await discoverOk({ type: 'feed', url: site.url('/atom.xml') });
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103, 1104, 1105, 1106));
    expect(byUrl(entries, ARTICLES[1101])).toMatchObject({
      updated: '2025-03-12T06:02:00.000Z',
      categories: ['Politics'],
    });
    expect(byUrl(entries, ARTICLES[1102])?.title).toBe('Tenge Steadies as National Bank Holds Its Base Rate');
  });

  it('reads the RSS 1.0 (RDF) variant', async () => {
    const { entries } = await discoverOk({ type: 'feed', url: site.url('/rdf.xml') });
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103, 1104, 1105, 1106));
    expect(byUrl(entries, ARTICLES[1106])).toMatchObject({
      published: '2023-01-23T04:11:00.000Z',
      author: 'Aliya Nurlanova',
    });
  });

  it('reads the WordPress feed without taking content:encoded as the summary', async () => {
    const { entries } = await discoverOk({ type: 'feed', url: site.url('/blog/feed/') });
    expect(entries.map((e) => e.title)).toEqual([
      'Ten Hours on the Turkestan Night Train',
      'How I Learned to Love Kurt (Eventually)',
      'A Weekend at Charyn Canyon Without a Car',
    ]);
    expect(entries[0]?.summary?.endsWith('[…]')).toBe(true);
    expect(entries[1]?.categories).toEqual(['Food', 'Dairy']);
  });

  it('reads the windows-1251 feed named only by its XML declaration', async () => {
    const { entries } = await discoverOk({ type: 'feed', url: site.url('/legacy/rss') });
    expect(entries.map((e) => e.url)).toEqual(
      ['1003', '1002', '1001'].map((id) => site.url(`/legacy/news/${id}.html`)),
    );
    expect(entries.map((e) => e.title)).toEqual([
      'Студенты Усть-Каменогорска собрали библиотеку для сельской школы',
      'Зимний рейс в Павлодар задержали из-за метели',
      'В Караганде открылся обновлённый краеведческий музей',
    ]);
  });

  it('cuts to maxItems, keeping the newest', async () => {
    const { entries } = await discoverOk({ type: 'feed', url: site.url('/rss') }, 2);
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102));
  });

  it('rejects malformed XML and non-feeds with malformed-source', async () => {
    expect(
      await catchCode(discoverEntries(fetchPage, { type: 'feed', url: site.url('/malformed.xml') }, { maxItems: 5 })),
    ).toBe('malformed-source');
    expect(
      await catchCode(discoverEntries(fetchPage, { type: 'feed', url: site.url('/news/') }, { maxItems: 5 })),
    ).toBe('malformed-source');
  });

  it('says a feed or sitemap source answered an HTML page (200 error page, moved feed), naming its title', async () => {
    for (const type of ['feed', 'sitemap'] as const) {
      const error = await discoverEntries(
        fetchPage,
        { type, url: site.url('/broken/html-error-200') },
        { maxItems: 5 },
      ).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toMatchObject({ code: 'malformed-source' });
      expect((error as Error).message).toBe(
        `${site.url('/broken/html-error-200')} answered an HTML page titled "Error" where a ${type} was expected`,
      );
    }
  });

  it('rejects a source URL that is not a URL as invalid-definition', async () => {
    expect(await catchCode(discoverEntries(fetchPage, { type: 'feed', url: 'not a url' }, { maxItems: 5 }))).toBe(
      'invalid-definition',
    );
  });

  it('passes on the fetch error of a broken source', async () => {
    site.fail('/rss', 503, { 'retry-after': '60' });
    const error = await discoverEntries(fetchPage, { type: 'feed', url: site.url('/rss') }, { maxItems: 5 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'http-status', status: 503, retryAfter: 60 });
  });
});

describe('discoverEntries: conditional GET', () => {
  it('short-circuits with not-modified when the source has not changed', async () => {
    const source: SourceSpec = { type: 'feed', url: site.url('/rss') };
    const first = await discoverOk(source);
    const second = await discoverEntries(fetchPage, source, {
      maxItems: 50,
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second).toEqual({ status: 'not-modified' });
    expect(site.hits.get('/rss')).toBe(2);
    expect(site.notModified.get('/rss')).toBe(1);
  });

  it('sees a new article once the source changes', async () => {
    const source: SourceSpec = { type: 'feed', url: site.url('/rss') };
    const first = await discoverOk(source);
    const rss = await (await fetch(site.url('/rss'))).text();
    const fresh = `<item><title>Breaking</title><link>{{origin}}/politics/1110/breaking</link><pubDate>Thu, 13 Mar 2025 08:00:00 GMT</pubDate></item>`;
    site.setFile('/rss', rss.replace('<item>', `${fresh}<item>`));
    const second = await discoverEntries(fetchPage, source, {
      maxItems: 50,
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(second.status).toBe('ok');
    if (second.status !== 'ok') return;
    expect(second.entries[0]).toEqual({
      url: site.url('/politics/1110/breaking'),
      title: 'Breaking',
      published: '2025-03-13T08:00:00.000Z',
    });
    expect(second.etag).not.toBe(first.etag);
    expect(site.notModified.get('/rss')).toBeUndefined();
  });

  it('sees an article published at test time with site.addArticle', async () => {
    const source: SourceSpec = { type: 'feed', url: site.url('/rss') };
    const first = await discoverOk(source);
    const url = await site.addArticle(
      {
        path: '/politics/1110/akimat-opens-new-library',
        title: 'Akimat Opens a "New" Library & Café',
        paragraphs: ['One.', 'Two.'],
      },
      { announce: true },
    );
    const second = await discoverEntries(fetchPage, source, { maxItems: 50, etag: first.etag });
    expect(second.status === 'ok' && second.entries[0]).toEqual({
      url,
      title: 'Akimat Opens a "New" Library & Café',
      published: '2025-03-13T04:00:00.000Z',
    });
    const page = await (await fetch(url)).text();
    expect(page).toContain(`<link rel="canonical" href="${url}">`);
    expect(page).toContain('13 March, 2025 | 09:00');
    expect(page).toContain('<p>Two.</p>');
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(JSON.parse(jsonLd)).toMatchObject({ headline: 'Akimat Opens a "New" Library & Café', wordCount: 2 });
  });

  it('sends the validators on the first request of a multi-page source only', async () => {
    const source: SourceSpec = {
      type: 'html',
      url: site.url('/news/'),
      links: 'a.news-card__link',
      next: 'a.pagination__next',
      pages: 3,
    };
    const first = await discoverOk(source);
    expect(await discoverEntries(fetchPage, source, { maxItems: 50, etag: first.etag })).toEqual({
      status: 'not-modified',
    });
    expect(site.hits.get('/news/')).toBe(2);
    expect(site.hits.get('/news/page/2/')).toBe(1);
    expect(site.requests.filter((r) => r.headers['if-none-match'] !== undefined).map((r) => r.path)).toEqual([
      '/news/',
    ]);
  });
});

describe('discoverEntries: sitemaps', () => {
  it('follows the index to same-site children, newest lastmod first', async () => {
    const { entries } = await discoverOk({ type: 'sitemap', url: site.url('/sitemap.xml') }, 9);
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103, 1104, 1105, 1107, 1108, 1109, 1106));
    expect(site.requests.map((r) => r.path)).toEqual(['/sitemap.xml', '/sitemap-news.xml', '/sitemap-pages.xml']);
    expect(byUrl(entries, ARTICLES[1107])).toMatchObject({
      title: 'Наурыз: ауылдағы көктемнің алғашқы күні',
      published: '2025-03-07T07:00:00.000Z',
      language: 'kk',
      image: site.url('/img/nauryz.jpg'),
    });
    expect(byUrl(entries, ARTICLES[1108])).toEqual({
      url: site.url(ARTICLES[1108]),
      updated: '2025-03-06T09:20:00.000Z',
    });
  });

  it('stops fetching children once it has enough entries', async () => {
    const { entries } = await discoverOk({ type: 'sitemap', url: site.url('/sitemap.xml') }, 3);
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103));
    expect(site.hits.get('/sitemap-pages.xml')).toBeUndefined();
  });

  it('reads a plain urlset directly', async () => {
    const { entries } = await discoverOk({ type: 'sitemap', url: site.url('/sitemap-pages.xml') });
    expect(entries.map((e) => e.url)).toEqual([...articleUrls(1108, 1109), site.url('/about'), site.url('/contacts')]);
  });

  it('passes on a broken child sitemap', async () => {
    site.fail('/sitemap-news.xml', 500);
    expect(
      await catchCode(discoverEntries(fetchPage, { type: 'sitemap', url: site.url('/sitemap.xml') }, { maxItems: 5 })),
    ).toBe('http-status');
  });
});

describe('discoverEntries: HTML listings', () => {
  const listing = (pages: number, next: string | null = 'a.pagination__next'): SourceSpec => ({
    type: 'html',
    url: site.url('/news/'),
    links: 'a.news-card__link',
    pages,
    next: next ?? undefined,
  });

  it('follows next links for `pages` pages, dropping off-site links and duplicates', async () => {
    const { entries } = await discoverOk(listing(3));
    expect(entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103, 1104, 1105, 1106, 1107, 1108, 1109));
    expect(entries[0]?.title).toBe('Senate Backs Overhaul of the Water Code');
    expect(entries[6]?.title).toBe('Наурыз: ауылдағы көктемнің алғашқы күні');
    expect([...site.hits.keys()]).toEqual(['/news/', '/news/page/2/', '/news/page/3/']);
  });

  it('never loops when the last page links back to the first', async () => {
    const { entries } = await discoverOk(listing(10));
    expect(entries).toHaveLength(9);
    expect(site.hits.get('/news/')).toBe(1);
  });

  it('reads one page by default, or when no next selector is given', async () => {
    expect((await discoverOk(listing(1))).entries.map((e) => e.url)).toEqual(articleUrls(1101, 1102, 1103));
    expect((await discoverOk(listing(3, null))).entries).toHaveLength(3);
    expect([...site.hits.keys()]).toEqual(['/news/']);
  });
});

describe('fixtureFeedDefinitions', () => {
  it('gives every shape a source the fixture site serves', async () => {
    const definitions = fixtureFeedDefinitions(site.origin);
    expect(Object.keys(definitions).sort()).toEqual(['blog', 'legacy', 'listing', 'monitor', 'news', 'signals']);
    for (const [id, definition] of Object.entries(definitions)) {
      const source = definition['source'] as SourceSpec;
      const spec = source.type === 'html' ? { ...source, pages: source.pages } : source;
      const { entries } = await discoverOk(spec, definition['maxItems'] as number);
      expect(entries.length, id).toBeGreaterThanOrEqual(3);
    }
  });
});
