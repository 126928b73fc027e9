/**
 * @module core/extract/body
 * Find the article body and turn it into paragraphs. In order of trust:
 *  1. the feed's `article.content` selector (the operator knows the site), after `article.remove` and
 *     the generic junk clean-up;
 *  2. Mozilla Readability (the Firefox Reader View engine) on a copy of the document — it mutates
 *     what it is given;
 *  3. JSON-LD `articleBody` (schema.org/Article), when both fail or find much less text.
 */
import { Readability } from '@mozilla/readability';
import type { ArticleSelectors } from '../types.ts';
import { selectAll, type DomDocument, type DomElement } from './dom.ts';
import { removeJunk } from './junk.ts';
import { splitPlainText, toParagraphs } from './plain-text.ts';

export interface BodyOptions {
  readonly selectors?: ArticleSelectors;
  /** JSON-LD `articleBody`, if the page has one. */
  readonly articleBody?: string;
}

/** The structured-data body wins when the extracted text is shorter than this share of it. */
const ARTICLE_BODY_PREFERENCE = 0.5;

function countCharacters(paragraphs: readonly string[]): number {
  return paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
}

/** Matches of the content selector that are not inside another match (no paragraph twice). */
function selectOutermost(document: DomDocument, selector: string): DomElement[] {
  const matches = selectAll(document, selector);
  return matches.filter((element) => !matches.some((other) => other !== element && other.contains(element)));
}

/** Step 1: the operator's content selector. Mutates `document` (removes junk below the matches). */
function extractWithSelectors(document: DomDocument, selectors: ArticleSelectors): string[] {
  if (!selectors.content) return [];
  const paragraphs: string[] = [];
  for (const element of selectOutermost(document, selectors.content)) {
    removeJunk(element, selectors.remove);
    paragraphs.push(...toParagraphs(element));
  }
  return paragraphs;
}

/** Step 2: Readability on a deep copy, returning its article element rather than serialised HTML. */
function extractWithReadability(document: DomDocument, remove: readonly string[]): string[] {
  try {
    const copy = document.cloneNode(true);
    for (const selector of remove) for (const element of selectAll(copy, selector)) element.remove();
    const reader = new Readability<DomElement>(copy as never, { serializer: (node) => node as unknown as DomElement });
    const article = reader.parse()?.content;
    if (!article) return [];
    removeJunk(article);
    return toParagraphs(article);
  } catch {
    // Readability gives up on some documents by throwing; the JSON-LD body may still save the day.
    return [];
  }
}

/**
 * The article body as paragraphs (possibly none). Never throws. May mutate `document`: call it after
 * the metadata has been read.
 *
 * @example
 *   extractBody(parseDocument(html), { selectors: { content: '.story', remove: ['.ad'] } });
 */
export function extractBody(document: DomDocument, options: BodyOptions = {}): string[] {
  const selectors = options.selectors;
  let paragraphs = selectors ? extractWithSelectors(document, selectors) : [];
  if (paragraphs.length === 0) paragraphs = extractWithReadability(document, selectors?.remove ?? []);
  const fromStructuredData = options.articleBody ? splitPlainText(options.articleBody) : [];
  const structuredLength = countCharacters(fromStructuredData);
  if (structuredLength > 0 && countCharacters(paragraphs) < structuredLength * ARTICLE_BODY_PREFERENCE) {
    return fromStructuredData;
  }
  return paragraphs;
}
