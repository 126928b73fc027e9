/**
 * @module core/extract/parse-html
 * Parse an article page once, with linkedom (pure JavaScript, so the same code runs on Node and on
 * Workers). linkedom is fast and forgiving but not an HTML5 tree builder: given a fragment or a page
 * without `<html>`/`<body>` it leaves content outside `<body>` (or throws on a missing root). We repair
 * that skeleton here so every later step can rely on `document.head` and `document.body`.
 */
import { parseHTML } from 'linkedom';
import { isElement, readTagName, TEXT_NODE, type DomDocument, type DomElement } from './dom.ts';

/** Elements that belong in `<head>` when a page omits it (HTML Living Standard §4.2 metadata content). */
const HEAD_TAGS = new Set(['title', 'meta', 'link', 'base', 'style']);
const EMPTY_PAGE = '<!DOCTYPE html><html><head></head><body></body></html>';

function parseRaw(html: string): DomDocument {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  return document;
}

/**
 * Move nodes the parser left directly under `<html>` into `<head>` or `<body>`, and content after `</html>`
 * (left beside the root) into `<body>`, where an HTML parser puts it (HTML §13.2.6.4.22, "after after body").
 * Every later step, the depth limit on Readability included, then sees the whole page below the root.
 */
function repairSkeleton(document: DomDocument, root: DomElement): void {
  const head = document.head;
  const body = document.body;
  if (!head || !body) return;
  let seenBodyContent = false;
  for (const node of Array.from(root.childNodes)) {
    if (node === head || node === body) continue;
    const tag = readTagName(node);
    if (!seenBodyContent && HEAD_TAGS.has(tag)) {
      head.appendChild(node);
      continue;
    }
    if (isElement(node) || (node.textContent ?? '').trim() !== '') seenBodyContent = true;
    body.appendChild(node);
  }
  let afterRoot = false;
  for (const node of Array.from(document.childNodes)) {
    if (node === root) afterRoot = true;
    else if (afterRoot && (isElement(node) || (node.nodeType === TEXT_NODE && (node.textContent ?? '').trim() !== '')))
      body.appendChild(node);
  }
}

function hasRootElement(html: string): boolean {
  return /<html[\s>]/i.test(html);
}

/**
 * Parse HTML into a document that always has `<html>`, `<head>` and `<body>`. Never throws: input
 * linkedom cannot handle yields an empty document.
 *
 * @example
 *   const document = parseDocument('<p>Hello');
 *   document.body?.textContent; // 'Hello'
 */
export function parseDocument(html: string): DomDocument {
  const cleaned = html.replace(/^\ufeff/, '').replaceAll('\u0000', '');
  const source = hasRootElement(cleaned) ? cleaned : `<html>${cleaned.replace(/<!doctype[^>]*>/i, '')}</html>`;
  try {
    const document = parseRaw(source);
    const root = document.documentElement;
    if (!root || readTagName(root) !== 'html') return parseRaw(EMPTY_PAGE);
    repairSkeleton(document, root);
    return document;
  } catch {
    return parseRaw(EMPTY_PAGE);
  }
}
