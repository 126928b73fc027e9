/**
 * @module core/extract/junk
 * Element-level clean-up of an article container: navigation, share widgets, related-article lists,
 * comments, forms, licence footers. Decided generically — by tag, ARIA role (WAI-ARIA 1.2 landmark
 * roles) and class/id naming conventions — never by hostname; per-site knowledge is the feed's
 * `article.remove` selectors.
 */
import { isTag, isText } from 'domhandler';
import {
  containsNode,
  findElements,
  getAttribute,
  removeNode,
  selectAll,
  type DomElement,
  type DomNode,
} from '../html-dom.ts';
import { countNonSpace } from './content-text.ts';

/** Never article prose: scripts, embedded objects, interactive widgets, page chrome. */
const JUNK_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'aside',
  'footer',
  'dialog',
  'menu',
]);

/** Landmarks and widgets that are not the main content (WAI-ARIA 1.2 §5.3). */
const JUNK_ROLES = new Set([
  'navigation',
  'complementary',
  'contentinfo',
  'banner',
  'menu',
  'menubar',
  'dialog',
  'alertdialog',
  'search',
  'toolbar',
  'tablist',
]);

/**
 * Whether an element is junk by tag, ARIA role or a hiding attribute: what the selector list of the tags,
 * `[role="…"]` of the roles, `[hidden]` and `[aria-hidden="true"]` matches in css-select (htmlparser2
 * lower-cases tag names; `role` is compared case-sensitively; `hidden` counts with any value).
 */
function isJunkElement(element: DomElement): boolean {
  if (JUNK_TAGS.has(element.name)) return true;
  const role = getAttribute(element, 'role');
  if (role !== null && JUNK_ROLES.has(role)) return true;
  return getAttribute(element, 'hidden') !== null || getAttribute(element, 'aria-hidden') === 'true';
}

/** Names of comment threads, which can outweigh the article: they are removed whatever their size. */
const COMMENT_WORDS = String.raw`comments?|comment-?list|commentlist|disqus|respond|reply|replies`;
const COMMENTS_TOKEN = new RegExp(`(^|[-_])(${COMMENT_WORDS})($|[-_])`, 'i');

/** `COMMENTS_TOKEN` tested once on a whole `"${class} ${id}"`, as `JUNK_NAME` is (below): no split into tokens. */
const COMMENTS_NAME = new RegExp(String.raw`(^|[\s_-])(${COMMENT_WORDS})($|[\s_-])`, 'i');

/**
 * Whether `element` or an element above it names a comment thread by a class or id token (`post-comment`,
 * `comment-box`, `#comments`; not `commentary`).
 * @example isInCommentThread(dateline) // a commenter's "2013/12/28 10:28" is not the article's date
 */
export function isInCommentThread(element: DomElement): boolean {
  for (let node: DomNode | null = element; node && isTag(node); node = node.parent) {
    if (COMMENTS_NAME.test(`${getAttribute(node, 'class') ?? ''} ${getAttribute(node, 'id') ?? ''}`)) return true;
  }
  return false;
}

/**
 * A widget holding more than this share of the container's text is more likely a mis-named wrapper
 * ("read-more" around a collapsed story, `id="share-…Parent"` around the body) than a widget.
 */
const MAX_WIDGET_SHARE = 0.5;

/**
 * One class or id token that names a non-article widget. Matched on whole hyphen/underscore-separated
 * words so that `commentary` or `shareholders` are not junk while `post-comments`, `share-bar`,
 * `jp-relatedposts` and `social-links` are. Datelines (`entry-meta`, `posted-on`) are metadata, read
 * separately: they are not body text either. Bylines are not in this list: only the article's own, the
 * first on the page, is taken out (byline.ts); later ones (a teaser's "By …", a quoted contributor) stay.
 */
