/**
 * @module core/same-site
 * The one meaning of "same site" in Lede: two hosts are the same site when they share a registrable
 * domain — the public suffix plus one label, read from the Public Suffix List (https://publicsuffix.org)
 * through `tldts`. So `en.qazmonitor.com`, `www.qazmonitor.com` and `qazmonitor.com` are one site, while
 * `bbc.co.uk` and `other.co.uk` are two, and so are `a.github.io` and `b.github.io` (the list's private
 * section is used: a hosting platform's customers are separate sites, as browsers treat them).
 * An IP address or a host the list cannot place (`localhost`) is a site of its own. Ports never count.
 *
 * Every stage asks this module: which links of a source are its own articles (pull), where a source may
 * redirect (pull), which canonical URL a page may claim (extract), which articles a feed may fetch (refresh).
 */
import { getDomain } from 'tldts';
import { rememberBounded } from './remember.ts';

/**
 * The registrable domain of a host name (`en.qazmonitor.com` → `qazmonitor.com`, `www.bbc.co.uk` →
 * `bbc.co.uk`); the host itself, lower-cased, for an IP address or a name the list cannot place.
 *
 * @example readRegistrableDomain('news.akorda.gov.kz'); // 'akorda.gov.kz'
 */
export function readRegistrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return host;
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

/**
 * Whether two host names are the same site under the rule above.
 *
 * @example
 * isSameSite('www.qazmonitor.com', 'en.qazmonitor.com'); // true
 * isSameSite('bbc.co.uk', 'other.co.uk'); // false
 */
export function isSameSite(hostA: string, hostB: string): boolean {
  return readRegistrableDomain(hostA) === readRegistrableDomain(hostB);
}

/**
 * Whether two absolute URLs are on the same site; false when either is not a URL.
 *
 * @example isSameSiteUrl('https://en.example.com/a', 'http://example.com/rss'); // true
 */
export function isSameSiteUrl(urlA: string, urlB: string): boolean {
  if (!URL.canParse(urlA) || !URL.canParse(urlB)) return false;
  return isSameSite(new URL(urlA).hostname, new URL(urlB).hostname);
}

/** Hosts a same-site check remembers at most; forgotten all at once past it (a source's links share a few). */
const REMEMBERED_HOSTS = 256;

/**
 * A check of absolute URLs against `sites` (absolute URLs): whether a URL is on the same site as any of them.
 * The verdict depends on the URL's host alone, and the Public Suffix List lookups are what it costs, so it is
 * remembered by host — a bounded number of them, as the URLs asked about come from the network. False for a
 * URL that does not parse; a site that does not parse matches nothing.
 *
 * @example
 * const isOwn = createSameSiteCheck(['https://qazmonitor.com/rss']);
 * isOwn('https://en.qazmonitor.com/news/1'); // true
 */
export function createSameSiteCheck(sites: readonly string[]): (url: string) => boolean {
  const siteHosts = sites.filter((site) => URL.canParse(site)).map((site) => new URL(site).hostname);
  const verdictOf = rememberBounded(
    (hostname: string) => siteHosts.some((siteHost) => isSameSite(hostname, siteHost)),
    REMEMBERED_HOSTS,
  );
  return (url) => URL.canParse(url) && verdictOf(new URL(url).hostname);
}
