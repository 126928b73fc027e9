/**
 * @module core/extract/metadata
 * Decide each metadata field from the sources a page offers, in the order the design fixes:
 * the feed's selectors win when they match (the operator knows the site); then JSON-LD, Open Graph /
 * meta tags and `<time>`; then generic page conventions (dateline, byline, `<h1>`); the source's own
 * entry (RSS/sitemap hints) only fills what the page lacks. Every value is normalised here: dates to
 * ISO instants, URLs to absolute http(s), languages to canonical BCP 47 tags.
 */
import type { ArticleSelectors, ExtractedArticle, SourceEntry, WithUndefined } from '../types.ts';
import { normalizeLanguage } from '../language.ts';
import { resolveHttpUrl } from '../url.ts';
import { readRegistrableDomain } from '../same-site.ts';
import { readBaseUrl, resolveCanonicalUrl } from './canonical-url.ts';
import { parseDate } from '../dates.ts';
import type { DomDocument } from '../html-dom.ts';
import { readPageMeta, readTimeElementDate, type PageMeta } from './meta.ts';
import { readPageConventions, type PageConventions } from './page-conventions.ts';
import {
  cleanAuthorName,
  findByline,
  findDateline,
  readHeadings,
  readSelectedAuthor,
  readSelectedDate,
  readSelectedText,
} from './page-fields.ts';
import type { JsonLdGraph } from './json-ld.ts';
import { readStructuredData, type StructuredData } from './structured-data.ts';
import { cleanDocumentTitle, stripSiteSuffix } from './title.ts';

export interface MetadataOptions {
  readonly selectors?: ArticleSelectors | undefined;
  readonly hints?: SourceEntry | undefined;
  readonly timezone?: string | undefined;
}

/** Each field as its sources decided it (undefined: none said); `extractPage` drops the undefined ones. */
export type ArticleMetadata = WithUndefined<Omit<ExtractedArticle, 'text'>> & {
  /** JSON-LD `articleBody`, the body's last resort. */
  readonly articleBody?: string | undefined;
  /**
   * Whether JSON-LD or the meta tags name an author (Readability's metadata byline): content scoring then keeps
   * the page's byline element in the tree while it scores, as Readability does (body.ts `BodyOptions`).
   */
  readonly authorInMarkup?: boolean | undefined;
};

/** Feeds list a handful of categories; pages sometimes stuff dozens of keywords. */
const MAX_CATEGORIES = 25;
/** Template placeholders that leak into metadata when a CMS field is empty. */
const PLACEHOLDER = /^(nil|null|undefined|none|n\/a|\[object object\])$/i;

interface Sources {
  readonly document: DomDocument;
  /** The page's convention matches (page-conventions.ts), read on first need, once. */
  readonly conventions: () => PageConventions;
  readonly pageUrl: string;
  readonly data: StructuredData;
  readonly meta: PageMeta;
  readonly options: MetadataOptions;
}

/** Names a title suffix may carry: og:site_name, the JSON-LD publisher, the host's own name. */
function readSiteNames(sources: Sources): (string | undefined)[] {
  let host: string | undefined;
  try {
    host = readRegistrableDomain(new URL(sources.pageUrl).hostname);
  } catch {
    host = undefined;
  }
  return [sources.meta.siteName, sources.data.publisher, host, host?.split('.')[0]];
}

/**
 * The `<title>` without branding. When it is a heading plus decoration ("Story | Site", "Site - Story"),
 * the heading itself is the cleanest cut; otherwise Readability's separator rules decide.
 */
function readDocumentTitle(
  documentTitle: string | undefined,
  h1s: readonly string[],
  readH2s: () => readonly string[],
): string | undefined {
  if (!documentTitle) return undefined;
  const heading = h1s.find((h1) => h1.length >= 10 && h1 !== documentTitle && documentTitle.includes(h1));
  return heading ?? cleanDocumentTitle(documentTitle, [...h1s, ...readH2s()], h1s);
}

/** The title the page's own markup gives: the `<title>` without branding, else its only `<h1>`. */
function readPageTitle({ document, meta, pageUrl }: Sources): string | undefined {
  const h1s = readHeadings(document, 'h1', pageUrl);
  return (
    readDocumentTitle(meta.documentTitle, h1s, () => readHeadings(document, 'h2')) ??
    (h1s.length === 1 ? h1s[0] : undefined)
  );
}

/** Whether most of `text`'s words (or all of it, for scripts without spaces) are in `title`. */
function isMostlyIn(text: string, title: string): boolean {
  const lowerTitle = title.toLowerCase();
  const lowerText = text.toLowerCase();
  if (lowerTitle.includes(lowerText)) return true;
  const words = lowerText.match(/[\p{L}\p{N}]+/gu) ?? [];
  const titleWords = new Set(lowerTitle.match(/[\p{L}\p{N}]+/gu) ?? []);
  return words.length > 0 && words.filter((word) => titleWords.has(word)).length / words.length >= 0.75;
}