const JUNK_WORDS = String.raw`${COMMENT_WORDS}|share|shares|sharing|sharedaddy|sharethis|addthis|social|socials|related\w*|newsletter\w*|subscribe|subscription|breadcrumbs?|promo|advert\w*|ads?|sponsored|outbrain|taboola|recirc\w*|more-stories|read-?more|bookmark|playlist|call-to-action|most-?read|popular|ranking|trending|author-bio|signup|contributions?|donat\w*|cookie\w*|paywall|licen[cs]e|copyright|disclaimer|tags|tag-?list|print|popup|modal|meta|dateline|date|datetime|timestamp|published|posted-on|\w*gallery|\w*slideshow|carousel|slider`;
/** `JUNK_WORDS` as a whole token, or a hyphen/underscore-separated part of one. */
const JUNK_TOKEN = new RegExp(`(^|[-_])(${JUNK_WORDS})($|[-_])`, 'i');

/**
 * Whether any token of a whole `"${class} ${id}"` matches `JUNK_TOKEN` (or `COMMENTS_TOKEN`, whose words
 * `JUNK_WORDS` begins with), tested once on the whole: a token's start or end is the string's or white space's, and no
 * junk word spans white space. Most named elements match none and are not split into tokens.
 */
const JUNK_NAME = new RegExp(String.raw`(^|[\s_-])(${JUNK_WORDS})($|[\s_-])`, 'i');

/** Tokens naming a taxonomy term (WordPress `post_class()`: `category-social`, `tag-share`), not a widget. */
const TAXONOMY_TOKEN = /^(category|tag|tags|topic|section|format|type|status)-/i;

/** Tokens that mark the content itself: a container carrying one is never removed by name. */
const CONTENT_TOKEN =
  /^(article|content|main|body|entry|post|story|hentry|text|(\w+[-_])?(content|body|article|text))$/i;

/**
 * The names an element gives itself: class, id, and the component names of sites whose class names are hashed
 * (CSS modules, styled-components: `class="sc-2ae22ee-0 kbFhVy"`), which name their parts in `data-component`
 * (BBC) or `data-testid` (The Guardian, Reuters, the New York Times) instead. Undefined when it has none.
 * @example readWidgetNames(div) // 'sc-1c2e2a4d-0  tags ' for <div class="sc-1c2e2a4d-0" data-component="tags">
 */
function readWidgetNames(element: DomElement): string | undefined {
  const className = getAttribute(element, 'class');
  const id = getAttribute(element, 'id');
  const component = getAttribute(element, 'data-component');
  const testId = getAttribute(element, 'data-testid');
  if (className === null && id === null && component === null && testId === null) return undefined;
  const names = `${className ?? ''} ${id ?? ''}`;
  return component === null && testId === null ? names : `${names} ${component ?? ''} ${testId ?? ''}`;
}

/** What an element's names (`readWidgetNames`) say: a comment thread, another widget, or nothing we remove. */
function classifyByName(element: DomElement): 'comments' | 'widget' | undefined {
  const names = readWidgetNames(element);
  // Most elements have none: no name tokens, nothing to classify.
  if (names === undefined) return undefined;
  // Without a junk word, whatever the tokens say, nothing is removed (most named elements).
  if (!JUNK_NAME.test(names)) return undefined;
  if (/\barticleBody\b/.test(getAttribute(element, 'itemprop') ?? '')) return undefined;
  const tokens = names.split(/\s+/).filter((token) => token !== '' && !TAXONOMY_TOKEN.test(token));
  if (tokens.some((token) => CONTENT_TOKEN.test(token))) return undefined;
  if (tokens.some((token) => COMMENTS_TOKEN.test(token))) return 'comments';
  return tokens.some((token) => JUNK_TOKEN.test(token)) ? 'widget' : undefined;
}

/**
 * The length of the element's text without its white space, text node by text node: white space is a
 * character's own property, so the nodes' counts add up to the count of their concatenation.
 */
function readLength(element: DomElement): number {
  let length = 0;
  const stack: DomNode[] = [...element.children];
  while (stack.length > 0) length += readNextNode(stack);
  return length;
}

/**
 * One step of a walk of text lengths (`readLength`, `measureContainer`): the next node off `stack`, its length
 * without white space if it is text, its children put on the stack if it is an element.
 */
