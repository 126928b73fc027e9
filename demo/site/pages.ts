/**
 * @module demo/site/pages
 * The demo site's HTML: article pages (JSON-LD NewsArticle with its ImageObject and credit, OpenGraph,
 * and the publisher's signals), listing pages with `rel="next"` pagination, and the home page.
 */
import { articlePath, findSection, imagePath, publishedAt, type DemoArticle, type Section } from './article.ts';
import { escapeMarkup, jsonForScript, renderPage } from './markup.ts';

/** Where the subscribers-only part of a paywalled article is; JSON-LD `hasPart.cssSelector` names it. */
export const PREMIUM_SELECTOR = '.story__premium';

/** schema.org NewsArticle, as Google's article and paywalled-content documentation describe it. */
function buildJsonLd(article: DemoArticle, origin: string, now: Date): Record<string, unknown> {
  const section = findSection(article.section);
  const published = publishedAt(article, now).toISOString();
  const image: Record<string, unknown> = { '@type': 'ImageObject', url: origin + imagePath(article) };
  Object.assign(image, { width: 1200, height: 675 }, article.image.credit ? { creditText: article.image.credit } : {});
  const paywalled = article.signal === 'paywalled';
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.standfirst,
    datePublished: published,
    dateModified: published,
    author: { '@type': 'Person', name: article.author },
    image,
    publisher: { '@type': 'Organization', name: section.publisher, url: `${origin}/` },
    mainEntityOfPage: { '@type': 'WebPage', '@id': origin + articlePath(article) },
    inLanguage: section.language,
    articleSection: section.name,
    isAccessibleForFree: !paywalled,
    ...(paywalled
      ? { hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: PREMIUM_SELECTOR } }
      : {}),
  };
}

function renderBody(article: DemoArticle): string {
  const paragraphs = article.paragraphs.map((text) => `<p>${escapeMarkup(text)}</p>`);
  if (article.unquotable !== undefined) paragraphs.push(`<p data-nosnippet>${escapeMarkup(article.unquotable)}</p>`);
  if (article.premium) {
    const premium = article.premium.map((text) => `<p>${escapeMarkup(text)}</p>`).join('\n');
    paragraphs.push(`<div class="${PREMIUM_SELECTOR.slice(1)}">\n${premium}\n</div>`);
  }
  return paragraphs.join('\n');
}

function renderFigure(article: DemoArticle): string {
  const credit = article.image.credit ? `<figcaption>${escapeMarkup(article.image.credit)}</figcaption>` : '';
  const img = `<img src="${imagePath(article)}" alt="${escapeMarkup(article.image.alt)}" width="1200" height="675">`;
  return `<figure class="story__image">${img}${credit}</figure>`;
}

/** One article page, with `related` (other stories of its section) under the article. */
export function renderArticlePage(article: DemoArticle, related: readonly DemoArticle[], origin: string, now: Date) {
  const section = findSection(article.section);
  const url = origin + articlePath(article);
  const published = publishedAt(article, now).toISOString();
  const head = [
    `<meta name="description" content="${escapeMarkup(article.standfirst)}">`,
    ...(article.signal === 'nosnippet' ? ['<meta name="robots" content="nosnippet">'] : []),
    `<link rel="canonical" href="${url}">`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeMarkup(article.title)}">`,
    `<meta property="og:url" content="${url}">`,
    `<meta property="og:image" content="${origin}${imagePath(article)}">`,
    `<meta property="og:site_name" content="${escapeMarkup(section.publisher)}">`,
    `<script type="application/ld+json">\n${jsonForScript(buildJsonLd(article, origin, now))}\n</script>`,
  ];
  const links = related.map((other) => `<li><a href="${articlePath(other)}">${escapeMarkup(other.title)}</a></li>`);
  const body = `<article class="story">
<p class="story__section"><a href="/${section.id}/">${escapeMarkup(section.name)}</a></p>
<h1 class="story__title">${escapeMarkup(article.title)}</h1>
<p class="story__standfirst">${escapeMarkup(article.standfirst)}</p>
<p class="byline"><span class="story__author">${escapeMarkup(article.author)}</span> · <time datetime="${published}">${published.slice(0, 16).replace('T', ' ')} UTC</time></p>
${renderFigure(article)}
<div class="story__body">
${renderBody(article)}
</div>
<aside class="story__related"><h2>${escapeMarkup(section.name)}</h2><ul>${links.join('')}</ul></aside>
</article>`;
  return renderPage({
    title: `${article.title} | ${section.publisher}`,
    language: section.language,
    head,
    body,
    publisher: section.publisher,
  });
}

