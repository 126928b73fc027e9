/**
 * @module core/extract/content-prepare
 * Prepare a page for content scoring as Mozilla Readability 0.6 (Apache-2.0) does: scripts and styles go
 * (their text would count as prose), `<font>` becomes `<span>`, runs of two or more `<br>` start a new
 * `<p>`, and text written loose in a `<div>` beside blocks is wrapped in paragraphs so that it is scored.
 */
import { Element, isTag, isText, type AnyNode, type ChildNode } from 'domhandler';
import { appendChild } from 'domutils';
import { findElements, removeNode, replaceNode } from '../html-dom.ts';

/** HTML phrasing content (HTML Living Standard §3.2.5.2.5) as Readability lists it. */
const PHRASING_TAGS = new Set(
  'abbr audio b bdo br button cite code data datalist dfn em embed i img input kbd label mark math meter noscript object output progress q ruby samp script select small span strong sub sup textarea time var wbr'.split(
    ' ',
  ),
);

export function isPhrasingContent(node: AnyNode): boolean {
  if (isText(node)) return true;
  if (!isTag(node)) return false;
  if (PHRASING_TAGS.has(node.name)) return true;
  return (node.name === 'a' || node.name === 'del' || node.name === 'ins') && node.children.every(isPhrasingContent);
}

function isWhitespace(node: AnyNode): boolean {
  return (isText(node) && node.data.trim() === '') || (isTag(node) && node.name === 'br');
}

/** The next sibling that is an element or non-blank text. */
function skipBlank(node: ChildNode | null): ChildNode | null {
  let next = node;
  while (next && !isTag(next) && (!isText(next) || next.data.trim() === '')) next = next.next;
  return next;
}

function isBr(node: ChildNode | null): boolean {
  return node !== null && isTag(node) && node.name === 'br';
}

function trimTrailingWhitespace(paragraph: Element): void {
  for (let last = paragraph.children.at(-1); last && isWhitespace(last); last = paragraph.children.at(-1)) {
    removeNode(last);
  }
}

/** `a<br><br>b<br><br>c` → `a<p>b</p><p>c</p>`: a chain of `<br>`s becomes a paragraph of what follows. */
function replaceBrChain(br: Element): void {
  let next = skipBlank(br.next);
  let replaced = false;
  while (next && isBr(next)) {
    replaced = true;
    const after: ChildNode | null = next.next;
    removeNode(next);
    next = skipBlank(after);
  }
  if (!replaced || !br.parent) return;
  const paragraph = new Element('p', {});
  replaceNode(br, paragraph);
  for (let sibling = paragraph.next; sibling;) {
    if (isBr(sibling) && isBr(skipBlank(sibling.next))) break;
    if (!isPhrasingContent(sibling)) break;
    const following: ChildNode | null = sibling.next;
    appendChild(paragraph, sibling);
    sibling = following;
  }
  trimTrailingWhitespace(paragraph);
  if (paragraph.parent && isTag(paragraph.parent) && paragraph.parent.name === 'p') paragraph.parent.name = 'div';
}

/** Wrap runs of phrasing content directly in `div` into paragraphs. */
export function wrapLooseText(div: Element): void {
  let paragraph: Element | undefined;
  for (const child of [...div.children]) {
    if (isPhrasingContent(child)) {
      if (paragraph) appendChild(paragraph, child);
      else if (!isWhitespace(child)) {
        paragraph = new Element('p', {});
        replaceNode(child, paragraph);
        appendChild(paragraph, child);
      }
    } else if (paragraph) {
      trimTrailingWhitespace(paragraph);
      paragraph = undefined;
    }
  }
}

/** What `prepareDocument` acts on: elements of the page that never hold prose. */
const UNREAD = new Set(['script', 'noscript', 'style']);

/** The elements `prepareDocument` changes, each list in document order. */
interface Prepared {
  readonly unread: Element[];
  readonly brs: Element[];
  readonly fonts: Element[];
}

/**
 * Below `root` (not `root` itself), in one walk: the scripts, `<noscript>`s and styles, and the `<br>`s and
 * `<font>`s outside them — the lists three scans, one after each step, found: what lies inside a removed
 * element is gone by the next scan, and no step adds, renames or detaches a `<br>` or `<font>` the next reads
 * (a `<br>` chain's clean-up removes `<br>`s and blank text, never a `<font>`; a `<br>` has no children).
 */
function collectPrepared(root: Element): Prepared {
  const brs: Element[] = [];
  const fonts: Element[] = [];
  const unread = findElements(
    root,
    (element) => {
      if (UNREAD.has(element.name)) return true;
      if (element.name === 'br') brs.push(element);
      else if (element.name === 'font') fonts.push(element);
      return false;
    },
    { lookInside: false },
  );
  return { unread, brs, fonts };
}

/**
 * Remove scripts and styles, turn `<br>` chains into paragraphs, then make `<font>` a `<span>` (in that order:
 * a `<span>` is phrasing content to a `<br>` chain, a `<font>` is not). Mutates `root`.
 *
 * @example
 *   prepareDocument(readBody(document));
 */
export function prepareDocument(root: Element): void {
  const { unread, brs, fonts } = collectPrepared(root);
  for (const node of unread) removeNode(node);
  for (const br of brs) if (br.parent) replaceBrChain(br);
  for (const font of fonts) font.name = 'span';
}
