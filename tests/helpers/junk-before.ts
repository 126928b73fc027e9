/**
 * @module tests/helpers/junk-before
 * src/core/extract/junk.ts `removeJunk` as it was before it found tag, role and hidden junk with its own
 * walk instead of a css-select selector list, kept verbatim (imports aside) as the reference
 * tests/core/extract/junk.test.ts compares the new one with. Its names are those of then: class and id, and the junk
 * words before session 25 added recirculation lists, appeals and the `data-component` / `data-testid` names, so the
 * comparisons generate only those (junk.test.ts "removeJunk by name" has examples of the new ones).
 */
import {
  containsNode,
  getAttribute,
  readTextContent,
  removeNode,
  selectAll,
  type DomElement,
} from '../../src/core/html-dom.ts';

/** Never article prose: scripts, embedded objects, interactive widgets, page chrome. */
const JUNK_TAGS = [
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
];

/** Landmarks and widgets that are not the main content (WAI-ARIA 1.2 §5.3). */
const JUNK_ROLES = [
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
];

const JUNK_SELECTOR = [
  ...JUNK_TAGS,
  ...JUNK_ROLES.map((role) => `[role="${role}"]`),
  '[hidden]',
  '[aria-hidden="true"]',
].join(',');

/** Comment threads can outweigh the article; they are removed whatever their size. */
const COMMENTS_TOKEN = /(^|[-_])(comments?|comment-?list|commentlist|disqus|respond)($|[-_])/i;

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
const JUNK_TOKEN =
  /(^|[-_])(comments?|comment-?list|commentlist|disqus|respond|share|shares|sharing|sharedaddy|sharethis|addthis|social|socials|related\w*|newsletter\w*|subscribe|subscription|breadcrumbs?|promo|advert\w*|ads?|sponsored|outbrain|taboola|recirc\w*|more-stories|read-?more|author-bio|signup|cookie\w*|paywall|licen[cs]e|copyright|disclaimer|tags|tag-?list|print|popup|modal|meta|dateline|date|datetime|timestamp|published|posted-on)($|[-_])/i;

/** Tokens naming a taxonomy term (WordPress `post_class()`: `category-social`, `tag-share`), not a widget. */
const TAXONOMY_TOKEN = /^(category|tag|tags|topic|section|format|type|status)-/i;

/** Tokens that mark the content itself: a container carrying one is never removed by name. */
const CONTENT_TOKEN =
  /^(article|content|main|body|entry|post|story|hentry|text|(\w+[-_])?(content|body|article|text))$/i;

function readNameTokens(element: DomElement): string[] {
  const names = `${getAttribute(element, 'class') ?? ''} ${getAttribute(element, 'id') ?? ''}`;
  return names.split(/\s+/).filter((token) => token !== '');
}

/** What an element's class or id names: a comment thread, another widget, or nothing we remove. */
function classifyByName(element: DomElement): 'comments' | 'widget' | undefined {
  if (/\barticleBody\b/.test(getAttribute(element, 'itemprop') ?? '')) return undefined;
  const tokens = readNameTokens(element).filter((token) => !TAXONOMY_TOKEN.test(token));
  if (tokens.some((token) => CONTENT_TOKEN.test(token))) return undefined;
  if (tokens.some((token) => COMMENTS_TOKEN.test(token))) return 'comments';
  return tokens.some((token) => JUNK_TOKEN.test(token)) ? 'widget' : undefined;
}

function readLength(element: DomElement): number {
  return readTextContent(element).replace(/\s+/g, '').length;
}

/** Whether to remove an element by its name, given the text length of the container it is in. */
function isRemovableByName(element: DomElement, rootLength: number): boolean {
  const kind = classifyByName(element);
  if (kind === 'widget') return readLength(element) <= rootLength * MAX_WIDGET_SHARE;
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
 * Remove, below `root` (never `root` itself), the operator's `remove` selectors, then generic junk by
 * tag and role, then by class/id name. Mutates `root`.
 *
 * @example
 *   removeJunk(article, ['.newsletter-box']);
 */
export function removeJunkBefore(root: DomElement, extraSelectors: readonly string[] = []): void {
  for (const selector of extraSelectors) removeMatches(root, selector);
  removeMatches(root, JUNK_SELECTOR);
  const rootLength = readLength(root);
  for (const element of selectAll(root, '*')) {
    if (element === root || !containsNode(root, element)) continue;
    if (isHiddenByStyle(element) || isRemovableByName(element, rootLength)) removeNode(element);
  }
}
