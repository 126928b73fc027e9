/**
 * @module core/feed-formats
 * The serving vocabulary of Lede's feeds, in one place: which formats there are, the path each is served
 * at and the media type it is served with. The renderers, the publisher, the routes, the store (which
 * checks a stored rendition's format) and both runtimes read them from here.
 */
import type { FeedFormat } from './types.ts';

/** Every format a feed is rendered and served in, in the order they are rendered and listed. */
export const FEED_FORMATS: readonly FeedFormat[] = Object.freeze(['rss', 'atom', 'json']);

/** `Content-Type` for each format (RSS Advisory Board; RFC 4287 §7; JSON Feed 1.1 "MIME type"). */
export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = Object.freeze({
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
});

/**
 * The id of the combined feed in its paths (`/feeds/all.rss`, src/core/serve/combined-feed.ts): reserved, so
 * no feed definition may take it (src/core/config/feed-definition.ts).
 */
export const COMBINED_FEED_ID = 'all';

/**
 * The path a format is served at, relative to the public base URL.
 *
 * @example feedPath('tengri', 'atom'); // '/feeds/tengri.atom'
 */
export function feedPath(feedId: string, format: FeedFormat): string {
  return `/feeds/${feedId}.${format}`;
}
