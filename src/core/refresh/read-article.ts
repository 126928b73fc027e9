/**
 * @module core/refresh/read-article
 * An article page read by both stages that look at it: the extract stage makes the article and gathers
 * the page facts, the signals stage reads what those facts and the response headers say about re-use.
 * The arrow points one way (extract → signals); this is where the two meet.
 */
import { extractPage, type ExtractOptions } from '../extract/extract-article.ts';
import type { PageFacts } from '../extract/page-facts.ts';
import { readPageSignals } from '../signals/read-page-signals.ts';
import type { ExtractedArticle, PublisherSignals } from '../types.ts';

export interface ReadArticleOptions extends ExtractOptions {
  /** The page's response headers (`FetchPageResult.headers`): their signals join the page's own. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** The page's signals, or undefined when it says nothing (or cannot be read). */
function readSignals(facts: PageFacts, pageUrl: string, options: ReadArticleOptions) {
  try {
    const signals: Partial<PublisherSignals> = readPageSignals(facts, options.headers, pageUrl);
    return Object.keys(signals).length > 0 ? signals : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Extract an article from its page, with what the page (and its headers) says about re-use in
 * `signals` — absent when it says nothing. Pure and total, as `extractArticle` is.
 *
 * @example
 * const article = await readArticle(page.body, page.url, { selectors: feed.article, headers: page.headers });
 * article.signals; // e.g. { maxSnippet: 120, seen: ['meta robots: max-snippet:120'] }
 */
export async function readArticle(
  html: string,
  pageUrl: string,
  options: ReadArticleOptions = {},
): Promise<ExtractedArticle> {
  const { article, facts } = await extractPage(html, pageUrl, options);
  const signals = readSignals(facts, pageUrl, options);
  return signals === undefined ? article : { ...article, signals };
}
