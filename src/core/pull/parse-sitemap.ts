/**
 * @module core/pull/parse-sitemap
 * Sitemaps (https://www.sitemaps.org/protocol.html) → entries, or the child sitemaps of an index.
 * Understands the Google News extension (`news:news`: title, publication date, language) and the image
 * extension (`image:image`). Links are resolved but not filtered: the caller applies the site rules.
 */
import { LedeError } from '../errors.ts';
import type { SourceEntry } from '../types.ts';
import { toPlainText } from './html-to-text.ts';
import { compactEntry } from './select-entries.ts';
import { resolveUrl } from './source-urls.ts';
import { parseDate } from '../dates.ts';
import { child, children, isNode, parseXml, text, type XmlNode } from './xml-document.ts';

export type ParsedSitemap =
  | { readonly kind: 'urlset'; readonly entries: SourceEntry[] }
  /** A `<sitemapindex>`: children in document order, `lastmod` as an ISO instant when given. */
  | { readonly kind: 'index'; readonly sitemaps: { readonly url: string; readonly lastmod?: string | undefined }[] };

/** One `<url>`: `lastmod` is when the page last changed; a news publication date is when it was published. */
function readUrl(node: XmlNode, base: string): SourceEntry | undefined {
  const url = resolveUrl(text(node, 'loc'), base);
  if (!url) return undefined;
  const news = child(node, 'news:news');
  const image = resolveUrl(text(child(node, 'image:image'), 'image:loc'), base);
  const keywords =
    text(news, 'news:keywords')
      ?.split(',')
      .map((word) => word.trim())
      .filter(Boolean) ?? [];
  return compactEntry({
    url,
    title: toPlainText(text(news, 'news:title')),
    published: parseDate(text(news, 'news:publication_date')),
    updated: parseDate(text(node, 'lastmod')),
    image,
    language: text(child(news, 'news:publication'), 'news:language'),
    categories: keywords,
  });
}

/**
 * Parse a sitemap or a sitemap index.
 *
 * @example
 * const parsed = parseSitemap(body, 'https://example.com/sitemap.xml');
 * if (parsed.kind === 'index') parsed.sitemaps; // [{ url: 'https://example.com/sitemap-news.xml', lastmod: '…' }]
 */
export function parseSitemap(body: string, sitemapUrl: string): ParsedSitemap {
  const doc = parseXml(body, sitemapUrl);
  const urlset = doc['urlset'];
  if (isNode(urlset) || urlset === '') {
    const entries = children(urlset, 'url').map((node) => readUrl(node, sitemapUrl));
    return { kind: 'urlset', entries: entries.filter((entry): entry is SourceEntry => entry !== undefined) };
  }
  const index = doc['sitemapindex'];
  if (isNode(index) || index === '') {
    const sitemaps = children(index, 'sitemap').flatMap((node) => {
      const url = resolveUrl(text(node, 'loc'), sitemapUrl);
      const lastmod = parseDate(text(node, 'lastmod'));
      return url ? [{ url, lastmod }] : [];
    });
    return { kind: 'index', sitemaps };
  }
  const root = Object.keys(doc).find((key) => !key.startsWith('?')) ?? '(none)';
  throw new LedeError('malformed-source', `${sitemapUrl} is XML but not a sitemap: root element <${root}>`, {
    cause: { rootElement: root },
  });
}
