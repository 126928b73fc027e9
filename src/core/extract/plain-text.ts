/**
 * @module core/extract/plain-text
 * Turn an article element into plain text: one paragraph per block (HTML Living Standard "flow"
 * blocks: p, headings, li, blockquote, pre, figcaption, div…) and per `<br>`, white space collapsed
 * (CSS Text §4.1 "white-space: normal"), Unicode NFC, paragraphs joined by a blank line.
 * Boilerplate paragraphs (licence and copyright notices, widget labels) are dropped here.
 */
import { isBoilerplateParagraph } from './boilerplate.ts';
import { isText } from 'domhandler';
import { collapseWhitespace, isElement, readTagName, type DomNode } from '../html-dom.ts';

/** Elements that start and end a paragraph. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
  'body',
  'html',
]);

/** Table cells stay on their row's line, separated by a space. */
const CELL_TAGS = new Set(['td', 'th']);

/** Never text: scripts, styles, media, form controls. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'canvas',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'img',
  'picture',
  'source',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'input',
  'select',
  'textarea',
]);

interface TextCollector {
  readonly paragraphs: string[];
  current: string;
}

function flushParagraph(collector: TextCollector): void {
  const paragraph = collapseWhitespace(collector.current);
  collector.current = '';
  if (paragraph !== undefined) collector.paragraphs.push(paragraph.normalize('NFC'));
}

/** What to do when leaving an element, queued on the walk's stack. */
interface ExitMark {
  readonly exit: 'block' | 'cell';
}

/** Handle entering one node; returns what to do when leaving it, if anything. */
function enterNode(node: DomNode, collector: TextCollector): ExitMark | 'skip' | undefined {
  if (isText(node)) {
    collector.current += node.data;
    return 'skip';
  }
  const tag = readTagName(node);
  if (!isElement(node) || SKIPPED_TAGS.has(tag)) return 'skip';
  if (tag === 'br') {
    flushParagraph(collector);
    return 'skip';
  }
  if (BLOCK_TAGS.has(tag)) {
    flushParagraph(collector);
    return { exit: 'block' };
  }
  if (CELL_TAGS.has(tag)) {
    collector.current += ' ';
    return { exit: 'cell' };
  }
  return undefined;
}

/** Depth-first walk with an explicit stack: deeply nested (malformed) markup cannot overflow the call stack. */
function collectText(root: DomNode, collector: TextCollector): void {
  const stack: (DomNode | ExitMark)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as DomNode | ExitMark;
    if ('exit' in item) {
      if (item.exit === 'block') flushParagraph(collector);
      else collector.current += ' ';
      continue;
    }
    const mark = enterNode(item, collector);
    if (mark === 'skip') continue;
    if (mark) stack.push(mark);
    if (!('children' in item)) continue;
    const children = item.children;
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as DomNode);
  }
}

/** Drop boilerplate paragraphs and immediate repeats (an image credit shown as alt text and caption). */
function filterParagraphs(paragraphs: readonly string[]): string[] {
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    if (isBoilerplateParagraph(paragraph) || paragraph === kept.at(-1)) continue;
    kept.push(paragraph);
  }
  return kept;
}

/**
 * The paragraphs of `root`'s text, in document order, boilerplate removed.
 *
 * @example
 *   toParagraphs(parseDocument('<p>One<br>Two</p><p>Three</p>').body!); // ['One', 'Two', 'Three']
 */
export function toParagraphs(root: DomNode): string[] {
  const collector: TextCollector = { paragraphs: [], current: '' };
  collectText(root, collector);
  flushParagraph(collector);
  return filterParagraphs(collector.paragraphs);
}

/** Split already-plain text (e.g. JSON-LD `articleBody`) into paragraphs the same way. */
export function splitPlainText(text: string): string[] {
  const paragraphs = text
    .split(/\n\s*\n|\r\n\s*\r\n|\n/)
    .map((paragraph) => collapseWhitespace(paragraph)?.normalize('NFC'))
    .filter((paragraph): paragraph is string => paragraph !== undefined);
  return filterParagraphs(paragraphs);
}
