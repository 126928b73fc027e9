/**
 * @module core/extract/page-conventions
 * The elements the field readers look for by convention when structured data is silent — dateline and
 * byline candidates (page-fields.ts), the publication `<time>` (meta.ts) and the article's own container —
 * found in one walk of the page instead of one selector scan each (css-select evaluates a list of eight
 * attribute selectors on every element, and the readers asked for three such lists). Each test below is
 * the selector it replaces, read as css-select reads it in an HTML document: `[a*="v" i]` is a
 * case-insensitive substring of the attribute (a regex with the `i` flag); `[a~="v"]` a token between `\s`
 * white space, case-sensitive except where HTML makes the attribute case-insensitive (`rel`), or with `i`;
 * `[a]` an own attribute; a descendant selector an ancestor element that matches. Read-only.
 */
import { isTag, type AnyNode, type Element } from 'domhandler';
import type { DomDocument } from '../html-dom.ts';

/** Matches of each convention's selectors, in document order. */
export interface PageConventions {
  /** The first `article, main, [role="main"]`. */
  readonly main: Element | undefined;
  /** `time, [class*="date" i], [id*="date" i], [class*="time" i], [class*="publish" i], [class*="posted" i], [class*="meta" i], [class*="byline" i], [class*="info" i]`. */
  readonly datelines: readonly Element[];
  /**
   * Matches of each byline selector, in order of preference: `[class*="byline" i] [class~="fn"]`,
   * `[itemprop~="author"] [itemprop~="name"]`, `[itemprop~="author"]`, `[rel~="author"]`,
   * `[class*="author-name" i], [class*="author_name" i], [class*="author__name" i]`,
   * `[class~="byline" i]`, `[class~="author" i]`, `[class*="byline" i]`, `[class*="-author" i], [class*="_author" i]`,
   * `[class*="writer" i], [class*="reporter" i]`.
   */
  readonly bylines: readonly (readonly Element[])[];
  /** Matches of `[itemprop~="datePublished"]`, `time[pubdate]`, `article time[datetime]`, `main time[datetime]`, `time[datetime]`. */
  readonly times: readonly (readonly Element[])[];
}

/** `[attr~="value"]`: as css-select builds it. */
const token = (value: string, flags = ''): RegExp => new RegExp(`(?:^|\\s)${value}(?:$|\\s)`, flags);

const DATELINE_CLASS = /date|time|publish|posted|meta|byline|info/i;
const DATE = /date/i;
const BYLINE = /byline/i;
/** `author-name`, and BEM's `author__name` (Le Monde) and `author_name`. */
const AUTHOR_NAME = /author(-|__?)name/i;
/**
 * A class naming an author as part of a longer name: BEM's `news-detail__author`, `post-author`, and the parts
 * of an author block, `author-link`, `author_box` (a loose convention: taken only when marked as a byline).
 */
const AUTHOR_PART = /[-_]author|(?:^| )author[-_]/i;
/** A class naming the story's writer or reporter: Korean and Japanese portals' `writer`, `article_reporter`. */
const WRITER = /writer|reporter/i;
const FN = token('fn');
const NAME = token('name');
const AUTHOR = token('author');
const AUTHOR_IC = token('author', 'i');
const BYLINE_IC = token('byline', 'i');
const DATE_PUBLISHED = token('datePublished');

/** What the selectors ask of an element's ancestors. */
interface Context {
  readonly bylineClass: boolean;
  readonly authorItem: boolean;
  readonly article: boolean;
  readonly main: boolean;
}

function hasOwnAttribute(element: Element, name: string): boolean {
  return Object.hasOwn(element.attribs, name) && element.attribs[name] != null;
}

function test(pattern: RegExp, value: string | undefined): boolean {
  return value !== undefined && pattern.test(value);
}

/**
 * What the byline selectors read of an element: its class only when it names a byline, an author, a writer, a
 * reporter or an `fn` at all (one test that most class names fail, before the selectors' own).
 */
interface Names {
  /** The class when it names a byline, an author, a writer, a reporter or an `fn` at all (else undefined). */
  readonly className: string | undefined;
  readonly itemprop: string | undefined;
  readonly rel: string | undefined;
}

const BYLINE_WORDS = /byline|author|fn|writer|reporter/i;

/** And what the other selectors read. */
interface Attributes extends Names {
  readonly fullClass: string | undefined;
  readonly id: string | undefined;
  readonly role: string | undefined;
}

