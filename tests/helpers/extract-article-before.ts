/**
 * @module tests/helpers/extract-article-before
 * src/core/extract/extract-article.ts `extractPage` as it was before session 22 dropped an article's undefined
 * fields with a `for…in` (it built `Object.entries`' pairs), kept verbatim (imports re-pointed, renamed
 * `extractPageBefore`, `extractArticle` left out) as the reference tests/core/extract/extract-article.test.ts
 * compares the new one with, field order included. Remove this file, and that comparison, once the change has
 * shipped through a release with the output hashes unchanged (tests/core/extract/golden/output-hashes.json), or
 * when the extract stage's result changes on purpose.
 */
import type { ArticleSelectors, ExtractedArticle, SourceEntry, WithUndefined } from '../../src/core/types.ts';
import { extractBody } from '../../src/core/extract/body.ts';
import { cleanUrl, resolveHttpUrl } from '../../src/core/url.ts';
import { parseDate } from '../../src/core/dates.ts';
import type { DomDocument } from '../../src/core/html-dom.ts';
import { readJsonLd, type JsonLdGraph } from '../../src/core/extract/json-ld.ts';
import { readArticleMetadata, type ArticleMetadata } from '../../src/core/extract/metadata.ts';
import { parseDocument } from '../../src/core/parse-html.ts';
import { readImageCredit } from '../../src/core/extract/image-credit.ts';
import { readPageFacts, type PageFacts } from '../../src/core/extract/page-facts.ts';
import { readPaywallMarkup, type PaywallMarkup } from '../../src/core/extract/paywall.ts';
import { joinParagraphs } from '../../src/core/paragraphs.ts';
import { removeUnquotableParts } from '../../src/core/extract/unquotable.ts';

interface ExtractOptions {
  /** The feed's `article` selectors: `content`/`remove` for the body, `title`/`published`/`author` fields. */
  readonly selectors?: ArticleSelectors | undefined;
  /** What the source (RSS item, sitemap entry, listing) said about this article: fills gaps only. */
  readonly hints?: SourceEntry | undefined;
  /** Offset or IANA zone for dates printed without one (`+05:00`, `Asia/Almaty`); default UTC. */
  readonly timezone?: string | undefined;
}

/** The article, and the page facts its signals are read from (`readPageSignals`). */
interface ExtractedPage {
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

/**
 * The body text, once the unquotable parts are gone. JSON-LD `articleBody` is the fallback only when
 * nothing had to be cut: it is the whole text, the cut parts included.
 */
async function readBodyText(
  html: string,
  document: DomDocument,
  options: ExtractOptions,
  metadata: ArticleMetadata,
  paywall: PaywallMarkup,
): Promise<string> {
  try {
    const removed = removeUnquotableParts(document, paywall.partSelectors);
    const articleBody = removed > 0 || paywall.partSelectors.length > 0 ? undefined : metadata.articleBody;
    const { selectors } = options;
    const unquotable = paywall.partSelectors;
    const reparse = (): DomDocument => {
      const copy = parseDocument(html);
      removeUnquotableParts(copy, unquotable);
      return copy;
    };
    const title = metadata.title;
    return joinParagraphs(await extractBody(document, { selectors, articleBody, title, html, unquotable, reparse }));
  } catch {
    return '';
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

/** Drop undefined fields so results compare and serialise cleanly (in the fields' order). */
function compact(article: WithUndefined<ExtractedArticle>): ExtractedArticle {
  const compacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(article)) if (value !== undefined) compacted[key] = value;
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
export async function extractPageBefore(
  html: string,
  pageUrl: string,
  options: ExtractOptions = {},
): Promise<ExtractedPage> {
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
  const text = await readBodyText(page, document, options, metadata, paywall);
  const { url, title, published, modified, author, image, language, categories } = metadata;
  const article = compact({ url, title, published, modified, author, image, imageCredit, language, categories, text });
  return { article, facts };
}
