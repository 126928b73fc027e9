/**
 * @module core/extract/extract-article
 * The extract stage: an article page (HTML string + its URL) in, an `ExtractedArticle` out. Pure — no
 * I/O, no clock, no runtime APIs — and total: malformed HTML never throws; at worst the result has
 * `text: ''` and whatever metadata could be read. The page is parsed once, and its JSON-LD read once;
 * metadata and the page facts the signals stage reads (`PageFacts`) come from that document before
 * the body step (which may prune it), then the parts that must never be quoted — `data-nosnippet`
 * elements and JSON-LD paywalled parts — are removed, and Readability works on its own copy of what is
 * left. What the facts mean for re-use is core/signals' business; core/refresh/read-article joins both.
 * Async only because the Readability fallback (and linkedom with it) is imported on the first page that
 * needs it (body.ts); nothing else waits.
 */
import type { ArticleSelectors, ExtractedArticle, SourceEntry, WithUndefined } from '../types.ts';
import { extractBody } from './body.ts';
import { cleanUrl, resolveHttpUrl } from '../url.ts';
import { parseDate } from '../dates.ts';
import type { DomDocument } from '../html-dom.ts';
import { readJsonLd, type JsonLdGraph } from './json-ld.ts';
import { readArticleMetadata, type ArticleMetadata } from './metadata.ts';
import { parseDocument } from '../parse-html.ts';
import { joinParagraphs } from '../paragraphs.ts';
import { readImageCredit } from './image-credit.ts';
import { readPageFacts, type PageFacts } from './page-facts.ts';
import { readPaywallMarkup, type PaywallMarkup } from './paywall.ts';
import { removeUnquotableParts, type PaywalledBody } from './unquotable.ts';

export interface ExtractOptions {
  /** The feed's `article` selectors: `content`/`remove` for the body, `title`/`published`/`author` fields. */
  readonly selectors?: ArticleSelectors | undefined;
  /** What the source (RSS item, sitemap entry, listing) said about this article: fills gaps only. */
  readonly hints?: SourceEntry | undefined;
  /** Offset or IANA zone for dates printed without one (`+05:00`, `Asia/Almaty`); default UTC. */
  readonly timezone?: string | undefined;
}

/** The article, and the page facts its signals are read from (`readPageSignals`). */
export interface ExtractedPage {
  readonly article: ExtractedArticle;
  readonly facts: PageFacts;
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

/** The body text, and why the whole body counts as paywalled when it does. */
interface BodyText {
  readonly text: string;
  readonly paywalledBody?: PaywalledBody | undefined;
}

/**
 * The body text, once the unquotable parts are gone. JSON-LD `articleBody` is the fallback only when
 * nothing had to be cut: it is the whole text, the cut parts included.
 */
async function readBodyText(
  { html, pageUrl }: { readonly html: string; readonly pageUrl: string },
  document: DomDocument,
  options: ExtractOptions,
  metadata: ArticleMetadata,
  paywall: PaywallMarkup,
): Promise<BodyText> {
  let paywalledBody: PaywalledBody | undefined;
  try {
    const removal = removeUnquotableParts(document, paywall.partSelectors);
    paywalledBody = removal.paywalledBody;
    const articleBody = removal.removed > 0 || paywall.partSelectors.length > 0 ? undefined : metadata.articleBody;
    const { selectors } = options;
    const unquotable = paywall.partSelectors;
    const reparse = (): DomDocument => {
      const copy = parseDocument(html);
      removeUnquotableParts(copy, unquotable);
      return copy;
    };
    const { title, authorInMarkup } = metadata;
    const paragraphs = await extractBody(document, {
      selectors,
      articleBody,
      title,
      authorInMarkup,
      html,
      unquotable,
      reparse,
      pageUrl,
    });
    return { text: joinParagraphs(paragraphs), paywalledBody };
  } catch {
    return { text: '', paywalledBody };
  }
}

function readPaywall(jsonLd: JsonLdGraph): PaywallMarkup {
  try {
    return readPaywallMarkup(jsonLd);
  } catch {
    return { restricted: false, partSelectors: [] };
  }
}

/** The page facts; with only the paywall and page URL if the markup cannot be read. */
function readFacts(document: DomDocument, pageUrl: string, paywall: PaywallMarkup): PageFacts {
  try {
    return readPageFacts(document, pageUrl, paywall);
  } catch {
    return { baseUrl: pageUrl, metaByName: new Map(), licenseLinks: [], paywall };
  }
}

/**
 * Drop undefined fields so results compare and serialise cleanly (in the fields' order). A `for…in` over the
 * plain object literal sees its own fields in that order, without the pair arrays `Object.entries` builds.
 */
function compact(article: WithUndefined<ExtractedArticle>): ExtractedArticle {
  const fields: Readonly<Record<string, unknown>> = article;
  const compacted: Record<string, unknown> = {};
  for (const key in fields) if (fields[key] !== undefined) compacted[key] = fields[key];
  return compacted as unknown as ExtractedArticle;
}

/**
 * Extract an article's metadata and body text from its page, and the page facts its signals come from.
 *
 * @example
 *   const { article, facts } = await extractPage(html, 'https://en.qazmonitor.com/news/717/slug', {
 *     selectors: { content: '.article__body', remove: ['.article__share'] },
 *   });
 *   readPageSignals(facts, page.headers, page.url); // { maxSnippet: 120, seen: ['meta robots: max-snippet:120'] }
 */
export async function extractPage(html: string, pageUrl: string, options: ExtractOptions = {}): Promise<ExtractedPage> {
  const page = typeof html === 'string' ? html : '';
  const document = parseDocument(page);
  const jsonLd = readJsonLd(document);
  let metadata: ArticleMetadata;
  try {
    metadata = readArticleMetadata(document, jsonLd, pageUrl, options);
  } catch {
    metadata = readHintsOnly(pageUrl, options);
  }
  const paywall = readPaywall(jsonLd);
  const facts = readFacts(document, pageUrl, paywall);
  // Before the body step, which may prune the figure that holds the credit.
  const imageCredit = readImageCredit(document, jsonLd, metadata.image, pageUrl);
  const { text, paywalledBody } = await readBodyText({ html: page, pageUrl }, document, options, metadata, paywall);
  const { url, title, published, modified, author, image, language, categories } = metadata;
  const article = compact({ url, title, published, modified, author, image, imageCredit, language, categories, text });
  return { article, facts: paywalledBody ? { ...facts, paywalledBody } : facts };
}

/**
 * Extract an article's metadata and body text from its page (`extractPage` without the page facts).
 *
 * @example
 *   const article = await extractArticle(html, 'https://en.qazmonitor.com/news/717/slug', {
 *     selectors: { content: '.article__body', remove: ['.article__share'] },
 *     hints: { url: 'https://en.qazmonitor.com/news/717/slug', published: '2023-01-23T05:11:00.000Z' },
 *     timezone: '+06:00',
 *   });
 *   article.text; // "First paragraph.\n\nSecond paragraph."
 */
export async function extractArticle(
  html: string,
  pageUrl: string,
  options: ExtractOptions = {},
): Promise<ExtractedArticle> {
  return (await extractPage(html, pageUrl, options)).article;
}
