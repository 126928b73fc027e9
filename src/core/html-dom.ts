/**
 * @module core/html-dom
 * The document tree the pull stage's listing parser and the extract stage read (a base module, so both
 * may): htmlparser2's domhandler nodes (plain objects in arrays, no per-node event-target bookkeeping)
 * queried with css-select, the libraries linkedom itself is built on. Everything here works on Node and
 * on Workers, and never throws: operator-supplied selectors may be invalid, and a page may be nested
 * deeper than a recursive walk could follow.
 */
import { compile, selectAll as cssSelectAll, selectOne as cssSelectOne } from 'css-select';
import { Document, Element, isDocument, isTag, isText, type AnyNode, type ParentNode } from 'domhandler';
import { compareDocumentPosition, removeElement, replaceElement } from 'domutils';
import { rememberBounded } from './remember.ts';

export { Document as DomDocument, Element as DomElement };
export type DomNode = AnyNode;
/** Anything we can query below: a document or an element. */
export type DomRoot = Document | Element;

export function isElement(node: AnyNode): node is Element {
  return isTag(node);
}

/** Whether a node is text holding more than white space. */
export function isNonBlankText(node: AnyNode): boolean {
  return isText(node) && node.data.trim() !== '';
}

/** Lower-case tag name of an element (`''` for other nodes); htmlparser2 lower-cases HTML tag names. */
export function readTagName(node: AnyNode): string {
  return isTag(node) ? node.name : '';
}

/** An attribute's value as written, or null (own properties only: `constructor` is no attribute). */
export function getAttribute(element: Element, name: string): string | null {
  return Object.hasOwn(element.attribs, name) ? (element.attribs[name] ?? null) : null;
}

/** The element children of a node. */
export function readChildElements(node: ParentNode): Element[] {
  return node.children.filter(isTag);
}

/** The text of a node and everything below it, as DOM `textContent` (comments excluded); no recursion. */
export function readTextContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!('children' in node)) return '';
  let text = '';
  const stack: AnyNode[] = [...node.children].reverse();
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (isText(current)) text += current.data;
    else if (isTag(current))
      for (let index = current.children.length - 1; index >= 0; index -= 1)
        stack.push(current.children[index] as AnyNode);
  }
  return text;
}

/**
 * domutils' `DocumentPosition` bits, a const enum its types only declare. Its `compareDocumentPosition(a, b)`
 * says where `a` is relative to `b` (the reverse of DOM's `b.compareDocumentPosition(a)`).
 */
const FOLLOWING = 4;
const CONTAINED_BY = 16;

/** Whether `node` comes after `reference` in document order, outside it. */
export function follows(node: AnyNode, reference: AnyNode): boolean {
  const position = compareDocumentPosition(node, reference);
  return (position & FOLLOWING) !== 0 && (position & CONTAINED_BY) === 0;
}

/** Whether `node` is `ancestor` or below it. */
export function containsNode(ancestor: AnyNode, node: AnyNode): boolean {
  for (let current: AnyNode | null = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

export function removeNode(node: AnyNode): void {
  removeElement(node);
}

/** Put `replacement` (moved from wherever it was) where `node` is; `node` leaves the tree. */
export function replaceNode(node: AnyNode, replacement: AnyNode): void {
  removeElement(replacement);
  replaceElement(node, replacement);
  node.prev = null;
  node.next = null;
  node.parent = null;
}

/** The `<html>` and `<body>` a parsed page always has (see parse-html). */
export function readRootElement(document: Document): Element | undefined {
  return document.children.find((node): node is Element => isTag(node) && node.name === 'html');
}

function readRootChild(document: Document, name: string): Element | undefined {
  return readRootElement(document)?.children.find((node): node is Element => isTag(node) && node.name === name);
}

export function readBody(document: Document): Element | undefined {
  return readRootChild(document, 'body');
}

/** Compiled selectors, shared by every page (feed selectors repeat on every article of a feed). */
type CompiledQuery = ReturnType<typeof compile<AnyNode, Element>>;
const MAX_COMPILED = 500;

/** A selector compiled once (core/remember, bounded); `null` for one css-select cannot compile. */
const compileSelector = rememberBounded((selector: string): CompiledQuery | null => {
  try {
    return compile<AnyNode, Element>(selector);
  } catch {
    return null;
  }
}, MAX_COMPILED);

/** Whether css-select can compile `selector` (the queries below treat an invalid one as matching nothing). */
export function isValidSelector(selector: string): boolean {
  return compileSelector(selector) !== null;
}

/**
 * Every element of a document by tag name, in document order: the metadata readers ask for a dozen tags
 * (`meta`, `link`, `base`, `script`, `time`, `h1`…) and one walk answers them all instead of one scan each.
 * Built on first use; `forgetTagIndex` drops it when a step restructures the page.
 */
const tagIndexes = new WeakMap<Document, Map<string, Element[]>>();

const NOSNIPPET = 'data-nosnippet';

function addToIndex(index: Map<string, Element[]>, key: string, element: Element): void {
  const list = index.get(key);
  if (list) list.push(element);
  else index.set(key, [element]);
}

function readTagIndex(document: Document): Map<string, Element[]> {
  let index = tagIndexes.get(document);
  if (index) return index;
  index = new Map();
  const stack: AnyNode[] = [...document.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isTag(node)) continue;
    addToIndex(index, node.name, node);
    // Elements marked `data-nosnippet` are removed from every page: collect them in the same walk.
    if (Object.hasOwn(node.attribs, NOSNIPPET)) addToIndex(index, `[${NOSNIPPET}]`, node);
    for (let child = node.children.length - 1; child >= 0; child -= 1) stack.push(node.children[child] as AnyNode);
  }
  tagIndexes.set(document, index);
  return index;
}

/** Forget a document's tag index: call before moving, renaming or creating its elements. */
export function forgetTagIndex(document: Document): void {
  tagIndexes.delete(document);
}

/** `tag` or `tag[attribute…]` (and `[data-nosnippet]`): a selector the tag index can answer. */
const TAG_SELECTOR = /^([a-z][a-z0-9]*)(?:\[[^\]]*\])*$/;

