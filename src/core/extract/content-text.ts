/**
 * @module core/extract/content-text
 * The measures content scoring (content-score.ts, content-cleanup.ts) takes of an element: its inner text
 * the way Readability reads it, link density, class weight, descendants by tag. They follow Mozilla
 * Readability 0.6 (Apache-2.0), whose Firefox Reader View output the corpus scores against.
 */
import { isText, type AnyNode, type Element } from 'domhandler';
import { getAttribute, isElement, readTextContent } from '../html-dom.ts';

export const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;
export const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;

/** Embeds that are the article's own video, kept by the clean-up. */
export const ALLOWED_VIDEO =
  /\/\/(www\.)?((dailymotion|youtube|youtube-nocookie|player\.vimeo|v\.qq)\.com|(archive|upload\.wikimedia)\.org|player\.twitch\.tv)/i;

/** Elements whose presence makes a `<div>` a container rather than a paragraph. */
export const DIV_TO_P_TAGS = new Set(['blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul']);

export function readClassName(element: Element): string {
  return getAttribute(element, 'class') ?? '';
}

export function readId(element: Element): string {
  return getAttribute(element, 'id') ?? '';
}

/** Whether an element is hidden from readers (inline style, `hidden`, `aria-hidden`). */
function isHidden(element: Element): boolean {
  const style = getAttribute(element, 'style') ?? '';
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(style) || getAttribute(element, 'hidden') !== null)
    return true;
  return getAttribute(element, 'aria-hidden') === 'true' && !readClassName(element).includes('fallback-image');
}

/** What Readability's walk drops first, before any other check: hidden elements and modal dialogs. */
export function isInvisible(element: Element): boolean {
  if (isHidden(element)) return true;
  return getAttribute(element, 'aria-modal') === 'true' && getAttribute(element, 'role') === 'dialog';
}

/** Text trimmed, with runs of two or more white-space characters made one space. */
export function normalizeInnerText(text: string): string {
  return text.trim().replace(/\s{2,}/g, ' ');
}

/** Text content, trimmed, with runs of two or more white-space characters made one space. */
export function readInnerText(node: AnyNode, normalize = true): string {
  const text = readTextContent(node);
  return normalize ? normalizeInnerText(text) : text.trim();
}

/** Descendants of `root` (not `root`) whose tag is in `tags`, in document order. */
export function findByTags(root: Element, tags: ReadonlySet<string>): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isElement(node)) continue;
    if (tags.has(node.name)) found.push(node);
    for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as AnyNode);
  }
  return found;
}

/**
 * Whether any text below `element` is more than white space (`readInnerText(element) !== ''`); stops at
 * the first that is.
 */
export function hasVisibleText(element: Element): boolean {
  const stack: AnyNode[] = [...element.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isText(node)) {
      // `\S`: not white space as `trim` reads it.
      if (/\S/.test(node.data)) return true;
    } else if (isElement(node)) for (const child of node.children) stack.push(child);
  }
  return false;
}

/** Whether `root` has a descendant whose tag is in `tags` (`findByTags(…).length > 0`, stopping at the first). */
export function hasDescendantTag(root: Element, tags: ReadonlySet<string>): boolean {
  const stack: AnyNode[] = [...root.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isElement(node)) continue;
    if (tags.has(node.name)) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

/**
 * An element's text content and its links (`a` descendants, in document order) in one walk: the walk
 * `readTextContent` and `findByTags(element, {a})` each took.
 */
function readTextAndLinks(element: Element): { text: string; links: Element[] } {
  let text = '';
  const links: Element[] = [];
  const stack: AnyNode[] = [...element.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isText(node)) text += node.data;
    else if (isElement(node)) {
      if (node.name === 'a') links.push(node);
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as AnyNode);
    }
  }
  return { text, links };
}

/**
 * Share of the text inside links (in-page `#` links weigh 0.3). `linkLengths` remembers each link's weighted
 * length while the tree does not change: nested candidates share their links.
 */
export function readLinkDensity(element: Element, linkLengths?: Map<Element, number>): number {
  const { text, links } = readTextAndLinks(element);
  const textLength = normalizeInnerText(text).length;
  if (textLength === 0) return 0;
  let linkLength = 0;
  for (const link of links) {
    let length = linkLengths?.get(link);
    if (length === undefined) {
      const href = getAttribute(link, 'href');
      length = readInnerText(link).length * (href && /^#.+/.test(href) ? 0.3 : 1);
      linkLengths?.set(link, length);
    }
    linkLength += length;
  }
  return linkLength / textLength;
}

/**
 * Which of Readability's optional rules changed anything during one scoring pass. A later pass that only
 * turns off rules that changed nothing would take every decision this one took: body.ts skips it.
 */
export interface RuleEffects {
  stripUnlikely: boolean;
  weighClasses: boolean;
  cleanConditionally: boolean;
}

/** ±25 for a class and for an id that look like content or like chrome; 0 when weighing is off. */
export function readClassWeight(element: Element, weighClasses: boolean, effects?: RuleEffects): number {
  if (!weighClasses) return 0;
  let weight = 0;
  for (const name of [readClassName(element), readId(element)]) {
    if (name === '') continue;
    if (NEGATIVE.test(name)) weight -= 25;
    if (POSITIVE.test(name)) weight += 25;
  }
  if (weight !== 0 && effects) effects.weighClasses = true;
  return weight;
}

/** Whether an ancestor within `maxDepth` levels (≤ 0: any) has `tag` and passes `filter`. */
export function hasAncestorTag(
  node: Element,
  tag: string,
  maxDepth = 3,
  filter?: (element: Element) => boolean,
): boolean {
  let depth = 0;
  for (let current: Element = node; current.parent && isElement(current.parent); current = current.parent) {
    if (maxDepth > 0 && depth > maxDepth) return false;
    if (current.parent.name === tag && (!filter || filter(current.parent))) return true;
    depth += 1;
  }
  return false;
}

/** The next element in document order; with `skipChildren`, the next one not below `node`. */
export function findNextElement(node: Element, skipChildren = false): Element | undefined {
  if (!skipChildren) {
    const child = node.children.find(isElement);
    if (child) return child;
  }
  for (let current: AnyNode | null = node; current && isElement(current); current = current.parent) {
    for (let sibling = current.next; sibling; sibling = sibling.next) if (isElement(sibling)) return sibling;
  }
  return undefined;
}
