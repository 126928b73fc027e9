/**
 * @module core/parse-html
 * Parse an HTML page (an article, a listing) once, with htmlparser2 into a domhandler tree (pure JavaScript,
 * so the same code runs on Node and on Workers, and several times lighter than a full DOM; its tokenizer
 * skips ahead where it can, html-tokenizer.ts, and its handler builds domhandler's nodes with plain
 * constructors, page-handler.ts). htmlparser2 is fast and forgiving but not an HTML5 tree
 * builder: it creates no implied `<html>`, `<head>` or `<body>`, and leaves content after `</body>` or
 * `</html>` where it was written. We repair that skeleton here so every later step can rely on
 * `readHead` and `readBody`.
 */
import { Document, Element, isDirective, isTag, isText, type ChildNode } from 'domhandler';
import { appendChild, prependChild } from 'domutils';
import { Parser, type Tokenizer } from 'htmlparser2';
import { pageTokenizer } from './html-tokenizer.ts';
import { pageHandler } from './page-handler.ts';

/** Elements that belong in `<head>` when a page omits it (HTML Living Standard §4.2 metadata content). */
const HEAD_TAGS = new Set(['title', 'meta', 'link', 'base', 'style']);

function findChild(parent: Document | Element, name: string): Element | undefined {
  return parent.children.find((node): node is Element => isTag(node) && node.name === name);
}

/** Whether a node shows anything: an element or non-blank text (comments and doctypes do not). */
function isContent(node: ChildNode): boolean {
  return isTag(node) || (isText(node) && node.data.trim() !== '');
}

/** The `<html>` element, created around the top-level nodes when the page has none. */
function ensureRoot(document: Document): Element {
  const existing = findChild(document, 'html');
  if (existing) return existing;
  const root = new Element('html', {});
  for (const node of [...document.children]) if (!isDirective(node)) appendChild(root, node);
  appendChild(document, root);
  return root;
}

/** `<head>` and `<body>` under the root, in that order, created when missing. */
function ensureHeadAndBody(root: Element): { head: Element; body: Element } {
  const head = findChild(root, 'head') ?? new Element('head', {});
  const body = findChild(root, 'body') ?? new Element('body', {});
  if (!head.parent) prependChild(root, head);
  if (!body.parent) appendChild(root, body);
  return { head, body };
}

/**
 * Move nodes left directly under `<html>` into `<head>` or `<body>`, and content beside the root (after
 * `</html>`) into `<body>`, where an HTML parser puts it (HTML §13.2.6.4.22, "after after body"). Every
 * later step, the depth limit on Readability included, then sees the whole page below the root.
 */
function repairSkeleton(document: Document, root: Element): void {
  const { head, body } = ensureHeadAndBody(root);
  let seenBodyContent = false;
  for (const node of [...root.children]) {
    if (node === head || node === body) continue;
    if (!seenBodyContent && isTag(node) && HEAD_TAGS.has(node.name)) {
      appendChild(head, node);
      continue;
    }
    if (isContent(node)) seenBodyContent = true;
    appendChild(body, node);
  }
  let afterRoot = false;
  for (const node of [...document.children]) {
    if (node === root) afterRoot = true;
    else if (afterRoot && isContent(node)) appendChild(body, node);
  }
}

/**
 * Parse HTML into a document that always has `<html>`, `<head>` and `<body>`. Never throws. `tokenizer` is
 * the one pages are parsed with unless given (htmlparser2's stock one is the reference the tests compare it with).
 *
 * @example
 *   const document = parseDocument('<p>Hello');
 *   readText(readBody(document)); // 'Hello'
 */
export function parseDocument(html: string, tokenizer: typeof Tokenizer = pageTokenizer()): Document {
  const cleaned = html.replace(/^\ufeff/, '').replaceAll('\u0000', '');
  // htmlparser2's Parser feeding domhandler (the one css-select and domutils read), building its nodes faster.
  const handler = new (pageHandler())();
  let document: Document;
  try {
    new Parser(handler, { Tokenizer: tokenizer }).end(cleaned);
    document = handler.root;
  } catch {
    document = new Document([]);
  }
  repairSkeleton(document, ensureRoot(document));
  return document;
}
