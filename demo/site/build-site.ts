/**
 * @module demo/site/build-site
 * Every document of the demo site, by path, rendered once from the articles for an origin and a start
 * time: the site is static while it runs, so the server only looks paths up.
 */
import { SECTIONS, articlePath, findSection, imagePath, type DemoArticle, type SectionId } from './article.ts';
import { ENGLISH_ARTICLES } from './articles-en.ts';
import { KAZAKH_ARTICLES, RUSSIAN_ARTICLES } from './articles-ru-kk.ts';
import { renderImage, renderNewsSitemap, renderRobotsTxt, renderRss } from './documents.ts';
import { listingPagePath, renderArticlePage, renderHomePage, renderListingPage } from './pages.ts';

export interface SiteDocument {
  readonly type: string;
  readonly body: string;
}

/** Stories per listing page: 9 English stories make `/news/` three pages long. */
export const LISTING_PAGE_SIZE = 4;

const HTML = 'text/html; charset=utf-8';

const newestFirst = (articles: readonly DemoArticle[]) => [...articles].sort((a, b) => a.hoursAgo - b.hoursAgo);

/** Every article of the site, newest first. */
export const ALL_ARTICLES: readonly DemoArticle[] = newestFirst([
  ...ENGLISH_ARTICLES,
  ...RUSSIAN_ARTICLES,
  ...KAZAKH_ARTICLES,
]);

function addListing(
  documents: Map<string, SiteDocument>,
  options: { title: string; section: SectionId; base: string; articles: readonly DemoArticle[] },
  origin: string,
  now: Date,
): void {
  const pages = Math.max(1, Math.ceil(options.articles.length / LISTING_PAGE_SIZE));
  for (let page = 1; page <= pages; page++) {
    const articles = options.articles.slice((page - 1) * LISTING_PAGE_SIZE, page * LISTING_PAGE_SIZE);
    const listing = { ...options, section: findSection(options.section), articles, page, pages };
    documents.set(listingPagePath(options.base, page), { type: HTML, body: renderListingPage(listing, origin, now) });
  }
}

function addEditionFeeds(documents: Map<string, SiteDocument>, origin: string, now: Date): void {
  const rss = 'application/rss+xml; charset=utf-8';
  const english = ALL_ARTICLES.filter((article) => findSection(article.section).language === 'en');
  documents.set('/rss.xml', { type: rss, body: renderRss(findSection('politics'), '/rss.xml', english, origin, now) });
  for (const id of ['ru', 'kk'] as const) {
    const edition = ALL_ARTICLES.filter((article) => article.section === id);
    const path = `/${id}/rss.xml`;
    documents.set(path, { type: rss, body: renderRss(findSection(id), path, edition, origin, now) });
  }
  const sitemap = renderNewsSitemap(ALL_ARTICLES, origin, now);
  documents.set('/sitemap-news.xml', { type: 'application/xml; charset=utf-8', body: sitemap });
}

/**
 * @example const documents = buildSite('http://127.0.0.1:40123', new Date()); documents.get('/rss.xml')
 */
export function buildSite(origin: string, now: Date): ReadonlyMap<string, SiteDocument> {
  const documents = new Map<string, SiteDocument>();
  documents.set('/', { type: HTML, body: renderHomePage(SECTIONS) });
  documents.set('/robots.txt', { type: 'text/plain; charset=utf-8', body: renderRobotsTxt(origin) });
  addEditionFeeds(documents, origin, now);
  const english = ALL_ARTICLES.filter((article) => findSection(article.section).language === 'en');
  addListing(
    documents,
    { title: 'All English news', section: 'politics', base: '/news/', articles: english },
    origin,
    now,
  );
  for (const section of SECTIONS) {
    const articles = ALL_ARTICLES.filter((article) => article.section === section.id);
    addListing(documents, { title: section.name, section: section.id, base: `/${section.id}/`, articles }, origin, now);
    for (const article of articles) {
      const related = articles.filter((other) => other !== article);
      documents.set(articlePath(article), { type: HTML, body: renderArticlePage(article, related, origin, now) });
      documents.set(imagePath(article), { type: 'image/svg+xml', body: renderImage(article) });
    }
  }
  return documents;
}
