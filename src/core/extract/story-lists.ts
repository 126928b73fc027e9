/**
 * @module core/extract/story-lists
 * Lists of other stories left inside an article's container: "You may also like…", "DON'T MISS", "More:"
 * followed by headlines that are links, one to a paragraph or list item. Readability keeps them when they sit
 * among the story's own paragraphs, and their words would count as the article's: the licence's share of an
 * article is taken of its own words, so they go. Found by structure, never by site: blocks whose text is almost
 * all link text, every link to the page's own site, two or more in a row, or one after a short lead-in (a label
 * ending in ":" or "…", a heading, a line in capitals, a widget label). Links elsewhere make a list the story's
 * own (sources, a release's bugs, a round-up's picks), and so does a list holding more than half the container's
 * text.
 */
import { isTag, isText } from 'domhandler';
import { getAttribute, removeNode, type DomElement } from '../html-dom.ts';
import { createSameSiteCheck } from '../same-site.ts';
import { isBoilerplateParagraph } from './boilerplate.ts';
import { countNonSpace, readInnerText } from './content-text.ts';

/** Characters (without white space) of a block of links at most: a headline or three, not a paragraph of prose. */
const MAX_LINK_BLOCK = 300;
/** The share of a block's characters in links: room for a bracketed "[VIDEO]" or a separator outside them. */
const MIN_LINKED_SHARE = 0.8;
/** Characters of a lead-in label at most ("You may also like…", "RECENT ARTICLES"). */
const MAX_LEAD_IN = 40;
/** The most of the container's text the lists may take: more, and they are the content. */
const MAX_LISTS_SHARE = 0.5;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** The blocks a list is made of; a link inside a line of text is the line's, whatever surrounds it. */
const BLOCKS = new Set([...HEADINGS, 'p', 'div', 'section', 'ul', 'ol', 'li', 'dl', 'dt', 'dd']);

/** An element's text length without white space, how much of it is in links, and how many links it holds. */
interface LinkText {
  readonly length: number;
  readonly linked: number;
  readonly links: number;
}

const NO_TEXT: LinkText = { length: 0, linked: 0, links: 0 };

function readHref(element: DomElement): string | null {
  return element.name === 'a' ? getAttribute(element, 'href') : null;
}

/**
 * `LinkText` of `root` and of every element below it. Elements are measured in the reverse of document order,
 * which puts every element after all of its descendants (and uses no recursion: a page may nest deeper than the
 * stack allows).
 */
function measureLinkText(root: DomElement): Map<DomElement, LinkText> {
  const inOrder: DomElement[] = [];
  const stack: DomElement[] = [root];
  for (let element = stack.pop(); element; element = stack.pop()) {
    inOrder.push(element);
    for (const child of element.children) if (isTag(child)) stack.push(child);
  }
  const measures = new Map<DomElement, LinkText>();
  for (let index = inOrder.length - 1; index >= 0; index -= 1) {
    const element = inOrder[index] as DomElement;
    let [length, linked, links] = [0, 0, 0];
    for (const child of element.children) {
      if (isText(child)) length += countNonSpace(child.data);
      const measure = isTag(child) ? (measures.get(child) ?? NO_TEXT) : NO_TEXT;
      length += measure.length;
      linked += measure.linked;
      links += measure.links;
    }
    const isLink = readHref(element) !== null;
    measures.set(element, isLink ? { length, linked: length, links: links + 1 } : { length, linked, links });
  }
  return measures;
}

/** Whether an element holds a link to another site than the page's (a relative one never is). */
type HasLinkAway = (element: DomElement) => boolean;

function createLinkAwayCheck(pageUrl: string | undefined): HasLinkAway {
  const isOwn = createSameSiteCheck(pageUrl === undefined ? [] : [pageUrl]);
  const isAway = (href: string): boolean => {
    const target = href.trim();
    if (target.startsWith('//')) return !isOwn(`https:${target}`);
    return /^[a-z][a-z\d+.-]*:/i.test(target) && !isOwn(target);
  };
  return (element) => {
    const stack: DomElement[] = [element];
    for (let current = stack.pop(); current; current = stack.pop()) {
      const href = readHref(current);
      if (href !== null && isAway(href)) return true;
      for (const child of current.children) if (isTag(child)) stack.push(child);
    }
    return false;
  };
}

