/**
 * @module tests/helpers/body-before
 * src/core/extract/body.ts as it was before the first scoring pass could prove its retry without the unlikely
 * rule a repeat (src/core/extract/unlikely-retry.ts), kept verbatim (imports re-pointed) as the reference
 * tests/core/extract/unlikely-retry.test.ts compares `extractBody` with. Remove this file, and that
 * comparison, once the skip has shipped through a release with the output hashes unchanged
 * (tests/core/extract/golden/output-hashes.json) — or when content scoring itself changes on purpose. One step
 * added since: session 27's `removeStoryLists`, called where body.ts now calls it (after `removeJunk`, before
 * `toParagraphs`), so that the comparison stays one of the scoring skip alone.
 */
/**
 * @module core/extract/body
 * Find the article body and turn it into paragraphs. In order of trust:
 *  1. the feed's `article.content` selector (the operator knows the site), after `article.remove` and
 *     the generic junk clean-up;
 *  2. content scoring on the parsed page (content-score.ts: Readability's algorithm on the light tree);
 *  3. Mozilla Readability itself on a full DOM (readability-fallback.ts), only when scoring finds no
 *     text at all: it parses the page again and costs more than everything else together. It is loaded
 *     on first use (a dynamic import), so linkedom and Readability stay out of memory until a page needs
 *     them — which is why this step, and the stage's entry points, are async;
 *  4. JSON-LD `articleBody` (schema.org/Article), when all of these fail or find much less text.
 */
import { isTag, isText, type Document, type Element } from 'domhandler';
import type { ArticleSelectors } from '../../src/core/types.ts';
import { containsNode, readBody, removeNode, selectAll, type DomNode } from '../../src/core/html-dom.ts';
import { isDatelineParagraph } from '../../src/core/extract/boilerplate.ts';
import { findFirstByline } from '../../src/core/extract/byline.ts';
import {
  copyForScoring,
  prepareForScoring,
  SCORE_PASSES,
  scorePreparedPage,
  type ScoreFlags,
} from '../../src/core/extract/content-score.ts';
import { normalizeInnerText, readInnerText, type RuleEffects } from '../../src/core/extract/content-text.ts';
import { removeJunk } from '../../src/core/extract/junk.ts';
import { parseDocument } from '../../src/core/parse-html.ts';
import { splitPlainText, toParagraphs } from '../../src/core/extract/plain-text.ts';
import { removeStoryLists } from '../../src/core/extract/story-lists.ts';

export interface BodyOptions {
  readonly selectors?: ArticleSelectors | undefined;
  /** JSON-LD `articleBody`, if the page has one. */
  readonly articleBody?: string | undefined;
  /** The article's title: a first paragraph repeating it is a heading, not body. */
  readonly title?: string | undefined;
  /** The page as fetched, for the Readability fallback, and what it must remove first (unquotable parts). */
  readonly html?: string | undefined;
  readonly unquotable?: readonly string[] | undefined;
  /** A fresh parse of the page, unquotable parts removed, for scoring's retries (each pass mutates its copy). */
  readonly reparse?: (() => Document) | undefined;
}

/**
 * Readability's scoring walks ancestors for every node: its cost grows steeply with nesting depth
 * (1,000 nested divs take seconds) and with element count. Real article pages stay far below these
 * limits (the 30-page corpus: depth ≤ 30, ≤ 3,000 elements); beyond them we fall back to the whole
 * cleaned body.
 */
const READABILITY_MAX_DEPTH = 100;
const READABILITY_MAX_ELEMENTS = 20_000;

/** How far into the body a repeated title or a dateline is still "the header". */
const HEADER_PARAGRAPHS = 3;

/** Readability's `charThreshold`: a scoring pass that finds less text than this failed. */
const MIN_ARTICLE_CHARS = 500;

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
function selectOutermost(document: Document, selector: string): Element[] {
  const matches = selectAll(document, selector);
  const matched = new Set<DomNode>(matches);
  const hasMatchedAncestor = (element: Element): boolean => {
    for (let node = element.parent; node; node = node.parent) if (matched.has(node)) return true;
    return false;
  };
  return matches.filter((element) => !hasMatchedAncestor(element));
}

/**
 * Step 1: the operator's content selector. Mutates `document` (removes the page's byline, if a match holds
 * it, and junk below the matches).
 */
function extractWithSelectors(document: Document, selectors: ArticleSelectors): string[] {
  if (!selectors.content) return [];
  const body = readBody(document);
  const byline = body && findFirstByline(body);
  const paragraphs: string[] = [];
  for (const element of selectOutermost(document, selectors.content)) {
    if (byline && containsNode(element, byline)) removeNode(byline);
    removeJunk(element, selectors.remove);
    removeStoryLists(element, undefined);
    paragraphs.push(...toParagraphs(element));
  }
  return paragraphs;
}

/** Whether the document is small and shallow enough for Readability; stops walking once it is not. */
function isWithinReadabilityLimits(document: Document): boolean {
  const stack: [Element, number][] = [];
  for (const child of document.children) if (isTag(child)) stack.push([child, 0]);
  let count = 0;
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [element, depth] = entry;
    count += 1;
    if (depth > READABILITY_MAX_DEPTH || count > READABILITY_MAX_ELEMENTS) return false;
    for (const child of element.children) if (isTag(child)) stack.push([child, depth + 1]);
  }
  return true;
}

/** Fallback for pathological documents: the whole body, cleaned. Mutates `document`. */
function extractWholeBody(document: Document, remove: readonly string[]): string[] {
  const body = readBody(document);
  if (!body) return [];
  const byline = findFirstByline(body);
  if (byline) removeNode(byline);
  removeJunk(body, remove);
  removeStoryLists(body, undefined);
  return toParagraphs(body);
}

