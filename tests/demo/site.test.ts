/**
 * @module tests/demo/site.test
 * The demo site's documents, served for real on 127.0.0.1: RSS and the news sitemap are well-formed and
 * list every article; each article page has valid JSON-LD NewsArticle with a served image; the paywalled
 * and nosnippet pages carry their signals as Google documents them; the listing's rel=next chain reaches
 * every English story; conditional GET answers 304.
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSection, type DemoArticle } from '../../demo/site/article.ts';
import { parseHTML } from 'linkedom';
import { ENGLISH_ARTICLES } from '../../demo/site/articles-en.ts';
import { ALL_ARTICLES } from '../../demo/site/build-site.ts';
import { startDemoSite, type DemoSite } from '../../demo/site/server.ts';

const NOW = new Date('2026-03-12T09:30:00Z');
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['item', 'url'].includes(name),
});

let site: DemoSite;
beforeAll(async () => (site = await startDemoSite({ now: NOW })));
afterAll(() => site.close());

async function get(path: string, type: string): Promise<string> {
  const response = await fetch(site.origin + path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type'), path).toContain(type);
  return response.text();
}

/** The slice of linkedom's DOM these checks read (it types its result with the `dom` lib, not loaded here). */
interface HtmlElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}
interface HtmlDocument {
  readonly documentElement: HtmlElement | null;
  querySelector(selector: string): HtmlElement | null;
  querySelectorAll(selector: string): ArrayLike<HtmlElement>;
}

function parseDocument(html: string): HtmlDocument {
  return (parseHTML(html) as unknown as { document: HtmlDocument }).document;
}

function parseXml(xml: string): Record<string, Record<string, unknown>> {
  SyntaxValidator.validate(xml); // throws, saying where, when not well-formed
  return parser.parse(xml) as Record<string, Record<string, unknown>>;
}

function readJsonLd(html: string): Record<string, unknown> {
  const script = parseDocument(html).querySelector('script[type="application/ld+json"]');
  return JSON.parse(script?.textContent ?? '') as Record<string, unknown>;
}

const pathOf = (article: DemoArticle) => `/${article.section}/${article.slug}`;

describe('demo site', () => {
  it('serves a robots.txt that allows every agent everything', async () => {
    expect(await get('/robots.txt', 'text/plain')).toMatch(/^User-agent: \*\nAllow: \/$/m);
  });

  it('has an RSS 2.0 feed per edition listing its articles, newest first', async () => {
    for (const [path, language, count] of [
      ['/rss.xml', 'en', 9],
      ['/ru/rss.xml', 'ru', 3],
      ['/kk/rss.xml', 'kk', 3],
    ] as const) {
      const channel = parseXml(await get(path, 'application/rss+xml'))['rss']!['channel'] as Record<string, unknown>;
      expect(channel['language']).toBe(language);
      const items = channel['item'] as { link: string; pubDate: string }[];
      expect(items).toHaveLength(count);
      const dates = items.map((item) => Date.parse(item.pubDate));
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      for (const item of items) expect(item.link.startsWith(`${site.origin}/`)).toBe(true);
    }
  });

  it('has a Google News sitemap of every article', async () => {
    const xml = await get('/sitemap-news.xml', 'application/xml');
    expect(xml).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    const urls = parseXml(xml)['urlset']!['url'] as Record<string, Record<string, unknown>>[];
    expect(urls.map((url) => url['loc'])).toEqual(ALL_ARTICLES.map((article) => site.origin + pathOf(article)));
    for (const url of urls) expect(Date.parse(String(url['news:news']!['news:publication_date']))).toBeLessThan(+NOW);
  });

  it('serves each article with its language and valid JSON-LD NewsArticle, whose image is served', async () => {
    for (const article of ALL_ARTICLES) {
      const html = await get(pathOf(article), 'text/html');
      expect(parseDocument(html).documentElement?.getAttribute('lang')).toBe(findSection(article.section).language);
      const ld = readJsonLd(html);
      expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: article.title, author: { name: article.author } });
      const image = ld['image'] as { url: string; creditText?: string };
      expect(image.creditText).toBe(article.image.credit);
      SyntaxValidator.validate(await get(new URL(image.url).pathname, 'image/svg+xml'));
    }
  });

  it('marks the paywalled article as Google documents (isAccessibleForFree false, hasPart cssSelector)', async () => {
    const paywalled = ENGLISH_ARTICLES.filter((article) => article.signal === 'paywalled');
    expect(paywalled).toHaveLength(1);
    const html = await get(pathOf(paywalled[0]!), 'text/html');
    const ld = readJsonLd(html);
    expect(ld['isAccessibleForFree']).toBe(false);
    const part = ld['hasPart'] as { '@type': string; isAccessibleForFree: boolean; cssSelector: string };
    expect(part).toMatchObject({ '@type': 'WebPageElement', isAccessibleForFree: false });
    expect(parseDocument(html).querySelector(part.cssSelector)?.textContent).toContain(paywalled[0]!.premium![0]);
  });

  it('marks the nosnippet article with a robots meta tag, and no other', async () => {
    for (const article of ALL_ARTICLES) {
      const robots = parseDocument(await get(pathOf(article), 'text/html')).querySelector('meta[name="robots"]');
      expect(robots?.getAttribute('content') ?? null).toBe(article.signal === 'nosnippet' ? 'nosnippet' : null);
    }
  });

  it('paginates the English listing with rel="next" until every English story is linked', async () => {
    const links: string[] = [];
    let next: string | undefined = '/news/';
    for (let pages = 0; next !== undefined; pages++) {
      expect(pages).toBeLessThan(10);
      const document = parseDocument(await get(next, 'text/html'));
      for (const link of Array.from(document.querySelectorAll('a.story-card__link')))
        links.push(link.getAttribute('href') ?? '');
      const head = document.querySelector('link[rel="next"]')?.getAttribute('href');
      next = document.querySelector('a[rel="next"]')?.getAttribute('href') ?? undefined;
      expect(head ?? undefined).toBe(next === undefined ? undefined : site.origin + next);
    }
    expect(links.sort()).toEqual(ENGLISH_ARTICLES.map(pathOf).sort());
  });

  it('answers a matching If-None-Match with 304, and unknown paths with 404', async () => {
    const first = await fetch(`${site.origin}/rss.xml`);
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${site.origin}/rss.xml`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${site.origin}/nowhere`)).status).toBe(404);
  });
});
