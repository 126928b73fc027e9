/**
 * @module core/pull/source-urls
 * The URL rules every source shape shares: which links count as the source's own articles, and the one
 * normal form they are compared and stored in.
 *
 * "Same site" is core/same-site's one rule: the same registrable domain (Public Suffix List).
 */
import { isSameSite } from '../same-site.ts';
import { cleanUrl, resolveHttpUrl } from '../url.ts';

/**
 * Resolve a link as found in a source against `base`, and bring it to the form entries are keyed by:
 * http(s) only, no fragment, no tracking parameters. Undefined for anything that is not such a URL
 * (`mailto:`, `javascript:`, unparseable text).
 *
 * @example
 * normalizeEntryUrl(' /a/1?utm_source=rss#top ', 'https://example.com/rss'); // 'https://example.com/a/1'
 */
export function normalizeEntryUrl(raw: string | undefined, base: string): string | undefined {
  const url = resolveHttpUrl(raw, base);
  return url === undefined ? undefined : cleanUrl(url);
}

/** Resolve a possibly relative link against `base`; undefined when it is not a URL. */
export function resolveUrl(raw: string | undefined, base: string): string | undefined {
  const text = raw?.trim();
  if (!text) return undefined;
  try {
    return new URL(text, base).href;
  } catch {
    return undefined;
  }
}

/** Whether `url` (absolute) is on the same site as `sourceUrl`. */
export function isOnSourceSite(url: string, sourceUrl: string): boolean {
  return isSameSite(new URL(url).hostname, new URL(sourceUrl).hostname);
}
