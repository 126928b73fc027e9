/**
 * @module core/extract/byline
 * The article's byline element, taken out of the body the way Mozilla Readability 0.6 (Apache-2.0) does in
 * `_grabArticle`: the FIRST element, in document order, that `_isValidByline` accepts is the article's byline
 * and is removed; every later one stays. Front pages and article pages with teaser lists print a "By …" line
 * under every teaser (nytimes-5 in the corpus): those lines are part of the content Readability keeps.
 * Lede reads the author separately (page-fields.ts `findByline`, after JSON-LD and meta tags), so this only
 * decides what the body loses. Unlike Readability, the byline is taken out even when the page's metadata
 * names the author already: a "By Jane Doe" line is not article prose whichever source names her.
 */
import type { Element } from 'domhandler';
import { getAttribute, isElement, readTextContent } from '../html-dom.ts';
import { isInvisible, readPatternName } from './content-text.ts';

/**
 * Readability's `REGEXPS.byline`, tested on the class and id together, and the `writer` / `reporter` classes of
 * Korean, Japanese and Chinese portals ("박서연 기자"), which Readability leaves in the text.
 */
const BYLINE_NAME = /byline|author|dateline|writtenby|p-author|writer|reporter/i;

/** A byline is short: Readability takes nothing of 100 characters or more (trimmed) as one. */
const MAX_BYLINE_LENGTH = 100;

/**
 * Readability's `_isValidByline`: marked as the author (`rel="author"`, an `itemprop` naming `author`) or
 * named a byline by class or id, with some text and less than `MAX_BYLINE_LENGTH` characters of it.
 *
 * @example
 *   isBylineElement(selectFirst(document, '.byline'));
 */
export function isBylineElement(element: Element): boolean {
  const name = readPatternName(element);
  const marked =
    getAttribute(element, 'rel') === 'author' ||
    (getAttribute(element, 'itemprop') ?? '').includes('author') ||
    (name !== undefined && BYLINE_NAME.test(name));
  if (!marked) return false;
  const length = readTextContent(element).trim().length;
  return length > 0 && length < MAX_BYLINE_LENGTH;
}

/**
 * The first byline below `root` (`root` itself included), in document order, passing over hidden subtrees as
 * Readability's walk does; for the paths that do not score the page (the feed's content selector, the
 * whole-body fallback). Content scoring checks each element on its own walk (content-score.ts), where
 * Readability does, since what that walk drops first changes which byline comes first.
 *
 * @example
 *   const byline = findFirstByline(readBody(document));
 */
export function findFirstByline(root: Element): Element | undefined {
  const stack: Element[] = [root];
  for (let element = stack.pop(); element; element = stack.pop()) {
    if (isInvisible(element)) continue;
    if (isBylineElement(element)) return element;
    for (let index = element.children.length - 1; index >= 0; index -= 1) {
      const child = element.children[index];
      if (child && isElement(child)) stack.push(child);
    }
  }
  return undefined;
}
