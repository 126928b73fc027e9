/**
 * @module core/pull/parse-feed
 * RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 → source entries. The format is told by the root element, not by
 * the Content-Type (which is often wrong). Links are resolved against the feed URL (and Atom's
 * `xml:base`, RFC 4287 §2) but not filtered here: the caller applies the site rules.
 *
 * Specs: RSS 2.0 (https://www.rssboard.org/rss-specification), RSS 1.0 (https://web.resource.org/rss/1.0/spec),
 * Atom (RFC 4287), Media RSS (https://www.rssboard.org/media-rss), Dublin Core elements.
 */
import { LedeError } from '../errors.ts';
import type { SourceEntry } from '../types.ts';
import { readAtomText } from './atom-text.ts';
import { toPlainText } from './html-to-text.ts';
import { compactEntry } from './select-entries.ts';
import { resolveUrl } from './source-urls.ts';
import { parseDate } from '../dates.ts';
import { attr, child, children, isNode, parseXml, text, type XmlNode } from './xml-document.ts';

/** A summary is a hint for subscribers, never the body: feeds that put the whole article there are cut. */
const MAX_SUMMARY_CHARS = 400;
const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif)(\?|$)/i;

function cutSummary(plain: string | undefined): string | undefined {
  if (!plain || plain.length <= MAX_SUMMARY_CHARS) return plain;
  const cut = plain.slice(0, MAX_SUMMARY_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY_CHARS / 2))}…`;
}

/** Drop empty values and duplicates, keep order. */
function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.map((value) => value?.trim()).filter((value): value is string => !!value))];
}

/** RSS `author` is "email (Name)" by the spec: keep the name when there is one. */
function readRssAuthor(item: XmlNode): string | undefined {
  const creators = unique(children(item, 'dc:creator').map((node) => text(node)));
  if (creators.length) return creators.join(', ');
  const author = text(item, 'author');
  return author ? (/\(([^)]+)\)\s*$/.exec(author)?.[1]?.trim() ?? author) : undefined;
}

/** Media RSS `media:title`, on the item, in a `media:group` or a `media:content`: a title for entries without one. */
function readMediaTitle(item: XmlNode): string | undefined {
  const holders = [item, ...children(item, 'media:group')];
  const nodes = [...holders, ...holders.flatMap((node) => children(node, 'media:content'))];
  for (const node of nodes) {
    const title = toPlainText(text(node, 'media:title'));
    if (title) return title;
  }
  return undefined;
}

/** Media RSS `media:content` / `media:thumbnail` (also inside `media:group`) and image enclosures. */
function readImage(item: XmlNode, base: string): string | undefined {
  const media = [item, ...children(item, 'media:group')].flatMap((node) => [
    ...children(node, 'media:content').filter(
      (m) => attr(m, 'medium') === 'image' || /^image\//.test(attr(m, 'type') ?? ''),
    ),
    ...children(node, 'media:thumbnail'),
  ]);
  const enclosures = [
    ...children(item, 'enclosure'),
    ...children(item, 'link').filter((l) => attr(l, 'rel') === 'enclosure'),
  ].filter(
    (e) =>
      /^image\//.test(attr(e, 'type') ?? '') ||
      (!attr(e, 'type') && IMAGE_EXTENSION.test(attr(e, 'url') ?? attr(e, 'href') ?? '')),
  );
  const first = [...enclosures, ...media][0];
  return resolveUrl(attr(first, 'url') ?? attr(first, 'href'), base);
}

/** RSS 2.0 item link: `<link>`, else an `atom:link rel=alternate`, else a permalink `<guid>`. */
function readRssLink(item: XmlNode, base: string): string | undefined {
  const link = text(item, 'link');
  if (link) return resolveUrl(link, base);
  const alternate = children(item, 'atom:link').find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  if (alternate) return resolveUrl(attr(alternate, 'href'), base);
  const guid = child(item, 'guid');
  const guidText = text(guid);
  // RSS 2.0: isPermaLink defaults to true; only an http(s) guid can be a link anyway.
  return attr(guid, 'isPermaLink') !== 'false' && guidText && /^https?:\/\//i.test(guidText)
    ? resolveUrl(guidText, base)
    : undefined;
}

function readRssItem(item: XmlNode, base: string): SourceEntry | undefined {
  const url = readRssLink(item, base) ?? resolveUrl(attr(item, 'rdf:about'), base);
  if (!url) return undefined;
  return compactEntry({
    url,
    title: toPlainText(text(item, 'title', 'dc:title')) ?? readMediaTitle(item),
    published: parseDate(text(item, 'pubDate', 'dc:date')),
    updated: parseDate(text(item, 'atom:updated', 'dcterms:modified')),
    author: readRssAuthor(item),
    summary: cutSummary(toPlainText(text(item, 'description', 'dc:description'))),
    image: readImage(item, base),
    categories: unique([...children(item, 'category'), ...children(item, 'dc:subject')].map((c) => text(c))),
    language: text(item, 'dc:language'),
  });
}

/**
 * The base URI an element sets with `xml:base` (XML Base, resolved against its parent's), else its parent's.
 * Only an http(s) base counts: `javascript:` or another scheme there would make every link below it unusable.
 */
function readXmlBase(node: XmlNode | undefined, parentBase: string): string {
  const base = resolveUrl(attr(node, 'xml:base'), parentBase);
  return base !== undefined && /^https?:/i.test(base) ? base : parentBase;
}

/**
 * Atom link to the article: `rel="alternate"` (the default rel, RFC 4287 §4.2.7.2), HTML preferred; resolved
 * against the link's own `xml:base` when it has one (RFC 4287 §2: any element may carry it).
 */
function readAtomLink(entry: XmlNode, base: string): string | undefined {
  const alternates = children(entry, 'link').filter((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
  const best = alternates.find((l) => /html/.test(attr(l, 'type') ?? 'text/html')) ?? alternates[0];
  return resolveUrl(attr(best, 'href'), readXmlBase(best, base));
}

function readAtomEntry(entry: XmlNode, feedBase: string): SourceEntry | undefined {
  const base = readXmlBase(entry, feedBase);
  const url = readAtomLink(entry, base);
  if (!url) return undefined;
  const updated = parseDate(text(entry, 'updated'));
  return compactEntry({
    url,
    title: readAtomText(child(entry, 'title')) ?? toPlainText(text(entry, 'dc:title')) ?? readMediaTitle(entry),
    published: parseDate(text(entry, 'published')) ?? updated,
    updated,
    author: unique(children(entry, 'author').map((a) => text(a, 'name'))).join(', ') || undefined,
    summary: cutSummary(readAtomText(child(entry, 'summary'))),
    image: readImage(entry, base),
    categories: unique(children(entry, 'category').map((c) => attr(c, 'label') ?? attr(c, 'term'))),
    language: attr(entry, 'xml:lang'),
  });
}

/** The root element's name and node, skipping the XML declaration and processing instructions. */
function findRoot(doc: XmlNode): [string, XmlNode] | undefined {
  const name = Object.keys(doc).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  const node = name === undefined ? undefined : doc[name];
  return name === undefined ? undefined : [name, isNode(node) ? node : {}];
}

/**
 * Parse a feed document into entries, in document order.
 *
 * @example
 * const entries = parseFeed(body, 'https://en.qazmonitor.com/rss');
 * // [{ url: 'https://en.qazmonitor.com/politics/1101/…', title: '…', published: '2025-03-12T04:40:00.000Z', … }]
 */
export function parseFeed(body: string, feedUrl: string): SourceEntry[] {
  const [name, root] = findRoot(parseXml(body, feedUrl)) ?? ['(none)', {}];
  const keep = (entry: SourceEntry | undefined): entry is SourceEntry => entry !== undefined;
  if (name === 'rss')
    return children(child(root, 'channel'), 'item')
      .map((i) => readRssItem(i, feedUrl))
      .filter(keep);
  if (name === 'feed') {
    const base = readXmlBase(root, feedUrl);
    return children(root, 'entry')
      .map((e) => readAtomEntry(e, base))
      .filter(keep);
  }
  if (/(^|:)RDF$/.test(name)) {
    // RSS 1.0 puts items beside the channel; some producers nest them inside it.
    const items = [...children(root, 'item'), ...children(child(root, 'channel'), 'item')];
    return items.map((i) => readRssItem(i, feedUrl)).filter(keep);
  }
  throw new LedeError('malformed-source', `${feedUrl} is XML but not a feed: root element <${name}>`, {
    cause: { rootElement: name },
  });
}
