/**
 * @module core/extract/readability-fallback
 * The last resort for the body: Mozilla Readability (the Firefox Reader View engine) on linkedom, a full
 * DOM. It costs several times what the rest of the stage costs together, so it runs only when Lede's own
 * scoring (content-score.ts) finds too little text — short pages, odd markup. It parses the page again
 * (cheaper than keeping a copy of every document for the few that need it) and removes the same parts the
 * main path removed: the unquotable ones and the feed's `remove` selectors.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** The slice of linkedom's DOM used here (the core compiles without the `dom` lib). */
interface FullNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<FullNode>;
  readonly textContent: string | null;
  remove(): void;
}

interface FullElement extends FullNode {
  readonly tagName: string;
  readonly children: ArrayLike<FullElement>;
  querySelectorAll(selector: string): ArrayLike<FullElement>;
  appendChild(node: FullNode): FullNode;
  contains(other: FullNode): boolean;
}

interface FullDocument extends FullNode {
  readonly documentElement: FullElement | null;
  readonly head: FullElement | null;
  readonly body: FullElement | null;
  querySelectorAll(selector: string): ArrayLike<FullElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const HEAD_TAGS = new Set(['TITLE', 'META', 'LINK', 'BASE', 'STYLE']);

function parseRaw(html: string): FullDocument {
  return (parseHTML(html) as unknown as { document: FullDocument }).document;
}

function isContent(node: FullNode): boolean {
  return node.nodeType === ELEMENT_NODE || (node.nodeType === TEXT_NODE && (node.textContent ?? '').trim() !== '');
}

/** Move what linkedom left under `<html>` or after it into `<head>`/`<body>`, as parse-html does. */
function repairSkeleton(document: FullDocument, root: FullElement): void {
  const { head, body } = document;
  if (!head || !body) return;
  let seenBodyContent = false;
  for (const node of Array.from(root.childNodes)) {
    if (node === head || node === body) continue;
    const tag = node.nodeType === ELEMENT_NODE ? (node as FullElement).tagName : '';
    if (!seenBodyContent && HEAD_TAGS.has(tag)) head.appendChild(node);
    else {
      seenBodyContent ||= isContent(node);
      body.appendChild(node);
    }
  }
  let afterRoot = false;
  for (const node of Array.from(document.childNodes)) {
    if (node === root) afterRoot = true;
    else if (afterRoot && isContent(node)) body.appendChild(node);
  }
}

function parseFullDocument(html: string): FullDocument | undefined {
  const cleaned = html.replace(/^\ufeff/, '').replaceAll('\u0000', '');
  const source = /<html[\s>]/i.test(cleaned) ? cleaned : `<html>${cleaned.replace(/<!doctype[^>]*>/i, '')}</html>`;
  try {
    const document = parseRaw(source);
    const root = document.documentElement;
    if (!root || root.tagName !== 'HTML') return undefined;
    repairSkeleton(document, root);
    return document;
  } catch {
    return undefined;
  }
}

/**
 * Remove the comments below `root`. Readability re-parses its own `innerHTML` when it retries, and a comment
 * holding `-->` (an unclosed `<!--` or `<![CDATA[` swallows the rest of the page) then ends early: what it hid
 * becomes markup the depth limit never saw — 1,500 nested elements took Readability minutes.
 */
function removeComments(root: FullNode): void {
  const stack: FullNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === COMMENT_NODE) child.remove();
      else stack.push(child);
    }
  }
}

/** Remove every match; the skeleton itself (`html`, `body`) is emptied instead, `head` kept. */
function removeSelected(document: FullDocument, selector: string): void {
  let matches: FullElement[];
  try {
    matches = Array.from(document.querySelectorAll(selector));
  } catch {
    return;
  }
  for (const element of matches) {
    if (!document.documentElement?.contains(element)) continue;
    if (element.tagName === 'HTML' || element.tagName === 'BODY') {
      for (const child of Array.from(document.body?.children ?? [])) child.remove();
    } else if (element.tagName !== 'HEAD') element.remove();
  }
}

/**
 * Readability's article, as HTML, for `html` after removing `dropSelectors`; undefined when it finds none
 * (it gives up on some documents by throwing). Call only for pages within the depth and size limits.
 *
 * @example
 *   const articleHtml = readWithReadability(html, ['[data-nosnippet]', '.ad']);
 */
export function readWithReadability(html: string, dropSelectors: readonly string[]): string | undefined {
  const document = parseFullDocument(html);
  if (!document) return undefined;
  try {
    removeComments(document);
    for (const selector of dropSelectors) removeSelected(document, selector);
    return new Readability(document).parse()?.content ?? undefined;
  } catch {
    return undefined;
  }
}
