/**
 * @module core/render/feed-parts
 * What all three renderers say the same way: the feed's description, its rights statement, the
 * generator, and the item list made safe to render (absolute links, unique ids, a title for each).
 */
import { formatShare } from '../share.ts';
import type { FeedItem, FeedMeta, LicensePolicy } from '../types.ts';
import { resolveHttpUrl } from '../url.ts';
import { renderElement, renderStartTag, stripControlChars } from './xml.ts';

// The renderers' language tags follow the one rule of core/language (RSS <language>, Atom xml:lang, JSON Feed).
export { normalizeLanguage } from '../language.ts';

/**
 * What a feed variant (src/core/serve/feed-variant.ts) adds to a plain rendering; a plain feed passes none,
 * so its bytes are unchanged.
 */
export interface RenderExtras {
  /** Absolute URL of the next, older page of a paged feed (RFC 5005 §3, `rel="next"`; JSON Feed 1.1 `next_url`). */
  readonly next?: string | undefined;
}

/**
 * An item as the renderers take it. In the combined feed it carries `source`, the meta of the feed it came
 * from: it is rendered with that feed's licence, attribution and backlink, and names that feed (RSS and Atom
 * `<source>`, JSON Feed `_lede.source`). Without `source` the item is its own feed's.
 */
export type SourcedItem = FeedItem & { readonly source?: FeedMeta };

/** The meta an item is rendered under: its own source's in the combined feed, else the feed's. */
export function metaOf(meta: FeedMeta, item: SourcedItem): FeedMeta {
  return item.source ?? meta;
}

/** Our name in `<generator>` / JSON Feed has no equivalent (RSS 2.0, RFC 4287 §4.2.4). */
export const GENERATOR = 'Lede';

/** The spec an RSS `<docs>` element points to (RSS 2.0: "a URL that points to the documentation"). */
export const RSS_DOCS = 'https://www.rssboard.org/rss-specification';

/** "30% of each article", or "30% of each article and at most 120 words" under a word cap. */
function describeLimit(license: LicensePolicy): string {
  const share = `${formatShare(license.maxShare)} of each article`;
  return license.maxWords === undefined ? share : `${share} and at most ${license.maxWords} words`;
}

/**
 * The licence as subscribers read it (RSS `<copyright>` and `dc:rights`, Atom `<rights>`): who owns the
 * articles, how much of each is reproduced, and the publisher's own terms (text and URL) when it gave any.
 *
 * @example
 * describeRights({ maxShare: 0.3, attribution: 'Example News', terms: 'CC BY-ND 4.0' });
 * // 'Articles © Example News. Excerpts of at most 30% of each article, each linking to the original. Terms: CC BY-ND 4.0'
 */
export function describeRights(license: LicensePolicy): string {
  const base = `Articles © ${license.attribution}. Excerpts of at most ${describeLimit(license)}, each linking to the original.`;
  const terms = [license.terms?.trim(), license.termsUrl].filter((part) => part !== undefined && part !== '');
  return terms.length > 0 ? `${base} Terms: ${terms.join(' ')}` : base;
}

/**
 * The item's image as Media RSS `media:content`, with its credit as `media:credit` (Media RSS 1.5.1:
 * optional elements may be children of `media:content`). Used by RSS and Atom alike.
 */
export function renderMediaContent(item: FeedItem): string | undefined {
  const image = item.image === undefined ? undefined : resolveHttpUrl(item.image, item.url);
  if (image === undefined) return undefined;
  const attributes = { url: image, medium: 'image' };
  const credit = item.imageCredit?.trim();
  if (!credit) return renderElement('media:content', undefined, attributes);
  return `${renderStartTag('media:content', attributes)}${renderElement('media:credit', credit)}</media:content>`;
}

/** The feed's description, or a sentence built from its title and terms when it has none. */
export function describeFeed(meta: FeedMeta): string {
  // Blank as written, too, when only characters XML forbids are left (escaping strips them).
  const own = meta.description?.trim();
  if (own && stripControlChars(own).trim()) return own;
  const { attribution, terms } = meta.license;
  const sentence = `${meta.title}: excerpts of at most ${describeLimit(meta.license)} by ${attribution}, each linking to the full article.`;
  return terms?.trim() ? `${sentence} Terms: ${terms.trim()}` : sentence;
}

/** An item as the renderers use it: `url` (and `id` when it is a URL) absolute, `title` never blank. */
function prepareItem<T extends FeedItem>(item: T, site: string): T | undefined {
  const url = resolveHttpUrl(item.url, site);
  if (url === undefined) return undefined;
  const id = resolveHttpUrl(item.id, site) ?? item.id.trim();
  // Blank as written: a title of characters XML forbids (a feed's `&#0;` run) is stripped to nothing by escaping.
  const title = stripControlChars(item.title).trim() === '' ? url : item.title.trim();
  return { ...item, url, id: id === '' ? url : id, title };
}

/**
 * The items to render, in the given order: links made absolute against the site, later duplicates of
 * an id dropped (RSS guid, Atom id and JSON Feed id must be unique), and items without an http(s)
 * link dropped — an item that cannot link back to its article may not be published at all.
 */
export function prepareItems<T extends SourcedItem>(meta: FeedMeta, items: readonly T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const prepared = prepareItem(item, metaOf(meta, item).site);
    if (prepared === undefined || seen.has(prepared.id)) continue;
    seen.add(prepared.id);
    out.push(prepared);
  }
  return out;
}
