/**
 * @module core/extract/plain-text
 * Turn an article element into plain text: one paragraph per block (HTML Living Standard "flow"
 * blocks: p, headings, li, blockquote, pre, figcaption, div…) and per `<br>`, white space collapsed
 * (CSS Text §4.1 "white-space: normal"), Unicode NFC, paragraphs joined by a blank line.
 * Boilerplate paragraphs (licence and copyright notices, widget labels), cross-references to other
 * articles ("Read also: <a>…</a>"), a comment thread under its heading and the author's notes that end the text
 * are dropped here.
 */
import { withoutClosingAuthorNotes } from './author-notes.ts';
import { isBoilerplateParagraph } from './boilerplate.ts';
import { withoutCommentThread } from './comment-thread.ts';
import { isText } from 'domhandler';
import { collapseWhitespace, isElement, readTagName, type DomNode } from '../html-dom.ts';
import { countNonSpace } from './content-text.ts';

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

/**
 * MathML's token elements (identifiers, numbers, operators, text), which compact markup writes back to back:
 * each is a word of its own (`<mi>a</mi><mi>x</mi>` reads "a x", not "ax"), the punctuation after a formula
 * still on its last one ("= 0,").
 */
const MATH_TOKEN_TAGS = new Set(['mi', 'mn', 'mo', 'ms', 'mtext']);

/**
 * Never text: scripts, styles, media, form controls. MathML is text (its formulas are part of the sentences
 * around them, as a screen reader reads them and Readability keeps them); a formula hidden for a fallback image
 * is removed with the hidden elements.
 */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
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
  /** The current paragraph's text inside links. */
  linked: string;
  /** Paragraphs flushed so far, kept or not: a link's text counts only if none ended inside it. */
  flushes: number;
}

/** The longest label a cross-reference starts with: "Read also", "Читайте также", "Тағы оқыңыз", "SEE ALSO". */
const MAX_LABEL_CHARS = 30;
/** The share of a cross-reference's text after its label that is link text. */
const MIN_LINKED_SHARE = 0.9;

/**
 * Whether a paragraph is a cross-reference to another page: a short label and a colon outside any link, then
 * (nearly) nothing but link text — "Read also: <a>Senate backs water code overhaul</a>", in any language.
 * Readability keeps these; in a syndicated excerpt they are another article's headline, and they would count
 * towards this one's licensed words.
 */
function isCrossReference(paragraph: string, linked: string): boolean {
  if (linked === '') return false;
  const colon = paragraph.indexOf(':');
  if (colon < 1 || colon > MAX_LABEL_CHARS) return false;
  const rest = countNonSpace(paragraph.slice(colon + 1));
  const linkedChars = countNonSpace(linked);
  // A label inside the link is a headline with a colon (a teaser, "Bebidas con beneficios: ¿de verdad…?").
  return linkedChars <= rest && linkedChars >= MIN_LINKED_SHARE * rest && rest > 0;
}

function flushParagraph(collector: TextCollector): void {
  const paragraph = collapseWhitespace(collector.current);
  const linked = collector.linked;
  collector.current = '';
  collector.linked = '';
  collector.flushes += 1;
  if (paragraph !== undefined && !isCrossReference(paragraph, linked))
    collector.paragraphs.push(paragraph.normalize('NFC'));
}

/** What to do when leaving an element, queued on the walk's stack. */
type ExitMark =
  | { readonly exit: 'block' | 'cell' }
  /** A link: where its text started in the paragraph, and in which paragraph. */
  | { readonly exit: 'link'; readonly start: number; readonly flushes: number };

function leaveLink(collector: TextCollector, start: number, flushes: number): void {
  if (collector.flushes === flushes) collector.linked += collector.current.slice(start);
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
  if (MATH_TOKEN_TAGS.has(tag)) collector.current += ' ';
  if (tag === 'a') return { exit: 'link', start: collector.current.length, flushes: collector.flushes };
  return undefined;
}

/** Depth-first walk with an explicit stack: deeply nested (malformed) markup cannot overflow the call stack. */
function collectText(root: DomNode, collector: TextCollector): void {
  const stack: (DomNode | ExitMark)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as DomNode | ExitMark;
    if ('exit' in item) {
      if (item.exit === 'block') flushParagraph(collector);
      else if (item.exit === 'link') leaveLink(collector, item.start, item.flushes);
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

/**
 * Drop a comment thread, boilerplate paragraphs, and the author's notes the text ends with. Repeats stay, as the
 * page has them: the licence counts each paragraph once (core/license/unique-paragraphs.ts).
 */
function filterParagraphs(paragraphs: string[]): string[] {
  const story = withoutCommentThread(paragraphs).filter((paragraph) => !isBoilerplateParagraph(paragraph));
  return withoutClosingAuthorNotes(story);
}

/**
 * The paragraphs of `root`'s text, in document order, boilerplate removed.
 *
 * @example
 *   toParagraphs(parseDocument('<p>One<br>Two</p><p>Three</p>').body!); // ['One', 'Two', 'Three']
 */
export function toParagraphs(root: DomNode): string[] {
  const collector: TextCollector = { paragraphs: [], current: '', linked: '', flushes: 0 };
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
