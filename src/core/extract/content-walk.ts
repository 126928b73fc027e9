/**
 * @module core/extract/content-walk
 * Readability's walk over the page before scoring (content-score.ts): it takes out what cannot be content —
 * hidden elements, the article's byline, the heading repeating the title, unlikely and empty elements —,
 * turns paragraph-like `<div>`s into `<p>`, and lists the elements whose text is scored. Mutates the document.
 */
import { isText, type Element } from 'domhandler';
import { getAttribute, readChildElements, removeNode, replaceNode } from '../html-dom.ts';
import { isBylineElement } from './byline.ts';
import { wrapLooseText } from './content-prepare.ts';
import { CONVERTED_TAG, EMPTY_REMOVABLE, TAGS_TO_SCORE, TITLE_HEADINGS } from './content-tags.ts';
import {
  DIV_TO_P_TAGS,
  findByTags,
  findNextElement,
  hasAncestorTag,
  hasDescendantTag,
  hasVisibleText,
  isInvisible,
  readPatternName,
  readInnerText,
  readLinkDensity,
  type RuleEffects,
} from './content-text.ts';
import { noteUnlikelyRemoval, type UnlikelyRetry } from './unlikely-retry.ts';

const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow/i;
const BREAKS: ReadonlySet<string> = new Set(['br', 'hr']);
const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog']);

/** What of a pass's rules the walk applies, and where it notes that `stripUnlikely` changed something. */
interface WalkRules {
  readonly stripUnlikely: boolean;
  readonly effects?: RuleEffects | undefined;
  /** Where the first pass notes what the unlikely rule removes, to prove its retry a repeat (unlikely-retry.ts). */
  readonly retry?: UnlikelyRetry | undefined;
}

function isWithoutContent(element: Element): boolean {
  if (hasVisibleText(element)) return false;
  const children = readChildElements(element);
  return children.length === 0 || children.length === findByTags(element, BREAKS).length;
}

/**
 * The words Readability's similarity compares: lower-cased, split at non-word characters.
 * @example readWords('Astana, Opera!') // ['astana', 'opera']
 */
export function readWords(text: string): string[] {
  return text.toLowerCase().split(/\W+/).filter(Boolean);
}

/** The length of `words` joined by single spaces. */
function readJoinedLength(words: readonly string[]): number {
  return words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.length, words.length - 1);
}

/**
 * Readability's word similarity: the share of `b`'s text made of words also in `a` (1: the same), `a` given
 * as its set of words (`readWords`), taken once per walk rather than once per heading it is compared with.
 * @example readSimilarity(new Set(readWords('Astana opera revives')), 'Astana opera') // 1
 */
export function readSimilarity(wordsOfA: ReadonlySet<string>, b: string): number {
  const wordsB = readWords(b);
  if (wordsOfA.size === 0 || wordsB.length === 0) return 0;
  const unique = wordsB.filter((word) => !wordsOfA.has(word));
  return 1 - readJoinedLength(unique) / readJoinedLength(wordsB);
}

/** Whether an element looks like chrome by its class, id or role (the rule `stripUnlikely` applies). */
function isUnlikely(element: Element): boolean {
  const matchString = readPatternName(element);
  const unlikelyName =
    matchString !== undefined &&
    UNLIKELY.test(matchString) &&
    !MAYBE_CANDIDATE.test(matchString) &&
    !hasAncestorTag(element, 'table') &&
    !hasAncestorTag(element, 'code') &&
    element.name !== 'body' &&
    element.name !== 'a';
  return unlikelyName || UNLIKELY_ROLES.has(getAttribute(element, 'role') ?? '');
}

function isEmptyRemovable(element: Element): boolean {
  return EMPTY_REMOVABLE.has(element.name) && isWithoutContent(element);
}

/**
 * Whether Readability's walk drops the element before scoring (unlikely, empty); `checked`: whether it has an
 * attribute `isUnlikely` may read (`hasCheckedAttribute`).
 */
function isDropped(element: Element, rules: WalkRules, checked: boolean): boolean {
  if (rules.stripUnlikely && checked && isUnlikely(element)) {
    if (rules.effects) rules.effects.stripUnlikely = true;
    // An empty element the pass without the rule removes as well leaves nothing for it to keep.
    if (rules.retry && !isEmptyRemovable(element)) noteUnlikelyRemoval(rules.retry, element);
    return true;
  }
  return isEmptyRemovable(element);
}

