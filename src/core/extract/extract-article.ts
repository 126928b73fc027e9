/**
 * @module core/extract/extract-article
 * The extract stage: an article page (HTML string + its URL) in, an `ExtractedArticle` out. Pure — no
 * I/O, no clock, no runtime APIs — and total: malformed HTML never throws; at worst the result has
 * `text: ''` and whatever metadata could be read. The page is parsed once; metadata is read from that
 * document before the body step (which may prune it) and Readability works on its own copy.
 */
import type { ArticleSelectors, ExtractedArticle, SourceEntry } from '../types.ts';
import { extractBody } from './body.ts';
import { cleanUrl, resolveHttpUrl } from './canonical-url.ts';
import { parseDate } from './dates.ts';
import type { DomDocument } from './dom.ts';
import { readArticleMetadata, type ArticleMetadata } from './metadata.ts';
import { parseDocument } from './parse-html.ts';
import { joinParagraphs } from './plain-text.ts';

export interface ExtractOptions {
  /** The feed's `article` selectors: `content`/`remove` for the body, `title`/`published`/`author` fields. */
  readonly selectors?: ArticleSelectors;
  /** What the source (RSS item, sitemap entry, listing) said about this article: fills gaps only. */
  readonly hints?: SourceEntry;
  /** Offset or IANA zone for dates printed without one (`+05:00`, `Asia/Almaty`); default UTC. */
  readonly timezone?: string;
}

/** Metadata from the source entry alone, for when reading the page itself failed. */
function readHintsOnly(pageUrl: string, options: ExtractOptions): ArticleMetadata {
  const hints = options.hints;
  return {
    url: cleanUrl(pageUrl),
    title: hints?.title,
    published: parseDate(hints?.published, options.timezone),
    modified: parseDate(hints?.updated, options.timezone),
    author: hints?.author,
    image: resolveHttpUrl(hints?.image, pageUrl),
    language: hints?.language,
    categories: hints?.categories ?? [],
  };
}

function readBodyText(document: DomDocument, options: ExtractOptions, metadata: ArticleMetadata): string {
  try {
    const { articleBody, title } = metadata;
    return joinParagraphs(extractBody(document, { selectors: options.selectors, articleBody, title }));
  } catch {
    return '';
  }
}

/** Drop undefined fields so results compare and serialise cleanly. */
function compact(article: ExtractedArticle): ExtractedArticle {
  return Object.fromEntries(Object.entries(article).filter(([, value]) => value !== undefined)) as unknown as ExtractedArticle;
}

/**
 * Extract an article's metadata and body text from its page.
 *
 * @example
 *   const article = extractArticle(html, 'https://en.qazmonitor.com/news/717/slug', {
 *     selectors: { content: '.article__body', remove: ['.article__share'] },
 *     hints: { url: 'https://en.qazmonitor.com/news/717/slug', published: '2023-01-23T05:11:00.000Z' },
 *     timezone: '+06:00',
 *   });
 *   article.text; // "First paragraph.\n\nSecond paragraph."
 */
export function extractArticle(html: string, pageUrl: string, options: ExtractOptions = {}): ExtractedArticle {
  const document = parseDocument(typeof html === 'string' ? html : '');
  let metadata: ArticleMetadata;
  try {
    metadata = readArticleMetadata(document, pageUrl, options);
  } catch {
    metadata = readHintsOnly(pageUrl, options);
  }
  const text = readBodyText(document, options, metadata);
  const { url, title, published, modified, author, image, language, categories } = metadata;
  return compact({ url, title, published, modified, author, image, language, categories, text });
}
