/**
 * @module core/extract/meta
 * Article metadata from `<meta>` tags and friends: Open Graph (https://ogp.me, including the
 * `article:*` vertical), Twitter cards, Dublin Core, `<meta name=author>`, `itemprop` microdata,
 * `<time datetime>` (HTML §4.5.14), `<html lang>`, `og:locale` and `Content-Language`.
 * Values are raw strings, normalised by the caller.
 */
import { decodeHTMLStrict } from 'entities';
import type { ExtractedArticle, WithUndefined } from '../types.ts';
import { parseDate } from '../dates.ts';
import { hasAncestorTag } from './content-text.ts';
import { readPageConventions, type PageConventions } from './page-conventions.ts';
import {
  collapseWhitespace,
  getAttribute,
  readAttribute,
  readRootElement,
  readTextContent,
  selectAll,
  selectFirst,
  type DomDocument,
  type DomElement,
} from '../html-dom.ts';

/** The article facts every metadata source (JSON-LD, meta tags) may state, as written (dates not yet normalised). */
export type ArticleFacts = WithUndefined<
  Pick<ExtractedArticle, 'published' | 'modified' | 'author' | 'image' | 'language' | 'categories'>
>;

/** `published` is what the meta tags say; the `<time>` element is read apart (`readTimeElementDate`). */
export interface PageMeta extends ArticleFacts {
  /** Dublin Core, Open Graph, `<meta name=title>`, Twitter or Parse.ly title (`TITLE_KEYS`). */
  readonly title?: string | undefined;
  /** The document's `<title>`. */
  readonly documentTitle?: string | undefined;
  readonly siteName?: string | undefined;
  /** og:url. */
  readonly url?: string | undefined;
}

/**
 * Every `<meta>`'s `content` as written, keyed by its lower-cased `property`, `name`, `itemprop` or `http-equiv`.
 * A page carries a few dozen, long descriptions among them, and only the values of the keys asked for are read:
 * decoding and collapsing them happens on reading (`readMetaValues`), not here.
 */
type MetaValues = ReadonlyMap<string, readonly string[]>;

const KEY_ATTRIBUTES = ['property', 'name', 'itemprop', 'http-equiv'] as const;
const WHITE_SPACE = /\s/;

