/**
 * @module core/serve/http-cache
 * Conditional requests and cache headers for feed representations (RFC 9110 §13, RFC 9111, RFC 5861).
 * Pure functions over header values, so the 304 decision is made from stored validators alone,
 * before any body is read, and the one spelling of a feed answer's headers (`feedHeaders`).
 */
import { FEED_CONTENT_TYPES } from '../feed-formats.ts';
import type { FeedFormat } from '../types.ts';

/**
 * How long every reader is told it may reuse a feed (`max-age`, seconds), so how long the Worker's edge cache
 * keeps one too (src/runtime/worker/cache.ts).
 */
export const FEED_MAX_AGE_SECONDS = 300;

/** Shared caches and readers may reuse a feed for 5 minutes, and serve it stale while revalidating for a day
 * or while the origin errs for a week (RFC 5861): a broken refresh never blanks a reader's feed. */
const FEED_CACHE_CONTROL = `public, max-age=${String(FEED_MAX_AGE_SECONDS)}, stale-while-revalidate=86400, stale-if-error=604800`;

export interface Validators {
  /** Strong, quoted entity tag. */
  readonly etag: string;
  /** ISO 8601 instant. */
  readonly lastModified: string;
}

/** IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`. */
export function toHttpDate(iso: string): string {
  return new Date(iso).toUTCString();
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
function matchesIfNoneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const wanted = stripWeak(etag);
  // One tag, what a reader revalidating sends: compared without splitting (no array per 304).
  if (!header.includes(',')) return stripWeak(header.trim()) === wanted;
  return header.split(',').some((candidate) => stripWeak(candidate.trim()) === wanted);
}

/**
 * Whether a GET/HEAD may be answered 304 Not Modified. If-None-Match takes precedence; If-Modified-Since
 * is only evaluated without it (RFC 9110 §13.2.2), at one-second resolution since HTTP dates have no more.
 * @example isNotModified({ ifNoneMatch: '"abc"' }, { etag: '"abc"', lastModified: '2026-01-01T00:00:00Z' }) // true
 */
export function isNotModified(
  request: { readonly ifNoneMatch?: string | undefined; readonly ifModifiedSince?: string | undefined },
  validators: Validators,
): boolean {
  if (request.ifNoneMatch !== undefined) return matchesIfNoneMatch(request.ifNoneMatch, validators.etag);
  if (request.ifModifiedSince === undefined) return false;
  const since = Date.parse(request.ifModifiedSince);
  if (Number.isNaN(since)) return false;
  const modified = Math.floor(Date.parse(validators.lastModified) / 1000) * 1000;
  return modified <= since;
}

/**
 * Readers on other origins (web-based feed readers) may fetch feeds, and see why one is gone. Without
 * `Expose-Headers` a script sees only the CORS-safelisted response headers (Fetch standard, "CORS-safelisted
 * response-header name"), so it could not read the validators it needs for its next conditional request,
 * nor the `Link` header of a paged or WebSub-advertised feed.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Link, Retry-After',
});

/** The methods every public (read-only) route answers; anything else is 405 (RFC 9110 §15.5.6). */
export const READ_METHODS = 'GET, HEAD, OPTIONS';

/**
 * The answer to a CORS preflight (Fetch standard, "CORS protocol"): the methods and the request headers a
 * cross-origin reader may use — its conditional-request headers above all — cached by the browser for a day.
 * @example c.body(null, 204, PREFLIGHT_HEADERS)
 */
export const PREFLIGHT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  Allow: READ_METHODS,
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': READ_METHODS,
  'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
  'Access-Control-Max-Age': '86400',
});

/**
 * The headers of a feed answer, for every path that sends one (the core's feed route, the Worker's cache
 * hits): the validators and caching directives, which a 304 carries as its 200 would (RFC 9110 §15.4.5),
 * CORS, and — with `format`, when a body goes out — its media type.
 *
 * @example c.body(rendition.body, 200, feedHeaders(rendition, 'atom')) // ETag, Last-Modified, Cache-Control, CORS, Content-Type
 */
export function feedHeaders(validators: Validators, format?: FeedFormat): Record<string, string> {
  return {
    ETag: validators.etag,
    'Last-Modified': toHttpDate(validators.lastModified),
    'Cache-Control': FEED_CACHE_CONTROL,
    ...CORS_HEADERS,
    ...(format ? { 'Content-Type': FEED_CONTENT_TYPES[format] } : {}),
  };
}
