/**
 * @module tests/helpers/content-walk-before
 * src/core/extract/content-walk.ts as it was before session 20 skipped the unlikely and byline patterns on
 * elements with neither class nor id (with byline.ts `isBylineElement` of then), kept verbatim (imports
 * re-pointed, the entry renamed `collectElementsToScoreBefore`) as the reference
 * tests/core/extract/scoring-unchanged.test.ts compares with.
 * Remove this file, and that comparison, once the change has shipped through a release with the output hashes
 * unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes on purpose.
 */
/**
 * @module core/extract/content-walk
 * Readability's walk over the page before scoring (content-score.ts): it takes out what cannot be content —
 * hidden elements, the article's byline, the heading repeating the title, unlikely and empty elements —,
 * turns paragraph-like `<div>`s into `<p>`, and lists the elements whose text is scored. Mutates the document.
 */
import { isText, type Element } from 'domhandler';
import { getAttribute, readChildElements, readTextContent, removeNode, replaceNode } from '../../src/core/html-dom.ts';
import { wrapLooseText } from '../../src/core/extract/content-prepare.ts';
import { CONVERTED_TAG, EMPTY_REMOVABLE, TAGS_TO_SCORE, TITLE_HEADINGS } from '../../src/core/extract/content-tags.ts';
import {
  DIV_TO_P_TAGS,
  findByTags,
  findNextElement,
  hasAncestorTag,
  hasDescendantTag,
  hasVisibleText,
  isInvisible,
  readClassName,
  readId,
  readInnerText,
  readLinkDensity,
  type RuleEffects,
} from '../../src/core/extract/content-text.ts';
import { noteUnlikelyRemoval, type UnlikelyRetry } from '../../src/core/extract/unlikely-retry.ts';

// byline.ts `isBylineElement` as it was then, verbatim.
/** Readability's `REGEXPS.byline`, tested on the class and id together. */
const BYLINE_NAME = /byline|author|dateline|writtenby|p-author/i;

/** A byline is short: Readability takes nothing of 100 characters or more (trimmed) as one. */
const MAX_BYLINE_LENGTH = 100;

/**
 * Readability's `_isValidByline`: marked as the author (`rel="author"`, an `itemprop` naming `author`) or
 * named a byline by class or id, with some text and less than `MAX_BYLINE_LENGTH` characters of it.
 *
 * @example
 *   isBylineElement(selectFirst(document, '.byline'));
 */
function isBylineElement(element: Element): boolean {
  const marked =
    getAttribute(element, 'rel') === 'author' ||
    (getAttribute(element, 'itemprop') ?? '').includes('author') ||
    BYLINE_NAME.test(`${readClassName(element)} ${readId(element)}`);
  if (!marked) return false;
  const length = readTextContent(element).trim().length;
  return length > 0 && length < MAX_BYLINE_LENGTH;
}

const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/i;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow/i;
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
  return children.length === 0 || children.length === findByTags(element, new Set(['br', 'hr'])).length;
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
  const matchString = `${readClassName(element)} ${readId(element)}`;
  const unlikelyName =
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

/** Whether Readability's walk drops the element before scoring (unlikely, empty). */
function isDropped(element: Element, rules: WalkRules): boolean {
  if (rules.stripUnlikely && isUnlikely(element)) {
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

/** What the walk has taken out so far: the byline and the title header are each taken once. */
interface WalkState {
  byline: boolean;
  titleHeader: boolean;
  /** The title's words, read at the first heading. */
  titleWords?: ReadonlySet<string>;
}

/**
 * Whether the walk takes `node` out, in Readability's order: hidden, then the article's byline (the first
 * only: byline.ts), then the heading repeating the title (the first only), then unlikely or empty.
 */
function isTakenOut(node: Element, title: string | undefined, state: WalkState, rules: WalkRules): boolean {
  if (isInvisible(node)) return true;
  if (!state.byline && isBylineElement(node)) {
    state.byline = true;
    return true;
  }
  const isTitle =
    state.titleHeader &&
    TITLE_HEADINGS.has(node.name) &&
    readSimilarity((state.titleWords ??= new Set(readWords(title ?? ''))), readInnerText(node, false)) > 0.75;
  if (isTitle) {
    state.titleHeader = false;
    return true;
  }
  return isDropped(node, rules);
}

/** Walk the page once: drop what cannot be content, turn paragraph-like divs into `<p>`, list what to score. */
export function collectElementsToScoreBefore(body: Element, title: string | undefined, rules: WalkRules): Element[] {
  const toScore: Element[] = [];
  const state: WalkState = { byline: false, titleHeader: title !== undefined };
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