/** Step 3: Readability on a full DOM of the page, its article read back into the light tree. */
async function extractWithReadability(options: BodyOptions, remove: readonly string[]): Promise<string[]> {
  if (options.html === undefined) return [];
  const { readWithReadability } = await import('../../src/core/extract/readability-fallback.ts');
  const articleHtml = readWithReadability(options.html, ['[data-nosnippet]', ...(options.unquotable ?? []), ...remove]);
  const article = articleHtml === undefined ? undefined : readBody(parseDocument(articleHtml));
  if (!article) return [];
  removeJunk(article);
  removeStoryLists(article, undefined);
  return toParagraphs(article);
}

/**
 * Whether a pass with `next`'s rules could decide anything differently from the last pass run, with
 * `last`'s rules: only if it turns off a rule that changed something then (or turns one on). Otherwise it
 * would repeat that pass decision for decision — on short pages, where every pass finds too little text,
 * most retries are such repeats, each a parse and a scoring of the page.
 */
function couldDiffer(last: ScoreFlags, effects: RuleEffects, next: ScoreFlags): boolean {
  const rules = ['stripUnlikely', 'weighClasses', 'cleanConditionally'] as const;
  return rules.some((rule) => last[rule] !== next[rule] && (!last[rule] || effects[rule]));
}

/**
 * Whether `root`'s inner text (`readInnerText`) is shorter than `chars`; false, without reading further,
 * once the raw text (markup indentation included) is four times that long.
 */
function hasLessTextThan(root: Element, chars: number): boolean {
  let text = '';
  const stack: DomNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isText(node)) text += node.data;
    else if (isTag(node))
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as DomNode);
    if (text.length > 4 * chars) return false;
  }
  return normalizeInnerText(text).length < chars;
}

/** The operator's `remove` selectors, then what every scoring pass does first. Mutates `page`. */
function preparePage(page: Document, remove: readonly string[]): Document {
  for (const selector of remove) for (const element of selectAll(page, selector)) removeNode(element);
  prepareForScoring(page);
  return page;
}

/**
 * Fresh copies of the prepared page for scoring's retries: the page is parsed and prepared again once, for
 * the first retry, and each retry takes a copy of that (a tree copy costs a third of a parse). A short
 * page — its body holding less than twice the text a pass must find — seldom yields enough to its first
 * pass (page chrome takes its share): there `document`, prepared and still whole (`intact`: no content
 * selector has touched it), is copied before that pass instead. Either way the output is the same. The
 * copies hold what a pass reads (`copyForScoring`), not the `<head>`.
 */
function makeFreshPages(
  document: Document,
  options: BodyOptions,
  remove: readonly string[],
  intact: boolean,
): () => Document | undefined {
  const body = intact ? readBody(document) : undefined;
  const isShort = body !== undefined && hasLessTextThan(body, 2 * MIN_ARTICLE_CHARS);
  let pristine = isShort ? copyForScoring(document) : undefined;
  return () => {
    if (!pristine && options.reparse) pristine = preparePage(options.reparse(), remove);
    return pristine && copyForScoring(pristine);
  };
}

/**
 * Scoring's passes, strictest first, each on a fresh copy of the page, until one finds Readability's
 * minimum of text; else, as Readability does, the longest attempt. Undefined when none found any text.
 */
function scoreAllPasses(
  document: Document,
  options: BodyOptions,
  remove: readonly string[],
  intact: boolean,
): Element | undefined {
  let longest: { article: Element; length: number } | undefined;
  let last: { flags: ScoreFlags; effects: RuleEffects } | undefined;
  preparePage(document, remove);
  const freshPage = makeFreshPages(document, options, remove, intact);
  for (const flags of SCORE_PASSES) {
    if (last && !couldDiffer(last.flags, last.effects, flags)) continue;
    const page = last === undefined ? document : freshPage();
    if (!page) break;
    last = { flags, effects: { stripUnlikely: false, weighClasses: false, cleanConditionally: false } };
    const article = scorePreparedPage(page, { title: options.title }, flags, last.effects);
    const length = article ? readInnerText(article).length : 0;
    if (article && length >= MIN_ARTICLE_CHARS) return article;
    if (article && length > (longest?.length ?? 0)) longest = { article, length };
  }
  return longest?.article;
}

/** Steps 2 and 3. Mutates `document` (`intact`: step 1 has not). */
async function extractByScoring(
  document: Document,
  options: BodyOptions,
  remove: readonly string[],
  intact: boolean,
): Promise<string[]> {
  const article = scoreAllPasses(document, options, remove, intact);
  if (!article) return await extractWithReadability(options, remove);
  removeJunk(article);
  removeStoryLists(article, undefined);
  return toParagraphs(article);
}

/**
 * The article body as paragraphs (possibly none). Never throws. May mutate `document`: call it after
 * the metadata has been read.
 *
 * @example
 *   await extractBody(parseDocument(html), { selectors: { content: '.story', remove: ['.ad'] } });
 */
export async function extractBody(document: Document, options: BodyOptions = {}): Promise<string[]> {
  const selectors = options.selectors;
  let paragraphs = selectors ? extractWithSelectors(document, selectors) : [];
  if (paragraphs.length === 0) {
    const remove = selectors?.remove ?? [];
    paragraphs = isWithinReadabilityLimits(document)
      ? await extractByScoring(document, options, remove, !selectors?.content)
      : extractWholeBody(document, remove);
  }
  const fromStructuredData = options.articleBody ? splitPlainText(options.articleBody) : [];
  const structuredLength = countCharacters(fromStructuredData);
  if (structuredLength > 0 && countCharacters(paragraphs) < structuredLength * ARTICLE_BODY_PREFERENCE) {
    return fromStructuredData;
  }
  return dropHeader(paragraphs, options.title);
}
