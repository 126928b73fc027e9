/**
 * @module core/extract/content-text
 * The measures content scoring (content-score.ts, content-cleanup.ts) takes of an element: its inner text
 * the way Readability reads it, link density, class weight, descendants by tag. They follow Mozilla
 * Readability 0.6 (Apache-2.0), whose Firefox Reader View output the corpus scores against.
 */
import { isText, type AnyNode, type Element } from 'domhandler';
import { findElements, getAttribute, isElement, readTextContent } from '../html-dom.ts';

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

/**
 * The name Readability's class-and-id patterns (unlikely, byline, share) test: `"${class} ${id}"`, or
 * `undefined` for an element with neither — most elements — whose name would be one space, which none of
 * those patterns matches, so the caller skips them.
 * @example const name = readPatternName(element); name !== undefined && BYLINE_NAME.test(name)
 */
export function readPatternName(element: Element): string | undefined {
  const className = readClassName(element);
  const id = readId(element);
  return className === '' && id === '' ? undefined : `${className} ${id}`;
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

/** The runs `normalizeInnerText` makes one space (shared: callers reset `lastIndex`). */
const WHITE_SPACE_RUN = /\s{2,}/g;

/**
 * `normalizeInnerText(text).length` without building the normalised text, which most callers only measure:
 * the trimmed length less what each run loses in becoming one space.
 * @example readNormalizedLength('  two  words ') // 9
 */
export function readNormalizedLength(text: string): number {
  const trimmed = text.trim();
  let length = trimmed.length;
  WHITE_SPACE_RUN.lastIndex = 0;
  for (let run = WHITE_SPACE_RUN.exec(trimmed); run; run = WHITE_SPACE_RUN.exec(trimmed)) length -= run[0].length - 1;
  return length;
}

/**
 * Whether a UTF-16 code unit is white space as `\s` reads it (ECMAScript's WhiteSpace and LineTerminator),
 * for a loop over characters: the common ones answered first, no regular expression per character.
 * @example isWhiteSpaceCode('\u00a0'.charCodeAt(0)) // true
 */
export function isWhiteSpaceCode(code: number): boolean {
  if (code > 32 && code < 160) return false;
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * How many characters of `text` are not white space: `text.replace(/\s+/g, '').length`, building no string.
 * @example countNonSpace(' a b\n') // 2
 */
export function countNonSpace(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) if (!isWhiteSpaceCode(text.charCodeAt(index))) count += 1;
  return count;
}

/** Readability's `REGEXPS.commas`: the comma characters a paragraph's score counts. */
const COMMAS = /\u002C|\u060C|\uFE50|\uFE10|\uFE11|\u2E41|\u2E34|\u2E32|\uFF0C/g;

/**
 * The pieces Readability's `text.split(COMMAS)` makes: one more than the commas. Counted by matching, without
 * the array of pieces a split builds (and the strings in it) for each paragraph.
 * @example countCommaPieces('one, two, three'); // 3
 */
export function countCommaPieces(text: string): number {
  COMMAS.lastIndex = 0;
  let pieces = 1;
  while (COMMAS.test(text)) pieces += 1;
  return pieces;
}

/** Text content, trimmed, with runs of two or more white-space characters made one space. */
export function readInnerText(node: AnyNode, normalize = true): string {
  const text = readTextContent(node);
  return normalize ? normalizeInnerText(text) : text.trim();
}

/**
 * The length of a node's inner text (`readInnerText(node).length`), for callers that only measure it.
 * @example readInnerLength(article) >= 500
 */
export function readInnerLength(node: AnyNode): number {
  return readNormalizedLength(readTextContent(node));
}

/** Descendants of `root` (not `root`) whose tag is in `tags`, in document order. */
export function findByTags(root: Element, tags: ReadonlySet<string>): Element[] {
  return findElements(root, (element) => tags.has(element.name));
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

/** Weighted length of a link's text: in-page `#` links weigh 0.3. */
function readLinkLength(link: Element): number {
  const href = getAttribute(link, 'href');
  return readInnerLength(link) * (href && /^#.+/.test(href) ? 0.3 : 1);
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

/** Share of the text inside links (in-page `#` links weigh 0.3). */
export function readLinkDensity(element: Element): number {
  const { text, links } = readTextAndLinks(element);
  const textLength = readNormalizedLength(text);
  if (textLength === 0) return 0;
  let linkLength = 0;
  for (const link of links) linkLength += readLinkLength(link);
  return linkLength / textLength;
}

/**
 * What a text node adds to the inner text (`normalizeInnerText`) of any element it is in: its own normalised
 * length, and whether white space starts or ends it (runs across node boundaries collapse to one space).
 */
interface TextPiece {
  readonly length: number;
  readonly blank: boolean;
  readonly leadingSpace: boolean;
  readonly trailingSpace: boolean;
}

/** The pieces of an empty text node and of one all white space (most text nodes: the markup's indentation). */
const EMPTY_PIECE: TextPiece = { length: 0, blank: true, leadingSpace: false, trailingSpace: false };
const BLANK_PIECE: TextPiece = { length: 0, blank: true, leadingSpace: true, trailingSpace: true };

function readTextPiece(data: string): TextPiece {
  const trimmed = data.trim();
  if (trimmed === '') return data === '' ? EMPTY_PIECE : BLANK_PIECE;
  // `trim` takes off exactly the white space `\s` matches: a text it leaves whole neither starts nor ends with any.
  const padded = trimmed.length !== data.length;
  return {
    length: readNormalizedLength(trimmed),
    blank: false,
    leadingSpace: padded && /^\s/.test(data),
    trailingSpace: padded && /\s$/.test(data),
  };
}

/** A candidate open in `readLinkDensities`' walk: its inner text's length and its links' so far. */
interface OpenCandidate {
  readonly element: Element;
  textLength: number;
  hasText: boolean;
  pendingSpace: boolean;
  linkLength: number;
}

/** Append a text node to a candidate's inner text: only the length is kept, `normalizeInnerText`'s. */
function addText(open: OpenCandidate, piece: TextPiece): void {
  if (piece.blank) {
    if (open.hasText && piece.leadingSpace) open.pendingSpace = true;
    return;
  }
  if (open.hasText && (open.pendingSpace || piece.leadingSpace)) open.textLength += 1;
  open.textLength += piece.length;
  open.hasText = true;
  open.pendingSpace = piece.trailingSpace;
}

function hasCandidateAncestor(element: Element, candidates: ReadonlySet<Element>): boolean {
  for (let node = element.parent; node; node = node.parent) if (candidates.has(node as Element)) return true;
  return false;
}

/**
 * `readLinkDensity` of every candidate, to the last bit, in one walk of the outermost ones' subtrees instead
 * of one per candidate: nested candidates (a paragraph's five ancestors) would each read the same text
 * again. Each text node is measured once and added to every open candidate; each link's length is added to
 * them in document order, the order `readLinkDensity` sums in. The tree must not change meanwhile.
 */
export function readLinkDensities(candidates: Iterable<Element>): Map<Element, number> {
  const set = new Set(candidates);
  const densities = new Map<Element, number>();
  const open: OpenCandidate[] = [];
  const close = (): void => {
    const done = open.pop();
    if (done) densities.set(done.element, done.textLength === 0 ? 0 : done.linkLength / done.textLength);
  };
  for (const root of set) {
    if (hasCandidateAncestor(root, set)) continue;
    // A null entry closes the innermost open candidate.
    const stack: (AnyNode | null)[] = [root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      if (node === null) close();
      else if (isText(node)) {
        const piece = readTextPiece(node.data);
        for (const candidate of open) addText(candidate, piece);
      } else if (isElement(node)) {
        if (node.name === 'a' && open.length > 0) {
          const length = readLinkLength(node);
          for (const candidate of open) candidate.linkLength += length;
        }
        if (set.has(node)) {
          open.push({ element: node, textLength: 0, hasText: false, pendingSpace: false, linkLength: 0 });
          stack.push(null);
        }
        for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as AnyNode);
      }
    }
  }
  return densities;
}

/**
 * Which of Readability's optional rules changed anything during one scoring pass. A later pass that only
 * turns off rules that changed nothing would take every decision this one took: body.ts skips it. The
 * unlikely and conditional rules changed something when they removed an element; class weights when a
 * decision taken with them (the article's container and siblings, an element cleaned or kept) would have
 * gone the other way without them — a page of weighted class names whose weights decide nothing is common.
 */
export interface RuleEffects {
  stripUnlikely: boolean;
  weighClasses: boolean;
  cleanConditionally: boolean;
}

/**
 * A pass's effects before it has run: none yet (each pass fills its own object as its rules act).
 * @example const effects = noRuleEffects()
 */
export function noRuleEffects(): RuleEffects {
  return { stripUnlikely: false, weighClasses: false, cleanConditionally: false };
}

/** −25 for a name that looks like chrome, +25 for one that looks like content (both: 0). */
function weighName(name: string): number {
  if (name === '') return 0;
  return (NEGATIVE.test(name) ? -25 : 0) + (POSITIVE.test(name) ? 25 : 0);
}

/** ±25 for a class and for an id that look like content or like chrome; 0 when weighing is off. */
export function readClassWeight(element: Element, weighClasses: boolean): number {
  if (!weighClasses) return 0;
  return weighName(readClassName(element)) + weighName(readId(element));
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