/** `.name`, `tag.name`, `.name.other` (plain ASCII names): every match has the first class in its `class`. */
const CLASS_SELECTOR = /^(?:[a-z][a-z0-9]*)?\.(-?[A-Za-z_][\w-]*)(?:\.-?[A-Za-z_][\w-]*)*$/;

/**
 * The elements below `root` (not `root` itself) for which `matches` holds, in document order, by a plain walk
 * (no recursion, no selector engine). With `lookInside: false` the walk does not go below a match: for
 * elements that are removed whole, what is inside goes with them.
 * @example findElements(body, (element) => element.name === 'table')
 */
export function findElements(
  root: DomRoot,
  matches: (element: Element) => boolean,
  { lookInside = true }: { lookInside?: boolean } = {},
): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (!isTag(node)) continue;
    const match = matches(node);
    if (match) found.push(node);
    if (match && !lookInside) continue;
    for (let child = node.children.length - 1; child >= 0; child -= 1) stack.push(node.children[child] as AnyNode);
  }
  return found;
}

/** All matches of `selector` below `root`, in document order; an empty list when the selector is invalid. */
export function selectAll(root: DomRoot, selector: string): Element[] {
  const query = compileSelector(selector);
  if (!query) return [];
  const tag = !isDocument(root)
    ? undefined
    : selector === `[${NOSNIPPET}]`
      ? selector
      : TAG_SELECTOR.exec(selector)?.[1];
  if (tag !== undefined) {
    // Removed elements stay in the index: keep only those still in the document.
    const indexed = readTagIndex(root as Document).get(tag) ?? [];
    return indexed.filter((element) => containsNode(root, element) && query(element));
  }
  const className = CLASS_SELECTOR.exec(selector)?.[1];
  // A feed's `content` and `remove` selectors are class names, and css-select's own walk, calling its compiled
  // query on every element of a large page, costs several times more: the elements whose `class` holds the
  // first class anywhere are all the selector can match, and the query then decides.
  if (className !== undefined)
    return findElements(root, (element) => getAttribute(element, 'class')?.includes(className) === true).filter(
      (element) => query(element),
    );
  try {
    return cssSelectAll<AnyNode, Element>(query, root);
  } catch {
    return [];
  }
}

/** The first match of `selector` below `root`, or undefined (also when the selector is invalid). */
export function selectFirst(root: DomRoot, selector: string): Element | undefined {
  if (isDocument(root) && TAG_SELECTOR.test(selector)) return selectAll(root, selector)[0];
  const query = compileSelector(selector);
  if (!query) return undefined;
  try {
    return cssSelectOne<AnyNode, Element>(query, root) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The white space `collapseWhitespace` makes one space where it is not one already: a run of two or more
 * (`\s`, NBSP and BOM among them, and the zero-width space), or one such character other than a space. A
 * single space is left alone: replacing it with itself, once per word, was most of the cost.
 */
const UNCOLLAPSED_WHITESPACE = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/**
 * Whether trimmed text holds any such white space: the same characters one at a time, and two spaces. Most
 * text holds none, and a test costs less than a replace that finds nothing.
 */
const HAS_UNCOLLAPSED_WHITESPACE = /[^\S ]|\u200b| {2}/;

/** Collapse runs of white space (including NBSP) to one space and trim; `undefined` when nothing is left. */
export function collapseWhitespace(text: string | null | undefined): string | undefined {
  if (text == null) return undefined;
  // `trim` removes exactly what `\s` matches, so it changes no run between words; trimming first ends text that
  // is all white space (most of what a walk collects between two blocks) without a pattern.
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!HAS_UNCOLLAPSED_WHITESPACE.test(trimmed)) return trimmed;
  // A zero-width space at either end becomes a space here: hence the second trim.
  const collapsed = trimmed.replace(UNCOLLAPSED_WHITESPACE, ' ').trim();
  return collapsed === '' ? undefined : collapsed;
}

/** The collapsed text of an element, or undefined when it has none. */
export function readText(element: Element | undefined): string | undefined {
  return element ? collapseWhitespace(readTextContent(element)) : undefined;
}

/** A trimmed, non-empty attribute value, or undefined. */
export function readAttribute(element: Element | undefined, name: string): string | undefined {
  return element ? collapseWhitespace(getAttribute(element, name)) : undefined;
}