/**
 * JSON-LD's `headline`, else its `name`; but the `name` when the two differ and only the name is what the page's
 * `<title>` says: Wikipedia's `headline` is a description ("constitutional monarchy in Oceania" for "New Zealand").
 */
function readStructuredTitle({ data, meta }: Sources): string | undefined {
  const { headline, name } = data;
  if (headline === undefined || name === undefined || headline === name) return headline ?? name;
  const title = meta.documentTitle;
  return title !== undefined && isMostlyIn(name, title) && !isMostlyIn(headline, title) ? name : headline;
}

function chooseTitle(sources: Sources): string | undefined {
  const { document, meta, options } = sources;
  // Each source is read only when those before it are silent: most pages name their title in structured data.
  const title =
    readSelectedText(document, options.selectors?.title) ??
    readStructuredTitle(sources) ??
    meta.title ??
    readPageTitle(sources) ??
    options.hints?.title;
  return title === undefined ? undefined : stripSiteSuffix(title, () => readSiteNames(sources));
}

function choosePublished(sources: Sources): string | undefined {
  const { document, data, meta, options } = sources;
  const timezone = options.timezone;
  return (
    readSelectedDate(document, options.selectors?.published, timezone) ??
    parseDate(data.published, timezone) ??
    // The meta tags' date, else the page's `<time>` (one of them, not both: an unreadable tag date wins).
    parseDate(meta.published ?? readTimeElementDate(document, sources.conventions()), timezone) ??
    findDateline(document, timezone, sources.conventions()) ??
    parseDate(options.hints?.published, timezone)
  );
}

function chooseAuthor(sources: Sources): string | undefined {
  const { document, data, meta, options } = sources;
  return (
    readSelectedAuthor(document, options.selectors?.author) ??
    cleanAuthorName(data.author) ??
    cleanAuthorName(meta.author) ??
    findByline(document, sources.conventions()) ??
    cleanAuthorName(data.organizationAuthor) ??
    cleanAuthorName(options.hints?.author)
  );
}

function chooseImage(sources: Sources): string | undefined {
  const base = readBaseUrl(sources.document, sources.pageUrl);
  return (
    resolveHttpUrl(sources.data.image, base) ??
    resolveHttpUrl(sources.meta.image, base) ??
    resolveHttpUrl(sources.options.hints?.image, sources.pageUrl)
  );
}

function chooseCategories(sources: Sources): string[] {
  const seen = new Set<string>();
  const categories: string[] = [];
  const fromPage = [...sources.data.categories, ...sources.meta.categories];
  const candidates = fromPage.length > 0 ? fromPage : (sources.options.hints?.categories ?? []);
  for (const category of candidates) {
    const key = category.trim().toLowerCase();
    if (key === '' || seen.has(key) || PLACEHOLDER.test(key)) continue;
    seen.add(key);
    categories.push(category.trim());
  }
  return categories.slice(0, MAX_CATEGORIES);
}

/**
 * All metadata of an article page (everything but the body text).
 *
 * @example
 *   readArticleMetadata(document, readJsonLd(document), 'https://example.com/a', { timezone: '+05:00' }).published;
 */
export function readArticleMetadata(
  document: DomDocument,
  jsonLd: JsonLdGraph,
  pageUrl: string,
  options: MetadataOptions = {},
): ArticleMetadata {
  let conventions: PageConventions | undefined;
  const sources: Sources = {
    document,
    conventions: () => (conventions ??= readPageConventions(document)),
    pageUrl,
    data: readStructuredData(jsonLd),
    meta: readPageMeta(document),
    options,
  };
  return {
    url: resolveCanonicalUrl(document, pageUrl, sources.meta.url),
    title: chooseTitle(sources),
    published: choosePublished(sources),
    modified:
      parseDate(sources.data.modified, options.timezone) ??
      parseDate(sources.meta.modified, options.timezone) ??
      parseDate(options.hints?.updated, options.timezone),
    author: chooseAuthor(sources),
    image: chooseImage(sources),
    language:
      normalizeLanguage(sources.data.language) ??
      normalizeLanguage(sources.meta.language) ??
      normalizeLanguage(options.hints?.language),
    categories: chooseCategories(sources),
    articleBody: sources.data.articleBody,
    authorInMarkup:
      sources.data.author !== undefined ||
      sources.data.organizationAuthor !== undefined ||
      sources.meta.author !== undefined,
  };
}
