/**
 * @module core/extract/dom
 * The small slice of the DOM the extract stage uses, typed structurally. The core compiles without the
 * `dom` lib (it must also build for Workers), so instead of the global `Document` we describe just what
 * linkedom gives us and we call. Helpers here never throw: operator-supplied selectors may be invalid.
 */

/** Node types we branch on (DOM Standard §4.4, `Node.nodeType`). */
const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  /** Upper-case for HTML elements (`P`, `DIV`), as the DOM Standard specifies for HTML documents. */
  readonly tagName: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  contains(other: DomNode | null): boolean;
  appendChild(node: DomNode): DomNode;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  cloneNode(deep: boolean): DomDocument;
}

/** Anything we can query below: a document or an element. */
export type DomRoot = DomDocument | DomElement;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Lower-case tag name of an element (`''` for other nodes). */
export function readTagName(node: DomNode): string {
  return isElement(node) ? node.tagName.toLowerCase() : '';
}

/** All matches of `selector` under `root`; an empty list when the selector is invalid. */
export function selectAll(root: DomRoot, selector: string): DomElement[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** The first match of `selector` under `root`, or undefined (also when the selector is invalid). */
export function selectFirst(root: DomRoot, selector: string): DomElement | undefined {
  try {
    return root.querySelector(selector) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Collapse runs of white space (including NBSP) to one space and trim; `undefined` when nothing is left. */
export function collapseWhitespace(text: string | null | undefined): string | undefined {
  if (text == null) return undefined;
  const collapsed = text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
  return collapsed === '' ? undefined : collapsed;
}

/** The collapsed text of an element, or undefined when it has none. */
export function readText(element: DomElement | undefined): string | undefined {
  return element ? collapseWhitespace(element.textContent) : undefined;
}

/** A trimmed, non-empty attribute value, or undefined. */
export function readAttribute(element: DomElement | undefined, name: string): string | undefined {
  return collapseWhitespace(element?.getAttribute(name));
}
