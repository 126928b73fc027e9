/**
 * @module core/pull/xml-document
 * XML parsing for feeds and sitemaps with fast-xml-parser, plus small accessors for the loose object
 * tree it yields. Well-formedness is checked first (the parser alone would accept unclosed tags and
 * guess), but the usual real-world junk is forgiven before that check: a BOM or whitespace before the
 * XML declaration, bare `&` in text (`AT&T`), and HTML named entities such as `&nbsp;` and `&mdash;`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LedeError } from '../errors.ts';

/** A parsed element: attributes as `@name`, text as `#text`, children by tag name (prefix kept, e.g. `dc:creator`). */
export type XmlNode = { readonly [key: string]: unknown };

/** Elements that may repeat: always arrays, so one item and many look alike. */
const REPEATED = new Set([
  'item',
  'entry',
  'link',
  'category',
  'enclosure',
  'author',
  'dc:creator',
  'dc:subject',
  'media:content',
  'media:thumbnail',
  'url',
  'sitemap',
  'image:image',
]);

/**
 * Atom text constructs Lede reads, kept as raw markup for src/core/pull/atom-text.ts: decoded here, a
 * `type="text"` title's `&lt;b&gt;` would become a tag, and an xhtml `div` an unordered object tree.
 */
const ATOM_TEXT_CONSTRUCTS = ['feed.entry.title', 'feed.entry.summary'];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  stopNodes: ATOM_TEXT_CONSTRUCTS,
  isArray: (name, _path, _isLeaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

/** `&` not starting an entity or character reference → `&amp;`, outside CDATA sections (where `&` is literal). */
function escapeBareAmpersands(xml: string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/&(?!(?:#\d+|#x[\da-f]+|[a-z][\w.-]*);)/gi, '&amp;')))
    .join('');
}

/**
 * Parse an XML document, or throw `malformed-source` saying where it breaks.
 *
 * @example
 * const doc = parseXml(body, url); // { rss: { channel: { item: [...] } } }
 */
export function parseXml(text: string, url: string): XmlNode {
  const xml = escapeBareAmpersands(text.replace(/^\uFEFF/, '').trimStart());
  // Its successor, fast-xml-validator (which the tests use on Lede's own output), refuses what real feeds carry
  // and this one forgives: control characters (U+0001, U+000B…) and `<?xml encoding="…" version="…"?>`.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- kept on purpose: the forgiving check, see above
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new LedeError('malformed-source', `${url} is not well-formed XML: ${msg} (line ${line}, column ${col})`, {
      cause: verdict.err,
    });
  }
  try {
    return parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new LedeError('malformed-source', `${url} could not be parsed as XML: ${String(error)}`, { cause: error });
  }
}

/** The child (or the first of repeated children) named by one of `names`, in order of preference. */
export function child(node: unknown, ...names: string[]): XmlNode | undefined {
  if (!isNode(node)) return undefined;
  for (const name of names) {
    const value = node[name];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) return isNode(first) ? first : { '#text': first };
  }
  return undefined;
}

/** All children named `name`, as nodes (text-only children become `{ '#text': … }`). */
export function children(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  const value = node[name];
  const list: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (isNode(item) ? item : { '#text': item }));
}

/** The text of the first child named by one of `names` (or of the node itself with no names). */
export function text(node: unknown, ...names: string[]): string | undefined {
  const target = names.length ? child(node, ...names) : node;
  const value = isNode(target) ? target['#text'] : target;
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** An attribute of a node. */
export function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
