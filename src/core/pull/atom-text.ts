/**
 * @module core/pull/atom-text
 * Atom text constructs (RFC 4287 §3.1: `atom:title`, `atom:summary`, …) read by their `type`:
 *
 * - `text` (the default): plain text. `History of the &lt;blink&gt; tag` names a tag; the word stays.
 * - `html`: escaped HTML, whose text is what a reader sees (tags dropped, entities decoded).
 * - `xhtml`: an XHTML `div` inline in the feed, whose text content is the value.
 *
 * The parser hands these elements over raw (xml-document.ts, `ATOM_TEXT_CONSTRUCTS`): once it has decoded
 * `&lt;` into `<`, a text title and an HTML one can no longer be told apart, and an xhtml `div` comes back as
 * an object tree that has lost the order of its mixed content.
 */
import { decodeHTML } from 'entities';
import { toPlainText } from './html-to-text.ts';
import { attr, isNode } from './xml-document.ts';

const CDATA_SECTION = /(<!\[CDATA\[[\s\S]*?\]\]>)/;

/** The character data of raw XML content: CDATA sections literally, the rest with its references decoded. */
function characterData(raw: string, dropTags: boolean): string {
  return raw
    .split(CDATA_SECTION)
    .map((part, index) => {
      if (index % 2 === 1) return part.slice('<![CDATA['.length, -']]>'.length);
      // Elements have no place in a `text` construct; a stray one is dropped rather than shown as markup.
      const characters = dropTags ? part.replace(/<[^>]*>/g, '') : part;
      return characters.includes('&') ? decodeHTML(characters) : characters;
    })
    .join('');
}

/** CDATA sections as escaped text, so that markup-to-text keeps their characters literally. */
function escapeCdataSections(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, data: string) =>
    data.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  );
}

/** The raw markup inside the element, as the parser left it (a string, or `#text` beside attributes). */
function rawContent(node: unknown): string | undefined {
  const value = isNode(node) ? node['#text'] : node;
  return typeof value === 'string' ? value : undefined;
}

/**
 * The plain text of an Atom text construct element, whitespace collapsed; undefined when empty.
 * @example readAtomText({ '#text': 'History of the &lt;blink&gt; tag' }) // 'History of the <blink> tag'
 */
export function readAtomText(node: unknown): string | undefined {
  const raw = rawContent(node);
  if (raw === undefined) return undefined;
  const type = attr(node, 'type') ?? 'text';
  // RFC 4287 §3.1.1: also accept the media types some producers write (text/html, application/xhtml+xml).
  if (type === 'xhtml' || type.endsWith('xhtml+xml')) return toPlainText(escapeCdataSections(raw));
  if (type === 'html' || type === 'text/html') return toPlainText(characterData(raw, false));
  return characterData(raw, true).replace(/\s+/g, ' ').trim() || undefined;
}
