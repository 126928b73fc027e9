/**
 * @module core/render/render-feed
 * One entry point for the three formats, and their media types.
 *
 * Why Lede renders its own feeds instead of using the `feed` npm package (jpmonette/feed):
 * 1. It emits JSON Feed 1.0 only; we want 1.1 (`authors`, `language`).
 * 2. Its RSS `<author>` holds a name without an e-mail address, which the W3C Feed Validator reports
 *    as an error (RSS 2.0 defines `<author>` as an e-mail address); we use `dc:creator`.
 * 3. It falls back to `new Date()` for missing dates, so the same items render to different bytes on
 *    each run and ETags never stay stable; ours take every date from their input.
 * 4. It escapes only `&` in places and writes CDATA without splitting "]]>", so a hostile title can
 *    break or inject into the XML; ours escape everything through one module (`xml.ts`).
 * 5. It guesses enclosure MIME types from the file extension and writes `length="0"`; we emit Media RSS
 *    `media:content` for images whose type and length we do not know.
 * 6. It pulls xml-js and sax into the Worker bundle; these renderers are a few hundred lines of
 *    dependency-free string building.
 */
import type { FeedFormat, FeedItem, FeedMeta } from '../types.ts';
import { renderAtom } from './atom.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss.ts';

/**
 * The renderers' output version. Publishing skips rendering when nothing it renders from changed, and
 * this is part of that key: bump it with any change to what the renderers emit. tests/core/render/golden.test.ts
 * refuses new golden output under an unchanged version, so a forgotten bump fails the tests.
 */
export const RENDER_VERSION = 2;

const RENDERERS: Readonly<Record<FeedFormat, (meta: FeedMeta, items: readonly FeedItem[]) => string>> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

/**
 * Render a feed in one format. Pure and deterministic: no clock, no randomness, so the same meta and
 * items give the same bytes (and so the same ETag).
 *
 * @example
 * const body = renderFeed('atom', meta, items);
 * return new Response(body, { headers: { 'Content-Type': FEED_CONTENT_TYPES.atom } });
 */
export function renderFeed(format: FeedFormat, meta: FeedMeta, items: readonly FeedItem[]): string {
  return RENDERERS[format](meta, items);
}