export interface ListingPage {
  readonly title: string;
  readonly section: Section;
  /** The first page's path, e.g. `/news/`; page n > 1 is `{base}page/{n}/`. */
  readonly base: string;
  readonly articles: readonly DemoArticle[];
  readonly page: number;
  readonly pages: number;
}

export function listingPagePath(base: string, page: number): string {
  return page === 1 ? base : `${base}page/${page}/`;
}

/** A listing page: story cards, and `rel="prev"`/`rel="next"` links in the head and under the list. */
export function renderListingPage(listing: ListingPage, origin: string, now: Date): string {
  const { section, base, page, pages } = listing;
  const relations = [
    ...(page > 1 ? [{ rel: 'prev', href: listingPagePath(base, page - 1), text: 'Newer stories' }] : []),
    ...(page < pages ? [{ rel: 'next', href: listingPagePath(base, page + 1), text: 'Older stories' }] : []),
  ];
  const head = [
    `<link rel="canonical" href="${origin}${listingPagePath(base, page)}">`,
    ...relations.map(({ rel, href }) => `<link rel="${rel}" href="${origin}${href}">`),
  ];
  const cards = listing.articles.map((article) => {
    const published = publishedAt(article, now).toISOString();
    return `<li class="story-card"><h2><a class="story-card__link" href="${articlePath(article)}">${escapeMarkup(article.title)}</a></h2>
<p>${escapeMarkup(article.standfirst)}</p><time datetime="${published}">${published.slice(0, 10)}</time></li>`;
  });
  const pager = relations.map(({ rel, href, text }) => `<a rel="${rel}" href="${href}">${text}</a>`).join(' ');
  const body = `<h1>${escapeMarkup(listing.title)}</h1>
<ol class="stories">
${cards.join('\n')}
</ol>
<nav class="pager" lang="en"><span>Page ${page} of ${pages}</span> ${pager}</nav>`;
  return renderPage({
    title: `${listing.title} | ${section.publisher}`,
    language: section.language,
    head,
    body,
    publisher: section.publisher,
  });
}

/** The home page: what the site offers, for a person who opens it. */
export function renderHomePage(sections: readonly Section[]): string {
  const items = sections.map(
    (section) => `<li><a href="/${section.id}/" lang="${section.language}">${escapeMarkup(section.name)}</a></li>`,
  );
  const body = `<h1>The Ardel Courier</h1>
<p>Invented news from the made-up river city of Port Ardel, for trying Lede offline.</p>
<h2>Sections</h2><ul>${items.join('')}</ul>
<h2>For machines</h2>
<ul><li><a href="/rss.xml">RSS 2.0 (English)</a></li><li><a href="/ru/rss.xml">RSS 2.0 (Russian)</a></li>
<li><a href="/kk/rss.xml">RSS 2.0 (Kazakh)</a></li><li><a href="/sitemap-news.xml">News sitemap</a></li>
<li><a href="/news/">Paginated listing</a></li><li><a href="/robots.txt">robots.txt</a></li></ul>`;
  return renderPage({ title: 'The Ardel Courier', language: 'en', head: [], body, publisher: 'The Ardel Courier' });
}
