/**
 * @module core/extract/unquotable
 * Parts of a page that must never be quoted, removed before the body is read (so no extraction path —
 * content selectors, Readability, the whole-body fallback — can reach them):
 *  - elements with a `data-nosnippet` attribute: "do not use this text in a snippet" (Google's robots
 *    meta specification, text-level setting; a boolean attribute, honoured on any element);
 *  - the parts JSON-LD marks as paywalled (`hasPart` `WebPageElement`s with
 *    `isAccessibleForFree: false`, named by `cssSelector`; see `paywall.ts`).
 */
import {
  containsNode,
  isElement,
  isNonBlankText,
  isValidSelector,
  readBody,
  readChildElements,
  readRootElement,
  readTagName,
  removeNode,
  selectAll,
  type DomDocument,
  type DomElement,
} from '../html-dom.ts';

/**
 * Why the whole body counts as paywalled, though JSON-LD names only parts of it:
 *  - `parts-held-it`: the elements that held the parts hold no text once they are cut — the body is paywalled
 *    from its first word, and what is left on the page (a standfirst, a caption, notes, the author's bio) is not
 *    the article, so an excerpt made of it would misrepresent it;
 *  - `parts-unreadable`: a part's selector is one Lede cannot apply, so the paid text cannot be told from the
 *    free, and none of it is quoted.
 */
export type PaywalledBody = 'parts-held-it' | 'parts-unreadable';

export interface UnquotableRemoval {
  /** How many elements went. */
  readonly removed: number;
  /** Set when the whole body counts as paywalled. */
  readonly paywalledBody?: PaywalledBody;
}

/** Elements whose text is never read as the page's (see `holdsText`). */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template']);

/** Whether anything below `element` is text a reader sees: a non-blank text node outside scripts and styles. */
function holdsText(element: DomElement): boolean {
  const stack = [...element.children];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isNonBlankText(node)) return true;
    // One push per child: spreading a huge child list into `push` would overflow the argument stack.
    if (isElement(node) && !NOT_TEXT.has(readTagName(node))) for (const child of node.children) stack.push(child);
  }
  return false;
}

/**
 * Remove one element; the page's own skeleton (`html`, `body`) is emptied instead, so it stays parseable.
 * Returns what held it, or `undefined` when the whole page went.
 */
function removeElement(document: DomDocument, element: DomElement): DomElement | undefined {
  const tag = readTagName(element);
  if (tag === 'html' || tag === 'body') {
    const body = readBody(document);
    for (const child of body ? readChildElements(body) : []) removeNode(child);
    return undefined;
  }
  const holder = element.parent;
  if (tag !== 'head') removeNode(element);
  return holder && isElement(holder) ? holder : undefined;
}

/**
 * Remove every `[data-nosnippet]` element and every match of `paywalledSelectors` (invalid selectors
 * match nothing, and make the whole body count as paywalled). Mutates `document`.
 *
 * @example
 * removeUnquotableParts(document, ['.paywall']); // { removed: 2 }: the free part stays
 */
export function removeUnquotableParts(
  document: DomDocument,
  paywalledSelectors: readonly string[] = [],
): UnquotableRemoval {
  let removed = 0;
  // What held each paywalled part; `undefined` for the whole page.
  const holders: (DomElement | undefined)[] = [];
  for (const [index, selector] of ['[data-nosnippet]', ...paywalledSelectors].entries()) {
    for (const element of selectAll(document, selector)) {
      // An element inside one removed earlier is gone already.
      const root = readRootElement(document);
      if (!root || !containsNode(root, element)) continue;
      const holder = removeElement(document, element);
      if (index > 0) holders.push(holder);
      removed += 1;
    }
  }
  if (!paywalledSelectors.every(isValidSelector)) return { removed, paywalledBody: 'parts-unreadable' };
  const root = readRootElement(document);
  // A holder that went with a later part, or the whole page, has nothing left to quote.
  const isEmpty = (holder: DomElement | undefined) =>
    !holder || !root || !containsNode(root, holder) || !holdsText(holder);
  return holders.length > 0 && holders.every(isEmpty) ? { removed, paywalledBody: 'parts-held-it' } : { removed };
}
