/**
 * @module demo/site/documents
 * The demo site's machine-readable documents: RSS 2.0 per edition, a Google News sitemap, robots.txt
 * and the articles' lead images (small generated SVGs, real image bytes).
 */
import { articlePath, findSection, imagePath, publishedAt, type DemoArticle, type Section } from './article.ts';
import { escapeMarkup } from './markup.ts';

/** RSS 2.0 (https://www.rssboard.org/rss-specification) of one edition, newest first. */
export function renderRss(section: Section, path: string, articles: readonly DemoArticle[], origin: string, now: Date) {
  const items = articles.map((article) => {
    const url = origin + articlePath(article);
    return `    <item>
      <title>${escapeMarkup(article.title)}</title>
      <link>${url}</link>
      <guid isPermaLink="true">${url}</guid>
      <pubDate>${publishedAt(article, now).toUTCString()}</pubDate>
      <dc:creator>${escapeMarkup(article.author)}</dc:creator>
      <category>${escapeMarkup(findSection(article.section).name)}</category>
      <description>${escapeMarkup(article.standfirst)}</description>
    </item>`;
  });
  const newest = articles[0] ? publishedAt(articles[0], now).toUTCString() : now.toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeMarkup(section.publisher)}</title>
    <link>${origin}/</link>
    <description>Invented news from Port Ardel, written for Lede's demo</description>
    <language>${section.language}</language>
    <lastBuildDate>${newest}</lastBuildDate>
    <atom:link rel="self" type="application/rss+xml" href="${origin}${path}"/>
${items.join('\n')}
  </channel>
</rss>
`;
}

/**
 * A news sitemap (https://www.google.com/schemas/sitemap-news/0.9, Google's "Build a Google News sitemap"):
 * every article of every edition, each with its publication, language, date and title.
 */
export function renderNewsSitemap(articles: readonly DemoArticle[], origin: string, now: Date): string {
  const urls = articles.map((article) => {
    const section = findSection(article.section);
    const published = publishedAt(article, now).toISOString();
    return `  <url>
    <loc>${origin}${articlePath(article)}</loc>
    <lastmod>${published}</lastmod>
    <news:news>
      <news:publication>
        <news:name>${escapeMarkup(section.publisher)}</news:name>
        <news:language>${section.language}</news:language>
      </news:publication>
      <news:publication_date>${published}</news:publication_date>
      <news:title>${escapeMarkup(article.title)}</news:title>
    </news:news>
    <image:image><image:loc>${origin}${imagePath(article)}</image:loc></image:image>
  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
${urls.join('\n')}
</urlset>
`;
}

/** robots.txt (RFC 9309) allowing every agent everything, so Lede's politeness costs the demo no time. */
export function renderRobotsTxt(origin: string): string {
  return `# The Ardel Courier welcomes every crawler, Lede included.
User-agent: *
Allow: /

Sitemap: ${origin}/sitemap-news.xml
`;
}

/** A 1200×675 SVG landscape in the article's hue: sky, sun, two hills and a river. */
export function renderImage(article: DemoArticle): string {
  const { hue } = article.image;
  const shade = (light: number) => `hsl(${hue} 45% ${light}%)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675" role="img">
<title>${escapeMarkup(article.image.alt)}</title>
<rect width="1200" height="675" fill="${shade(85)}"/>
<circle cx="900" cy="190" r="90" fill="hsl(${(hue + 40) % 360} 80% 70%)"/>
<path d="M0 430 Q300 250 620 420 T1200 380 V675 H0Z" fill="${shade(55)}"/>
<path d="M0 520 Q400 420 760 520 T1200 500 V675 H0Z" fill="${shade(40)}"/>
<path d="M0 610 C300 580 700 640 1200 600 V640 C700 680 300 620 0 650Z" fill="${shade(70)}"/>
</svg>
`;
}
