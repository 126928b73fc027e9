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
  readBody,
  readChildElements,
  readRootElement,
  readTagName,
  removeNode,
  selectAll,
  type DomDocument,
  type DomElement,
} from '../html-dom.ts';

/** Remove one element; the page's own skeleton (`html`, `body`) is emptied instead, so it stays parseable. */
function removeElement(document: DomDocument, element: DomElement): void {
  const tag = readTagName(element);
  if (tag === 'html' || tag === 'body') {
    const body = readBody(document);
    for (const child of body ? readChildElements(body) : []) removeNode(child);
    return;
  }
  if (tag !== 'head') removeNode(element);
}

/**
 * Remove every `[data-nosnippet]` element and every match of `paywalledSelectors` (invalid selectors
 * match nothing). Mutates `document`; returns how many elements went.
 *
 * @example
 * const removed = removeUnquotableParts(document, ['.paywall']); // 2
 */
export function removeUnquotableParts(document: DomDocument, paywalledSelectors: readonly string[] = []): number {
  let removed = 0;
  for (const selector of ['[data-nosnippet]', ...paywalledSelectors]) {
    for (const element of selectAll(document, selector)) {
      // An element inside one removed earlier is gone already.
      const root = readRootElement(document);
      if (!root || !containsNode(root, element)) continue;
      removeElement(document, element);
      removed += 1;
    }
  }
  return removed;
}
