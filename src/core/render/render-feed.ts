/**
 * @module core/render/render-feed
 * One entry point for the three formats (their paths and media types are in src/core/feed-formats.ts).
 * Lede renders its own feeds rather than using the `feed` package: JSON Feed 1.1, well-formed XML for any
 * input, validator-clean authors and enclosures, no added dependencies — what was checked against `feed`
 * 6.0.0, case by case, is in the README ("Dependencies", "Why not the `feed` package").
 */
import type { FeedFormat, FeedMeta } from '../types.ts';
import { prepareAtom } from './atom.ts';
import type { RenderExtras, SourcedItem } from './feed-parts.ts';
import { prepareJsonFeed } from './json-feed.ts';
import { prepareRss } from './rss.ts';

/**
 * The renderers' output version. Publishing skips rendering when nothing it renders from changed, and
 * this is part of that key: bump it with any change to what the renderers emit. tests/core/render/golden.test.ts
 * refuses new golden output under an unchanged version, so a forgotten bump fails the tests.
 */
export const RENDER_VERSION = 3;

/** A format's items rendered with `meta`, and the document around them (see `prepareRss`). */
type Preparer = (
  meta: FeedMeta,
  items: readonly SourcedItem[],
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
  return PREPARERS[format](meta, items)(meta, extras);
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
 * One format's renderer for a list of items, for publishing, which renders a format with its last build's
 * date and, when the bytes then differ, with the new one. Each call gives `renderFeed(format, meta, items)`;
 * the items (most of a feed's bytes and work) are rendered again only when `meta` differs from the last
 * call's in more than `builtAt`, which no item reads: only the head does (RSS `lastBuildDate`, Atom
 * `updated`, JSON Feed `_lede.updated`).
 *
 * @example
 * const render = createFeedRenderer('rss', items);
 * render({ ...meta, builtAt: last }); render({ ...meta, builtAt: now }); // the second renders the head alone
 */
export function createFeedRenderer(format: FeedFormat, items: readonly SourcedItem[]): (meta: FeedMeta) => string {
  let last: { meta: FeedMeta; around: ReturnType<Preparer> } | undefined;
  return (meta) => {
    if (last === undefined || !isSameButBuild(last.meta, meta)) last = { meta, around: PREPARERS[format](meta, items) };
    return last.around(meta);
  };
}
