/**
 * @module tests/helpers/meta-before
 * src/core/extract/meta.ts as it was before session 22 read only the `<meta>` values of the keys asked for (it
 * decoded and collapsed every tag's content first), split only key attributes holding white space and picked
 * authors and categories with loops instead of flatMap, kept verbatim (imports re-pointed, the entry renamed
 * `readPageMetaBefore`, `readTimeElementDate` left out) as the reference tests/core/extract/meta.test.ts compares
 * `readPageMeta` with. Remove this file, and that comparison, once the change has shipped through a release with
 * the output hashes unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes
 * on purpose.
 */
/**
 * @module core/extract/meta
 * Article metadata from `<meta>` tags and friends: Open Graph (https://ogp.me, including the
 * `article:*` vertical), Twitter cards, Dublin Core, `<meta name=author>`, `itemprop` microdata,
 * `<time datetime>` (HTML §4.5.14), `<html lang>`, `og:locale` and `Content-Language`.
 * Values are raw strings, normalised by the caller.
 */
import { decodeHTMLStrict } from 'entities';
import type { ExtractedArticle, WithUndefined } from '../../src/core/types.ts';
import { hasAncestorTag } from '../../src/core/extract/content-text.ts';
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
} from '../../src/core/html-dom.ts';

/** The article facts every metadata source (JSON-LD, meta tags) may state, as written (dates not yet normalised). */
type ArticleFacts = WithUndefined<
  Pick<ExtractedArticle, 'published' | 'modified' | 'author' | 'image' | 'language' | 'categories'>
>;

/** `published` is what the meta tags say; the `<time>` element is read apart (`readTimeElementDate`). */
interface PageMeta extends ArticleFacts {
  /** og:title, twitter:title or Dublin Core title. */
  readonly title?: string | undefined;
  /** The document's `<title>`. */
  readonly documentTitle?: string | undefined;
  readonly siteName?: string | undefined;
  /** og:url. */
  readonly url?: string | undefined;
}

type MetaValues = ReadonlyMap<string, readonly string[]>;

const KEY_ATTRIBUTES = ['property', 'name', 'itemprop', 'http-equiv'] as const;

/** A `<meta>`'s keys: the words of its key attributes, lower-cased, each once, in the order first seen. */
function readMetaKeys(meta: DomElement): string[] {
  const keys: string[] = [];
  for (const attribute of KEY_ATTRIBUTES) {
    const value = getAttribute(meta, attribute);
    if (value === null) continue;
    for (const key of value.toLowerCase().split(/\s+/)) if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Every `<meta>` value keyed by its lower-cased `property`, `name`, `itemprop` or `http-equiv`. */
function readMetaValues(document: DomDocument): MetaValues {
  const values = new Map<string, string[]>();
  for (const meta of selectAll(document, 'meta')) {
    const content = collapseWhitespace(decodeHTMLStrict(getAttribute(meta, 'content') ?? ''));
    if (content === undefined) continue;
    for (const key of readMetaKeys(meta)) {
      const list = values.get(key);
      if (list) list.push(content);
      else values.set(key, [content]);
    }
  }
  return values;
}

/** The first value found under any of `keys`, in order of preference. */
function pickFirst(values: MetaValues, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = values.get(key)?.[0];
    if (value !== undefined) return value;
  }
  return undefined;
}

const isUrl = (value: string): boolean => /^(https?:)?\/\//i.test(value);

/** `<meta name=author>` and look-alikes; `article:author` is often a profile URL, which is no name. */
function pickAuthor(values: MetaValues): string | undefined {
  const candidates = ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author']
    .flatMap((key) => values.get(key) ?? [])
    .filter((value) => !isUrl(value));
  return candidates[0];
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
  return ['article:section', 'article:tag'].flatMap((key) =>
    (values.get(key) ?? []).flatMap((value) => value.split(',')),
  );
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
export function readPageMetaBefore(document: DomDocument): PageMeta {
  const values = readMetaValues(document);
  return {
    title: pickFirst(values, ['og:title', 'twitter:title', 'dc.title', 'dcterms.title']),
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