/** What finding lists needs: each element's `LinkText`, and whether it links away (asked of few: it parses URLs). */
interface Measures {
  readonly linkText: ReadonlyMap<DomElement, LinkText>;
  readonly hasLinkAway: HasLinkAway;
}

/** Whether `element`, measured `measure`, is a short block almost all link text, every link to the page's site. */
function isLinkBlock(element: DomElement, measure: LinkText, hasLinkAway: HasLinkAway): boolean {
  if (!BLOCKS.has(element.name) || measure.length === 0 || measure.length > MAX_LINK_BLOCK) return false;
  return measure.linked >= measure.length * MIN_LINKED_SHARE && !hasLinkAway(element);
}

/** Whether a text is written in capitals ("DON'T MISS"), letters of a script with cases at least. */
function isCapitals(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/** Whether `element`, just before a block of links, introduces it: a short label of no links. */
function isLeadIn(element: DomElement, measure: LinkText): boolean {
  if (measure.links > 0 || measure.length === 0 || measure.length > MAX_LEAD_IN) return false;
  if (HEADINGS.has(element.name)) return true;
  const text = readInnerText(element);
  return /(:|…|\.\.\.)$/.test(text) || isCapitals(text) || isBoilerplateParagraph(text);
}

/**
 * The story lists among `parent`'s children: each run of link blocks (empty elements between them, such as an
 * ad's slot, do not break a run; text does) of two or more, or of one after a lead-in, with its lead-in.
 */
function findListsAmong(parent: DomElement, measures: Measures): DomElement[][] {
  const lists: DomElement[][] = [];
  let run: DomElement[] = [];
  let before: DomElement | undefined;
  let last: DomElement | undefined;
  const endRun = (): void => {
    const leadIn = before && isLeadIn(before, measures.linkText.get(before) ?? NO_TEXT) ? before : undefined;
    if (run.length >= 2 || (run.length === 1 && leadIn)) lists.push(leadIn ? [leadIn, ...run] : run);
    run = [];
  };
  for (const child of parent.children) {
    if (!isTag(child)) {
      // Text between blocks is prose of the parent's own: it ends a run, and is no lead-in.
      if (isText(child) && /\S/.test(child.data)) {
        if (run.length > 0) endRun();
        last = undefined;
      }
      continue;
    }
    const measure = measures.linkText.get(child) ?? NO_TEXT;
    if (measure.length === 0) continue;
    if (isLinkBlock(child, measure, measures.hasLinkAway)) {
      if (run.length === 0) before = last;
      run.push(child);
    } else if (run.length > 0) endRun();
    last = child;
  }
  if (run.length > 0) endRun();
  return lists;
}

/**
 * The story lists below `root`, outermost first: nothing inside a list is looked at again, nor inside an element
 * without links, which holds none.
 */
function findStoryLists(root: DomElement, measures: Measures): DomElement[][] {
  const lists: DomElement[][] = [];
  const hasLinks = (element: DomElement): boolean => (measures.linkText.get(element)?.links ?? 0) > 0;
  const parents: DomElement[] = hasLinks(root) ? [root] : [];
  for (let parent = parents.pop(); parent; parent = parents.pop()) {
    const found = findListsAmong(parent, measures);
    lists.push(...found);
    const listed = found.length === 0 ? undefined : new Set(found.flat());
    for (const child of parent.children)
      if (isTag(child) && hasLinks(child) && !listed?.has(child)) parents.push(child);
  }
  return lists;
}

/**
 * Remove, below `root` (never `root`), the lists of other stories its text holds, unless they would take more
 * than half of it. `pageUrl` is the page's address: links are the site's own when relative or on its site
 * (without it, only relative ones are). Mutates `root`.
 * @example removeStoryLists(article, 'https://www.example.com/news/1') // "You may also like…" and its headlines go
 */
export function removeStoryLists(root: DomElement, pageUrl: string | undefined): void {
  const linkText = measureLinkText(root);
  const lists = findStoryLists(root, { linkText, hasLinkAway: createLinkAwayCheck(pageUrl) });
  const listed = lists.flat();
  const length = listed.reduce((sum, element) => sum + (linkText.get(element)?.length ?? 0), 0);
  if (length > (linkText.get(root)?.length ?? 0) * MAX_LISTS_SHARE) return;
  for (const element of listed) removeNode(element);
}
