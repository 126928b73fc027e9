/**
 * @module core/render/render-feed
 * One entry point for the three formats (their paths and media types are in src/core/feed-formats.ts).
 * Lede renders its own feeds rather than using the `feed` package: JSON Feed 1.1, well-formed XML for any
 * input, validator-clean authors and enclosures, no added dependencies — what was checked against `feed`
 * 6.0.0, case by case, is in the README ("Dependencies", "Why not the `feed` package").
 */
import type { FeedFormat, FeedMeta } from '../types.ts';
import { prepareAtom } from './atom.ts';
import { prepareItems, type RenderExtras, type SourcedItem } from './feed-parts.ts';
import { prepareJsonFeed } from './json-feed.ts';
import { prepareRss } from './rss.ts';

/**
 * The renderers' output version. Publishing skips rendering when nothing it renders from changed, and
 * this is part of that key: bump it with any change to what the renderers emit. tests/core/render/golden.test.ts
 * refuses new golden output under an unchanged version, so a forgotten bump fails the tests.
 */
export const RENDER_VERSION = 3;

/** A format's items (as `prepareItems` gives them) rendered with `meta`, then the document around them (`prepareRss`). */
type Preparer = (
  meta: FeedMeta,
  prepared: readonly SourcedItem[],
) => (documentMeta: FeedMeta, extras?: RenderExtras) => string;

const PREPARERS: Readonly<Record<FeedFormat, Preparer>> = {
  rss: prepareRss,
  atom: prepareAtom,
  json: prepareJsonFeed,
};

/**
 * Render a feed in one format. Pure and deterministic: no clock, no randomness, so the same meta and
 * items give the same bytes (and so the same ETag). `extras` (paging) and items' `source` (combined feed) are
 * for the feed variants; without them the output is the plain feed's.
 *
 * @example
 * const body = renderFeed('atom', meta, items);
 * return new Response(body, { headers: { 'Content-Type': FEED_CONTENT_TYPES.atom } }); // from core/feed-formats
 */
export function renderFeed(
  format: FeedFormat,
  meta: FeedMeta,
  items: readonly SourcedItem[],
  extras: RenderExtras = {},
): string {
  return PREPARERS[format](meta, prepareItems(meta, items))(meta, extras);
}

/**
 * Same value, or — `depth` levels down — objects with the same own members: plain data as a meta holds it
 * (its `license` and `links` one level down). Anything else compares by identity, so it errs toward "not the same".
 */
function isSameData(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (depth === 0 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...keys].every((key) => isSameData(left[key], right[key], depth - 1));
}

/** Whether two metas say the same but, perhaps, their build date (which only a document's head reads). */
function isSameButBuild(a: FeedMeta, b: FeedMeta): boolean {
  return isSameData({ ...a, builtAt: undefined }, { ...b, builtAt: undefined }, 2);
}

/**
 * The renderer of a list of items in every format, for publishing, which renders each format with the feed's
 * last build date and, when the bytes then differ, with the new one. Each call gives
 * `renderFeed(format, meta, items)`, but the items are made ready (`prepareItems`) once for every format, and a
 * format's items (most of a feed's bytes and work) are rendered again only when `meta` differs from that
 * format's last call in more than `builtAt`, which no item reads: only the head does (RSS `lastBuildDate`,
 * Atom `updated`, JSON Feed `_lede.updated`).
 *
 * @example
 * const render = createFeedRenderer(items);
 * render('rss', { ...meta, builtAt: last }); render('rss', { ...meta, builtAt: now }); // the second: the head alone
 */
export function createFeedRenderer(items: readonly SourcedItem[]): (format: FeedFormat, meta: FeedMeta) => string {
  // prepareItems reads the meta's `site` alone (an item's own source's, in the combined feed).
  let prepared: { site: string; items: SourcedItem[] } | undefined;
  const last = new Map<FeedFormat, { meta: FeedMeta; around: ReturnType<Preparer> }>();
  return (format, meta) => {
    if (prepared?.site !== meta.site) prepared = { site: meta.site, items: prepareItems(meta, items) };
    let rendered = last.get(format);
    if (rendered === undefined || !isSameButBuild(rendered.meta, meta)) {
      rendered = { meta, around: PREPARERS[format](meta, prepared.items) };
      last.set(format, rendered);
    }
    return rendered.around(meta);
  };
}
