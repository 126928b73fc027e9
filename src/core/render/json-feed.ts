/**
 * @module core/render/json-feed
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), deliberately 1.1: `authors` arrays (1.1
 * deprecates `author`) and `language`. `summary` is the plain text of the SAME excerpt as
 * `content_html`, so the item reproduces nothing beyond it. Lede's own data sits in `_lede` extension
 * objects ("custom extensions" start with an underscore, per the spec): the feed's last build
 * (`updated`; JSON Feed has no feed-level date) and licence terms and, per item, the share of the article
 * it reproduces. With a WebSub hub configured, `hubs` names it (JSON Feed 1.1 `hubs`, type "WebSub"). Every string goes through
 * `stripControlChars`, so a parsed feed never holds characters that break XML-minded consumers.
 */
import type { FeedMeta } from '../types.ts';
import { formatRfc3339, pickDate, pickItemDates } from './dates.ts';
import {
  describeFeed,
  describeRights,
  metaOf,
  normalizeLanguage,
  type RenderExtras,
  type SourcedItem,
} from './feed-parts.ts';
import { renderItemJson } from './item-html.ts';
import { JsonText, writeJson } from './json-text.ts';
import { resolveHttpUrl } from '../url.ts';

const VERSION = 'https://jsonfeed.org/version/1.1';

/** The feed's licence as `_lede.license` states it, at feed level and for each item's source. */
function describeLicense(meta: FeedMeta): Record<string, unknown> {
  return {
    attribution: meta.license.attribution,
    terms: meta.license.terms,
    terms_url: meta.license.termsUrl,
    rights: describeRights(meta.license),
    max_share: meta.license.maxShare,
    max_words: meta.license.maxWords,
    images: meta.license.images,
    delay: meta.license.delay,
  };
}

/** `_lede.source` of a combined-feed item: the feed it came from, with that feed's own licence. */
function describeSource(source: FeedMeta): Record<string, unknown> {
  return {
    id: source.id,
    title: source.title,
    feed_url: source.links.json,
    home_page_url: resolveHttpUrl(source.site, source.links.json),
    license: describeLicense(source),
  };
}

/** Property order is fixed by construction; undefined members are dropped, as JSON.stringify drops them. */
function renderItem(feed: FeedMeta, item: SourcedItem): Record<string, unknown> {
  const meta = metaOf(feed, item);
  const author = item.author?.trim();
  const { published, updated } = pickItemDates(item, feed.updated);
  const tags = item.categories.map((c) => c.trim()).filter((c) => c !== '');
  const image = item.image === undefined ? undefined : resolveHttpUrl(item.image, item.url);
  const credit = image === undefined ? undefined : item.imageCredit?.trim() || undefined;
  const json = renderItemJson(item, meta.license, meta.language);
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    content_html: new JsonText(json.html),
    // Left out when the excerpt is empty: such an item is its title and backlink only.
    summary: json.summary === undefined ? undefined : new JsonText(json.summary),
    image,
    date_published: formatRfc3339(published),
    date_modified: formatRfc3339(updated),
    authors: author ? [{ name: author }] : undefined,
    tags: tags.length > 0 ? tags : undefined,
    language: normalizeLanguage(item.language),
    _lede: {
      share: item.excerpt.share,
      words: item.excerpt.words,
      image_credit: credit,
      source: item.source ? describeSource(item.source) : undefined,
    },
  };
}

/**
 * Render a JSON Feed 1.1 document (2-space indented, trailing newline) in two steps: its items with `meta` —
 * `prepared` being the items as `prepareItems` gives them for `meta` — then, from the returned function, the
 * document around them. Pure: the same meta and items always give the same string (`renderFeed` takes both steps
 * at once). The function serves any meta that gives the items the same: `meta` but for `builtAt`, which no item
 * reads (see `createFeedRenderer`).
 *
 * @example
 * JSON.parse(prepareJsonFeed(meta, prepareItems(meta, items))(meta)).version; // 'https://jsonfeed.org/version/1.1'
 */
export function prepareJsonFeed(
  meta: FeedMeta,
  prepared: readonly SourcedItem[],
): (documentMeta: FeedMeta, extras?: RenderExtras) => string {
  // Written once, at the depth they take in the document (`items` members): a head drawn again writes only itself.
  const itemTexts = prepared.map((item) => writeJson(renderItem(meta, item), '    ') ?? 'null');
  const items = new JsonText(itemTexts.length === 0 ? '[]' : `[\n    ${itemTexts.join(',\n    ')}\n  ]`);
  return (documentMeta, extras = {}) => {
    const site = resolveHttpUrl(documentMeta.site, documentMeta.links.json);
    const feed = {
      version: VERSION,
      title: documentMeta.title,
      home_page_url: site,
      feed_url: documentMeta.links.json,
      // JSON Feed 1.1: "the URL of a feed that provides the next n items", for pagination.
      next_url: extras.next,
      hubs: documentMeta.hub === undefined ? undefined : [{ type: 'WebSub', url: documentMeta.hub }],
      description: describeFeed(documentMeta),
      language: normalizeLanguage(documentMeta.language),
      authors: [{ name: documentMeta.license.attribution, url: site }],
      _lede: {
        updated: formatRfc3339(pickDate(documentMeta.builtAt, documentMeta.updated)),
        license: describeLicense(documentMeta),
      },
      items,
    };
    return `${writeJson(feed) ?? ''}\n`;
  };
}
