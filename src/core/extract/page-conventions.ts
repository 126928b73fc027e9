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
  /** `time, [class*="date" i], [id*="date" i], [class*="time" i], [class*="publish" i], [class*="posted" i], [class*="meta" i], [class*="byline" i]`. */
  readonly datelines: readonly Element[];
  /** Matches of each of `BYLINE_SELECTORS` (page-fields.ts), in its order. */
  readonly bylines: readonly (readonly Element[])[];
  /** Matches of `[itemprop~="datePublished"]`, `time[pubdate]`, `article time[datetime]`, `main time[datetime]`, `time[datetime]`. */
  readonly times: readonly (readonly Element[])[];
}

/** `[attr~="value"]`: as css-select builds it. */
const token = (value: string, flags = ''): RegExp => new RegExp(`(?:^|\\s)${value}(?:$|\\s)`, flags);

const DATELINE_CLASS = /date|time|publish|posted|meta|byline/i;
const DATE = /date/i;
const BYLINE = /byline/i;
const AUTHOR_NAME = /author-name/i;
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

function readValue(element: Element, name: string): string | undefined {
  return element.attribs[name];
}

function hasOwnAttribute(element: Element, name: string): boolean {
  return Object.hasOwn(element.attribs, name) && element.attribs[name] != null;
}

function test(pattern: RegExp, value: string | undefined): boolean {
  return value !== undefined && pattern.test(value);
}

/** Which of the eight byline selectors `element` matches, as a list of their indexes. */
function matchBylines(element: Element, within: Context): number[] {
  const className = readValue(element, 'class');
  const itemprop = readValue(element, 'itemprop');
  const tests = [
    within.bylineClass && test(FN, className),
    within.authorItem && test(NAME, itemprop),
    test(AUTHOR, itemprop),
    test(AUTHOR_IC, readValue(element, 'rel')),
    test(AUTHOR_NAME, className),
    test(BYLINE_IC, className),
    test(AUTHOR_IC, className),
    test(BYLINE, className),
  ];
  return tests.flatMap((matches, index) => (matches ? [index] : []));
}

/** Which of the five publication-time selectors `element` matches. */
function matchTimes(element: Element, within: Context): number[] {
  const isTime = element.name === 'time';
  const dated = isTime && hasOwnAttribute(element, 'datetime');
  const tests = [
    test(DATE_PUBLISHED, readValue(element, 'itemprop')),
    isTime && hasOwnAttribute(element, 'pubdate'),
    dated && within.article,
    dated && within.main,
    dated,
  ];
  return tests.flatMap((matches, index) => (matches ? [index] : []));
}

function isDateline(element: Element): boolean {
  return (
    element.name === 'time' || test(DATELINE_CLASS, readValue(element, 'class')) || test(DATE, readValue(element, 'id'))
  );
}

function isMain(element: Element): boolean {
  return element.name === 'article' || element.name === 'main' || readValue(element, 'role') === 'main';
}

/** What `element`'s children see above them. */
function enter(element: Element, within: Context): Context {
  return {
    bylineClass: within.bylineClass || test(BYLINE, readValue(element, 'class')),
    authorItem: within.authorItem || test(AUTHOR, readValue(element, 'itemprop')),
    article: within.article || element.name === 'article',
    main: within.main || element.name === 'main',
  };
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
  const bylines: Element[][] = Array.from({ length: 8 }, () => []);
  const times: Element[][] = Array.from({ length: 5 }, () => []);
  const stack: [AnyNode, Context][] = [];
  for (let index = document.children.length - 1; index >= 0; index -= 1)
    stack.push([document.children[index] as AnyNode, TOP]);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, within] = entry;
    if (!isTag(node)) continue;
    if (main === undefined && isMain(node)) main = node;
    if (isDateline(node)) datelines.push(node);
    for (const index of matchBylines(node, within)) bylines[index]?.push(node);
    for (const index of matchTimes(node, within)) times[index]?.push(node);
    const inside = enter(node, within);
    for (let index = node.children.length - 1; index >= 0; index -= 1)
      stack.push([node.children[index] as AnyNode, inside]);
  }
  return { main, datelines, bylines, times };
}
