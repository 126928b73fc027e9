/**
 * @module core/extract/extract-article
 * The extract stage: an article page (HTML string + its URL) in, an `ExtractedArticle` out. Pure — no
 * I/O, no clock, no runtime APIs — and total: malformed HTML never throws; at worst the result has
 * `text: ''` and whatever metadata could be read. The page is parsed once; metadata and the publisher's
 * signals (core/signals) are read from that document before the body step (which may prune it), then
 * the parts that must never be quoted — `data-nosnippet` elements and JSON-LD paywalled parts — are
 * removed, and Readability works on its own copy of what is left.
 */
import { readPageSignals } from '../signals/read-page-signals.ts';
import type { ArticleSelectors, ExtractedArticle, PublisherSignals, SourceEntry } from '../types.ts';
import { extractBody } from './body.ts';
import { cleanUrl, resolveHttpUrl } from '../url.ts';
import { parseDate } from '../dates.ts';
import type { DomDocument } from './dom.ts';
import { readArticleMetadata, type ArticleMetadata } from './metadata.ts';
import { parseDocument } from './parse-html.ts';
import { readImageCredit } from './image-credit.ts';
import { readPaywallMarkup, type PaywallMarkup } from './paywall.ts';
import { joinParagraphs } from './plain-text.ts';
import { removeUnquotableParts } from './unquotable.ts';

export interface ExtractOptions {
  /** The feed's `article` selectors: `content`/`remove` for the body, `title`/`published`/`author` fields. */
  readonly selectors?: ArticleSelectors;
  /** What the source (RSS item, sitemap entry, listing) said about this article: fills gaps only. */
  readonly hints?: SourceEntry;
  /** Offset or IANA zone for dates printed without one (`+05:00`, `Asia/Almaty`); default UTC. */
  readonly timezone?: string;
  /** The page's response headers (`FetchPageResult.headers`): their signals join the page's own. */
  readonly headers?: Readonly<Record<string, string>>;
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

/**
 * The body text, once the unquotable parts are gone. JSON-LD `articleBody` is the fallback only when
 * nothing had to be cut: it is the whole text, the cut parts included.
 */
function readBodyText(
  document: DomDocument,
  options: ExtractOptions,
  metadata: ArticleMetadata,
  paywall: PaywallMarkup,
): string {
  try {
    const removed = removeUnquotableParts(document, paywall.partSelectors);
    const articleBody = removed > 0 || paywall.partSelectors.length > 0 ? undefined : metadata.articleBody;
    return joinParagraphs(extractBody(document, { selectors: options.selectors, articleBody, title: metadata.title }));
  } catch {
    return '';
  }
}

function readPaywall(document: DomDocument): PaywallMarkup {
  try {
    return readPaywallMarkup(document);
  } catch {
    return { restricted: false, partSelectors: [] };
  }
}

/** The page's signals, or undefined when it says nothing (or cannot be read). */
function readSignals(document: DomDocument, pageUrl: string, options: ExtractOptions, paywall: PaywallMarkup) {
  try {
    const signals: Partial<PublisherSignals> = readPageSignals(document, options.headers, pageUrl, paywall);
    return Object.keys(signals).length > 0 ? signals : undefined;
  } catch {
    return undefined;
  }
}

/** Drop undefined fields so results compare and serialise cleanly. */
function compact(article: ExtractedArticle): ExtractedArticle {
  return Object.fromEntries(
    Object.entries(article).filter(([, value]) => value !== undefined),
  ) as unknown as ExtractedArticle;
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
 *   article.signals; // what the page says about re-use, e.g. { maxSnippet: 120, seen: ['meta robots: max-snippet:120'] }
 */
export function extractArticle(html: string, pageUrl: string, options: ExtractOptions = {}): ExtractedArticle {
  const document = parseDocument(typeof html === 'string' ? html : '');
  let metadata: ArticleMetadata;
  try {
    metadata = readArticleMetadata(document, pageUrl, options);
  } catch {
    metadata = readHintsOnly(pageUrl, options);
  }
  const paywall = readPaywall(document);
  const signals = readSignals(document, pageUrl, options, paywall);
  // Before the body step, which may prune the figure that holds the credit.
  const imageCredit = readImageCredit(document, metadata.image, pageUrl);
  const text = readBodyText(document, options, metadata, paywall);
  const { url, title, published, modified, author, image, language, categories } = metadata;
  return compact({ url, title, published, modified, author, image, imageCredit, language, categories, text, signals });
}
