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
import { selectAll, type DomDocument, type DomElement, type DomNode } from './dom.ts';
import { isDatelineParagraph } from './boilerplate.ts';
import { removeJunk } from './junk.ts';
import { splitPlainText, toParagraphs } from './plain-text.ts';

export interface BodyOptions {
  readonly selectors?: ArticleSelectors | undefined;
  /** JSON-LD `articleBody`, if the page has one. */
  readonly articleBody?: string | undefined;
  /** The article's title: a first paragraph repeating it is a heading, not body. */
  readonly title?: string | undefined;
}

/**
 * Readability's scoring walks ancestors for every node: its cost grows steeply with nesting depth
 * (1,000 nested divs take seconds) and with element count. Real article pages stay far below these
 * limits (the 30-page corpus: depth ≤ 30, ≤ 3,000 elements); beyond them we fall back to the whole
 * cleaned body.
 */
const READABILITY_MAX_DEPTH = 100;
const READABILITY_MAX_ELEMENTS = 20_000;

const COMMENT_NODE = 8;

/** How far into the body a repeated title or a dateline is still "the header". */
const HEADER_PARAGRAPHS = 3;

/** The structured-data body wins when the extracted text is shorter than this share of it. */
const ARTICLE_BODY_PREFERENCE = 0.5;

/** Drop the article header that content selectors tend to include: the title again, a dateline. */
function dropHeader(paragraphs: readonly string[], title: string | undefined): string[] {
  const normalisedTitle = title?.normalize('NFKC').toLowerCase();
  return paragraphs.filter((paragraph, index) => {
    if (index >= HEADER_PARAGRAPHS) return true;
    return paragraph.normalize('NFKC').toLowerCase() !== normalisedTitle && !isDatelineParagraph(paragraph);
  });
}

function countCharacters(paragraphs: readonly string[]): number {
  return paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0);
}

/** Matches of the content selector that are not inside another match (no paragraph twice). */
function selectOutermost(document: DomDocument, selector: string): DomElement[] {
  const matches = selectAll(document, selector);
  const matched = new Set<DomNode>(matches);
  const hasMatchedAncestor = (element: DomElement): boolean => {
    for (let node = element.parentNode; node; node = node.parentNode) if (matched.has(node)) return true;
    return false;
  };
  return matches.filter((element) => !hasMatchedAncestor(element));
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

/** Whether the document is small and shallow enough for Readability; stops walking once it is not. */
function isWithinReadabilityLimits(document: DomDocument): boolean {
  const root = document.documentElement;
  if (!root) return false;
  const stack: [DomElement, number][] = [[root, 0]];
  let count = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [element, depth] = entry;
    count += 1;
    if (depth > READABILITY_MAX_DEPTH || count > READABILITY_MAX_ELEMENTS) return false;
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return true;
}

/** Fallback for pathological documents: the whole body, cleaned. Mutates `document`. */
function extractWholeBody(document: DomDocument, remove: readonly string[]): string[] {
  const body = document.body;
  if (!body) return [];
  removeJunk(body, remove);
  return toParagraphs(body);
}

/** A comment (DOM Standard `Node.COMMENT_NODE`; HTML parses a `<![CDATA[` section as one too). */
interface CommentNode extends DomNode {
  remove(): void;
}

function isComment(node: DomNode): node is CommentNode {
  return node.nodeType === COMMENT_NODE;
}

/**
 * Remove the comments below `root`. Readability re-parses its own `innerHTML` when it retries, and a comment
 * holding `-->` (an unclosed `<!--` or `<![CDATA[` swallows the rest of the page) then ends early: what it hid
 * becomes markup the limits above never saw — 1,500 nested elements took Readability minutes.
 */
function removeComments(root: DomNode): void {
  const stack: DomNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const child of Array.from(node.childNodes)) {
      if (isComment(child)) child.remove();
      else stack.push(child);
    }
  }
}

/** Step 2: Readability on a deep copy, returning its article element rather than serialised HTML. */
function extractWithReadability(document: DomDocument, remove: readonly string[]): string[] {
  try {
    const copy = document.cloneNode(true);
    removeComments(copy);
    for (const selector of remove) for (const element of selectAll(copy, selector)) element.remove();
    const reader = new Readability<DomElement>(copy, { serializer: (node: unknown) => node as DomElement });
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
  if (paragraphs.length === 0) {
    const remove = selectors?.remove ?? [];
    paragraphs = isWithinReadabilityLimits(document)
      ? extractWithReadability(document, remove)
      : extractWholeBody(document, remove);
  }
  const fromStructuredData = options.articleBody ? splitPlainText(options.articleBody) : [];
  const structuredLength = countCharacters(fromStructuredData);
  if (structuredLength > 0 && countCharacters(paragraphs) < structuredLength * ARTICLE_BODY_PREFERENCE) {
    return fromStructuredData;
  }
  return dropHeader(paragraphs, options.title);
}
