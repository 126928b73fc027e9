/**
 * @module core/refresh/same-site
 * Lede follows article links only on the source's own site: the host of the source URL or of the feed's
 * `site`, with or without a leading `www.`.
 */

function bareHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
    return parsed.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * Whether `url` is on the same site as any of `siteUrls`.
 * @example isSameSite('https://www.example.com/a', 'https://example.com/rss') // true
 */
export function isSameSite(url: string, ...siteUrls: readonly string[]): boolean {
  const host = bareHost(url);
  return host !== undefined && siteUrls.some((site) => bareHost(site) === host);
}