/** Whether a `<div>` holds exactly one `<p>` and no text of its own. */
function hasSingleParagraph(element: Element): boolean {
  const children = readChildElements(element);
  if (children.length !== 1 || children[0]?.name !== 'p') return false;
  return !element.children.some((node) => isText(node) && /\S$/.test(node.data));
}

function hasBlockDescendant(element: Element): boolean {
  return hasDescendantTag(element, DIV_TO_P_TAGS);
}

/**
 * The page's byline, when the page's markup names the author: Readability then leaves the byline element in the
 * tree while it scores (its text and links count as any other's), and Lede takes it out of the chosen article
 * afterwards (`found`; content-score.ts), so that its "By Jane Doe" is not body text either way.
 */
export interface KeptByline {
  found?: Element | undefined;
}

/** What the walk has taken out so far: the byline and the title header are each taken once. */
interface WalkState {
  byline: boolean;
  /** Where to note the byline instead of taking it out (the page's markup names the author). */
  readonly kept: KeptByline | undefined;
  titleHeader: boolean;
  /** The title's words, read at the first heading. */
  titleWords?: ReadonlySet<string>;
}

/**
 * Every attribute the walk's checks by attribute read: `isInvisible` (style, hidden, aria-hidden, aria-modal,
 * role; class), `isBylineElement` (rel, itemprop; class, id) and `isUnlikely` (class, id, role). An element
 * with none of them — most, such as a bare `<p>` or an `<a href>` — is neither hidden, a byline nor unlikely.
 */
const CHECKED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'style',
  'hidden',
  'aria-hidden',
  'aria-modal',
  'role',
  'class',
  'id',
  'rel',
  'itemprop',
]);

/** Whether `element` has an attribute the checks by attribute read (else they all say no, unasked). */
function hasCheckedAttribute(element: Element): boolean {
  for (const name in element.attribs) if (CHECKED_ATTRIBUTES.has(name)) return true;
  return false;
}

/**
 * Whether the walk takes `node` out, in Readability's order: hidden, then the article's byline (the first
 * only: byline.ts), then the heading repeating the title (the first only), then unlikely or empty.
 */
function isTakenOut(node: Element, title: string | undefined, state: WalkState, rules: WalkRules): boolean {
  const checked = hasCheckedAttribute(node);
  if (checked && isInvisible(node)) return true;
  if (checked && !state.byline && isBylineElement(node)) {
    state.byline = true;
    if (!state.kept) return true;
    state.kept.found = node;
  }
  const isTitle =
    state.titleHeader &&
    TITLE_HEADINGS.has(node.name) &&
    readSimilarity((state.titleWords ??= new Set(readWords(title ?? ''))), readInnerText(node, false)) > 0.75;
  if (isTitle) {
    state.titleHeader = false;
    return true;
  }
  return isDropped(node, rules, checked);
}

/**
 * Walk the page once: drop what cannot be content, turn paragraph-like divs into `<p>`, list what to score. The
 * page's byline is taken out, or, with `kept`, noted there and left in (`KeptByline`).
 */
export function collectElementsToScore(
  body: Element,
  title: string | undefined,
  rules: WalkRules,
  kept?: KeptByline,
): Element[] {
  const toScore: Element[] = [];
  const state: WalkState = { byline: false, titleHeader: title !== undefined, kept };
  let node: Element | undefined = body;
  while (node) {
    if (isTakenOut(node, title, state, rules)) {
      const next = findNextElement(node, true);
      removeNode(node);
      node = next;
      continue;
    }
    if (TAGS_TO_SCORE.has(node.name)) toScore.push(node);
    if (node.name === CONVERTED_TAG) {
      wrapLooseText(node);
      const child = readChildElements(node)[0];
      if (child && hasSingleParagraph(node) && readLinkDensity(node) < 0.25) {
        replaceNode(node, child);
        if (kept?.found === node) kept.found = child;
        node = child;
        toScore.push(node);
      } else if (!hasBlockDescendant(node)) {
        node.name = 'p';
        toScore.push(node);
      }
    }
    node = findNextElement(node);
  }
  return toScore;
}
