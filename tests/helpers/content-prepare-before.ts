/**
 * @module tests/helpers/content-prepare-before
 * src/core/extract/content-prepare.ts as it was before session 21 found what `prepareDocument` changes in one
 * walk instead of three scans, kept verbatim (imports re-pointed, `wrapLooseText`, which it does not call, left
 * out, the entry renamed `prepareDocumentBefore`) as the reference tests/core/extract/cleanup-walks.test.ts
 * compares with. Remove this file, and that comparison, once the change has shipped through a release with the
 * output hashes unchanged (tests/core/extract/golden/output-hashes.json), or when the code it mirrors changes
 * on purpose.
 */
/**
 * @module core/extract/content-prepare
 * Prepare a page for content scoring as Mozilla Readability 0.6 (Apache-2.0) does: scripts and styles go
 * (their text would count as prose), `<font>` becomes `<span>`, runs of two or more `<br>` start a new
 * `<p>`, and text written loose in a `<div>` beside blocks is wrapped in paragraphs so that it is scored.
 */
import { Element, isTag, isText, type AnyNode, type ChildNode } from 'domhandler';
import { appendChild } from 'domutils';
import { removeNode, replaceNode } from '../../src/core/html-dom.ts';
import { findByTags } from '../../src/core/extract/content-text.ts';

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

/**
 * Remove scripts and styles, make `<font>` a `<span>`, turn `<br>` chains into paragraphs. Mutates `root`.
 *
 * @example
 *   prepareDocument(readBody(document));
 */
export function prepareDocumentBefore(root: Element): void {
  for (const node of findByTags(root, new Set(['script', 'noscript', 'style']))) removeNode(node);
  for (const br of findByTags(root, new Set(['br']))) if (br.parent) replaceBrChain(br);
  for (const font of findByTags(root, new Set(['font']))) font.name = 'span';
}
