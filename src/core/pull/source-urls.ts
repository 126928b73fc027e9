/**
 * @module core/pull/source-urls
 * The URL rules every source shape shares: which links count as the source's own articles, and the one
 * normal form they are compared and stored in.
 *
 * "Same site" is deliberately simple: the host names must be equal once lower-cased and stripped of one
 * leading `www.` (`www.example.com` ≡ `example.com`). Other subdomains (`news.example.com`,
 * `img.example.com`) are different sites, and ports are ignored (a site does not serve articles on two
 * ports; tests run on 127.0.0.1 with a random one).
 */
import { cleanUrl, resolveHttpUrl } from '../url.ts';

/** The host name a site is compared by: lower-case, without one leading `www.`. */
function toSiteHost(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * Whether two host names belong to the same site under the rule above.
 *
 * @example
 * isSameSite('www.qazmonitor.com', 'qazmonitor.com'); // true
 * isSameSite('img.qazmonitor.com', 'qazmonitor.com'); // false
 */
export function isSameSite(hostA: string, hostB: string): boolean {
  return toSiteHost(hostA) === toSiteHost(hostB);
}

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
