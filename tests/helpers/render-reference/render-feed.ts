/**
 * @module core/render/render-feed
 * One entry point for the three formats (their paths and media types are in src/core/feed-formats.ts).
 * Lede renders its own feeds rather than using the `feed` package: JSON Feed 1.1, well-formed XML for any
 * input, validator-clean authors and enclosures, no added dependencies — what was checked against `feed`
 * 6.0.0, case by case, is in the README ("Dependencies", "Why not the `feed` package").
 */
import type { FeedFormat, FeedMeta } from '../../../src/core/types.ts';
import { renderAtom } from './atom.ts';
import type { RenderExtras, SourcedItem } from './feed-parts.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss.ts';

/**
 * The renderers' output version. Publishing skips rendering when nothing it renders from changed, and
 * this is part of that key: bump it with any change to what the renderers emit. tests/core/render/golden.test.ts
 * refuses new golden output under an unchanged version, so a forgotten bump fails the tests.
 */
export const RENDER_VERSION = 3;

type Renderer = (meta: FeedMeta, items: readonly SourcedItem[], extras?: RenderExtras) => string;

const RENDERERS: Readonly<Record<FeedFormat, Renderer>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
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
  return RENDERERS[format](meta, items, extras);
}