/** A `<meta>`'s keys: the words of its key attributes, lower-cased, each once, in the order first seen. */
function readMetaKeys(meta: DomElement): string[] {
  const keys: string[] = [];
  for (const attribute of KEY_ATTRIBUTES) {
    const value = getAttribute(meta, attribute);
    if (value === null) continue;
    const lower = value.toLowerCase();
    // Most name a single key: splitting, a regex run and a list, is then only a copy of it.
    for (const key of WHITE_SPACE.test(lower) ? lower.split(/\s+/) : [lower])
      if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Every `<meta>`'s raw content by key, in document order. */
function collectMetaValues(document: DomDocument): MetaValues {
  const values = new Map<string, string[]>();
  for (const meta of selectAll(document, 'meta')) {
    const content = getAttribute(meta, 'content') ?? '';
    for (const key of readMetaKeys(meta)) {
      const list = values.get(key);
      if (list) list.push(content);
      else values.set(key, [content]);
    }
  }
  return values;
}

/** A content decoded and collapsed; undefined when only white space is left (such a tag says nothing). */
function readMetaValue(content: string): string | undefined {
  return collapseWhitespace(decodeHTMLStrict(content));
}

/** The values under `key` that say something, in document order. */
function readMetaValues(values: MetaValues, key: string): string[] {
  const read: string[] = [];
  for (const content of values.get(key) ?? []) {
    const value = readMetaValue(content);
    if (value !== undefined) read.push(value);
  }
  return read;
}

/** The first value found under any of `keys`, in order of preference. */
function pickFirst(values: MetaValues, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    for (const content of values.get(key) ?? []) {
      const value = readMetaValue(content);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * Title tags in Mozilla Readability's order of preference (Dublin Core, Open Graph, Weibo, `<meta name=title>`,
 * Twitter, Parse.ly), so that Lede and the reader views people compare it with name an article alike; Dublin Core
 * and Twitter keys in either spelling (`property="dc:title"`, `name="DC.title"`).
 */
const TITLE_KEYS = [
  'dc:title',
  'dc.title',
  'dcterm:title',
  'dcterms:title',
  'dcterms.title',
  'og:title',
  'weibo:article:title',
  'weibo:webpage:title',
  'title',
  'twitter:title',
  'parsely-title',
];

/** Author tags in Readability's order (Dublin Core's creator first), then Open Graph's and Sailthru's. */
const AUTHOR_KEYS = [
  'dc:creator',
  'dc.creator',
  'dcterm:creator',
  'dcterms:creator',
  'dcterms.creator',
  'author',
  'parsely-author',
  'article:author',
  'sailthru.author',
];

const isUrl = (value: string): boolean => /^(https?:)?\/\//i.test(value);

/** `<meta name=author>` and look-alikes; `article:author` is often a profile URL, which is no name. */
function pickAuthor(values: MetaValues): string | undefined {
  for (const key of AUTHOR_KEYS) for (const value of readMetaValues(values, key)) if (!isUrl(value)) return value;
  return undefined;
}

/**
 * The publication `<time>`: marked as such if possible, else the first one in the article, else any. Read
 * only when the meta tags name no publication date (`PageMeta.published`) and JSON-LD gave none either.
 *
 * @example
 *   readTimeElementDate(document); // '2023-01-23T10:11:00+05:00'
 */
export function readTimeElementDate(
  document: DomDocument,
  conventions: PageConventions = readPageConventions(document),
): string | undefined {
  // `[itemprop~="datePublished"]`, `time[pubdate]`, `article time[datetime]`, `main time[datetime]`,
  // `time[datetime]`: the first match of each, in that order (page-conventions.ts).
  for (const matches of conventions.times) {
    const element = matches[0];
    // An `<abbr>` carries its machine-readable date in `title` (microformats' hAtom `abbr.published`, as Blogger
    // writes its `itemprop="datePublished"`).
    const value =
      readAttribute(element, 'datetime') ??
      readAttribute(element, 'content') ??
      (element?.name === 'abbr' ? readAttribute(element, 'title') : undefined);
    if (value !== undefined) return element ? withPrintedTime(element, value) : value;
  }
  return undefined;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /(^|\D)([01]?\d|2[0-3]):[0-5]\d(\D|$)/;

/**
 * A date-only `datetime` ("2026-06-22") with the time the page prints beside it, as TYPO3's news template does
 * (`<time datetime="2026-06-22">22.06.2026</time>, 09:15`): the line that holds both, when it reads as the same
 * day; else the date alone, which would otherwise stand for midnight.
 */
function withPrintedTime(element: DomElement, value: string): string {
  if (!DATE_ONLY.test(value) || !element.parent || !('children' in element.parent)) return value;
  const line = collapseWhitespace(readTextContent(element.parent));
  if (line === undefined || line.length > 160 || !TIME_OF_DAY.test(line)) return value;
  const read = parseDate(line);
  return read !== undefined && read.startsWith(value) && !read.startsWith(`${value}T00:00:00`) ? line : value;
}

function pickImage(document: DomDocument, values: MetaValues): string | undefined {
  const fromMeta = pickFirst(values, [
    'og:image:secure_url',
    'og:image:url',
    'og:image',
    'twitter:image',
    'twitter:image:src',
    'thumbnail',
  ]);
  return fromMeta ?? readAttribute(selectFirst(document, 'link[rel~="image_src"]'), 'href');
}

/** `<html lang>`, then og:locale (`en_US` → `en-US`), then Content-Language / Dublin Core. */
function pickLanguage(document: DomDocument, values: MetaValues): string | undefined {
  const root: DomElement | undefined = readRootElement(document);
  return (
    readAttribute(root, 'lang') ??
    readAttribute(root, 'xml:lang') ??
    pickFirst(values, ['og:locale', 'content-language', 'dc.language', 'language'])?.split(',')[0]
  );
}

/** `article:section` and `article:tag` (one tag per tag per OGP, but many sites pack a comma list in one). */
function pickCategories(values: MetaValues): string[] {
  // Loops, not nested flatMap: the flatMaps were a tenth of readPageMeta's cost on the fixture pages.
  const categories: string[] = [];
  for (const key of ['article:section', 'article:tag'])
    for (const value of readMetaValues(values, key)) categories.push(...value.split(','));
  return categories;
}

/**
 * The first `<title>` in a `<head>` (css-select's `head title`), else the first anywhere (`title`): both
 * from the tag index, where css-select would walk the page to test its descendant selector.
 */
function readDocumentTitle(document: DomDocument): string | undefined {
  const titles = selectAll(document, 'title');
  const title = titles.find((element) => hasAncestorTag(element, 'head', -1)) ?? titles[0];
  return title ? collapseWhitespace(readTextContent(title)) : undefined;
}

/**
 * What a page's meta tags say about its article.
 *
 * @example
 *   readPageMeta(parseDocument(html)).published; // '2023-01-23T10:11:00+05:00'
 */
export function readPageMeta(document: DomDocument): PageMeta {
  const values = collectMetaValues(document);
  return {
    title: pickFirst(values, TITLE_KEYS),
    documentTitle: readDocumentTitle(document),
    siteName: pickFirst(values, ['og:site_name', 'application-name', 'apple-mobile-web-app-title']),
    published: pickFirst(values, [
      'article:published_time',
      'og:published_time',
      'datepublished',
      'article:published',
      'pubdate',
      'publishdate',
      'publish-date',
      'parsely-pub-date',
      'sailthru.date',
      'dc.date.issued',
      'dcterms.issued',
      'dc.date',
      'dcterms.date',
      'date',
    ]),
    modified: pickFirst(values, [
      'article:modified_time',
      'og:updated_time',
      'datemodified',
      'dcterms.modified',
      'last-modified',
    ]),
    author: pickAuthor(values),
    image: pickImage(document, values),
    language: pickLanguage(document, values),
    categories: pickCategories(values),
    url: pickFirst(values, ['og:url', 'twitter:url']),
  };
}