function readNextNode(stack: DomNode[]): number {
  const node = stack.pop();
  if (node && isText(node)) return countNonSpace(node.data);
  if (node && isTag(node)) for (const child of node.children) stack.push(child);
  return 0;
}

/**
 * The text length (`readLength`) of a container as it was when this was made, read only as far as a question
 * about it needs: a widget is compared with it, and most widgets are far shorter than half the container.
 * Removals below the container after that keep it whole if each is noted before it is made.
 */
interface ContainerLength {
  /** Whether the length is at least `length`. */
  isAtLeast(length: number): boolean;
  /** Note that `element`, below the container, is about to be removed. */
  noteRemoval(element: DomElement): void;
}

function measureContainer(root: DomElement): ContainerLength {
  // The nodes not read yet (text is counted as it comes off the stack; an element's children go onto it).
  const stack: DomNode[] = [...root.children];
  let counted = 0;
  return {
    isAtLeast(length) {
      while (counted < length && stack.length > 0) counted += readNextNode(stack);
      return counted >= length;
    },
    noteRemoval(element) {
      // Below an element not read yet, its text would be gone by the time that element is read: count it now.
      // Anywhere else it is read already, or will be from the stack, which still holds it.
      for (let node = element.parent; node && node !== root; node = node.parent)
        if (stack.includes(node)) {
          counted += readLength(element);
          return;
        }
    },
  };
}

/** Whether to remove an element by its name, given the text length of the container it is in. */
function isRemovableByName(element: DomElement, readContainer: () => ContainerLength): boolean {
  const kind = classifyByName(element);
  // `length <= containerLength * MAX_WIDGET_SHARE` (both sides exact for a share of one half: integers halved
  // or doubled), with the container read no further than needed.
  if (kind === 'widget') return readContainer().isAtLeast(readLength(element) / MAX_WIDGET_SHARE);
  return kind === 'comments';
}

/** Whether an inline style hides the element (`display:none`, `visibility:hidden`). */
function isHiddenByStyle(element: DomElement): boolean {
  const style = getAttribute(element, 'style');
  return style !== null && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function removeMatches(root: DomElement, selector: string): void {
  for (const element of selectAll(root, selector)) {
    if (element !== root && containsNode(root, element)) removeNode(element);
  }
}

/**
 * Below `root`, in one walk that does not go below junk: the junk elements by tag, role or hiding attribute
 * (`isJunkElement`), and every other element, in document order — the elements a walk would find once the
 * junk is removed, since what is inside junk goes with it.
 */
function readJunkAndRest(root: DomElement): { junk: DomElement[]; rest: DomElement[] } {
  const rest: DomElement[] = [];
  const isJunk = (element: DomElement): boolean => {
    if (isJunkElement(element)) return true;
    rest.push(element);
    return false;
  };
  return { junk: findElements(root, isJunk, { lookInside: false }), rest };
}

/**
 * Remove, below `root` (never `root` itself), the operator's `remove` selectors, then generic junk by
 * tag and role, then by class/id name. Mutates `root`.
 *
 * @example
 *   removeJunk(article, ['.newsletter-box']);
 */
export function removeJunk(root: DomElement, extraSelectors: readonly string[] = []): void {
  for (const selector of extraSelectors) removeMatches(root, selector);
  // Not looking inside junk: what is inside goes with it.
  const { junk, rest } = readJunkAndRest(root);
  for (const element of junk) removeNode(element);
  // The root's text length before this loop removes anything, measured from the first widget or removal on
  // (on most articles there is neither), and only as far as the widgets need.
  let container: ContainerLength | undefined;
  const readContainer = (): ContainerLength => (container ??= measureContainer(root));
  // Every element left below `root`, in document order: css-select's `*`, without its engine.
  for (const element of rest) {
    if (element === root || !containsNode(root, element)) continue;
    if (!isHiddenByStyle(element) && !isRemovableByName(element, readContainer)) continue;
    readContainer().noteRemoval(element);
    removeNode(element);
  }
}