/** The attributes the selectors read, each read once (as css-select does: own or not, `attribs[name]`). */
function readNames(element: Element): Names & {
  readonly fullClass: string | undefined;
  readonly id: string | undefined;
  readonly role: string | undefined;
} {
  const attribs: Readonly<Record<string, string | undefined>> = element.attribs;
  const fullClass = attribs['class'];
  return {
    fullClass,
    className: fullClass !== undefined && BYLINE_WORDS.test(fullClass) ? fullClass : undefined,
    id: attribs['id'],
    itemprop: attribs['itemprop'],
    rel: attribs['rel'],
    role: attribs['role'],
  };
}

/** Add `element` to the byline lists whose selectors it matches (`BYLINE_SELECTORS`' order). */
function addBylines(element: Element, names: Names, within: Context, bylines: Element[][]): void {
  const { className, itemprop, rel } = names;
  if (className === undefined && itemprop === undefined && rel === undefined) return;
  const tests = [
    within.bylineClass && test(FN, className),
    within.authorItem && test(NAME, itemprop),
    test(AUTHOR, itemprop),
    test(AUTHOR_IC, rel),
    test(AUTHOR_NAME, className),
    test(BYLINE_IC, className),
    test(AUTHOR_IC, className),
    test(BYLINE, className),
    test(AUTHOR_PART, className),
    test(WRITER, className),
  ];
  for (const [index, matches] of tests.entries()) if (matches) bylines[index]?.push(element);
}

/** Add `element` to the publication-time lists whose selectors it matches. */
function addTimes(element: Element, itemprop: string | undefined, within: Context, times: Element[][]): void {
  if (itemprop !== undefined && DATE_PUBLISHED.test(itemprop)) times[0]?.push(element);
  if (element.name !== 'time') return;
  if (hasOwnAttribute(element, 'pubdate')) times[1]?.push(element);
  if (!hasOwnAttribute(element, 'datetime')) return;
  if (within.article) times[2]?.push(element);
  if (within.main) times[3]?.push(element);
  times[4]?.push(element);
}

function isDateline(element: Element, names: Attributes): boolean {
  return element.name === 'time' || test(DATELINE_CLASS, names.fullClass) || test(DATE, names.id);
}

function isMain(element: Element, names: Attributes): boolean {
  return element.name === 'article' || element.name === 'main' || names.role === 'main';
}

/** What `element`'s children see above them (the same object when the element adds nothing). */
function enter(element: Element, names: Names, within: Context): Context {
  const context = {
    bylineClass: within.bylineClass || test(BYLINE, names.className),
    authorItem: within.authorItem || test(AUTHOR, names.itemprop),
    article: within.article || element.name === 'article',
    main: within.main || element.name === 'main',
  };
  const same =
    context.bylineClass === within.bylineClass &&
    context.authorItem === within.authorItem &&
    context.article === within.article &&
    context.main === within.main;
  return same ? within : context;
}

const TOP: Context = { bylineClass: false, authorItem: false, article: false, main: false };

/**
 * The page's convention matches, in one walk (an explicit stack: pages may nest deeper than recursion goes).
 *
 * @example
 *   const conventions = readPageConventions(document);
 *   findDateline(document, '+05:00', conventions);
 */
export function readPageConventions(document: DomDocument): PageConventions {
  let main: Element | undefined;
  const datelines: Element[] = [];
  // Literals: `Array.from({ length })` goes through the generic array-like path, a fifth of this walk's cost.
  const bylines: Element[][] = [[], [], [], [], [], [], [], [], [], []];
  const times: Element[][] = [[], [], [], [], []];
  // Two stacks side by side (an element and what is above it): no pair allocated per node.
  const nodes: Element[] = [];
  const contexts: Context[] = [];
  const pushChildren = (parent: { children: AnyNode[] }, context: Context) => {
    for (let index = parent.children.length - 1; index >= 0; index -= 1) {
      const child = parent.children[index] as AnyNode;
      if (!isTag(child)) continue;
      nodes.push(child);
      contexts.push(context);
    }
  };
  pushChildren(document, TOP);
  for (let node = nodes.pop(), within = contexts.pop(); node && within; node = nodes.pop(), within = contexts.pop()) {
    const names = readNames(node);
    if (main === undefined && isMain(node, names)) main = node;
    if (isDateline(node, names)) datelines.push(node);
    addBylines(node, names, within, bylines);
    addTimes(node, names.itemprop, within, times);
    pushChildren(node, enter(node, names, within));
  }
  return { main, datelines, bylines, times };
}
