/**
 * @module core/extract/canonical-url
 * The article's canonical URL — the feed item's id and backlink — and URL hygiene: absolute http(s)
 * only, no fragment, no click-tracking parameters. The canonical comes from `<link rel=canonical>`
 * (RFC 6596), then `og:url`, then the page URL; one that points to another site (core/same-site) is
 * ignored (a page cannot speak for someone else's URL space).
 */
import { isSameSite, isSameSiteUrl } from '../same-site.ts';
import { cleanUrl, resolveHttpUrl } from '../url.ts';
import { getAttribute, readAttribute, selectAll, selectFirst, type DomDocument } from '../html-dom.ts';

/** The document's base URL: `<base href>` resolved against the page URL (HTML §2.4.1), else the page URL. */
export function readBaseUrl(document: DomDocument, pageUrl: string): string {
  return resolveHttpUrl(readAttribute(selectFirst(document, 'base[href]'), 'href'), pageUrl) ?? pageUrl;
}

/**
 * The host name of an http(s) href as a serialised URL writes it (`https://host:port/path`), or undefined where
 * reading it needs a parse (userinfo, an IPv6 address). A serialised special URL's path starts with `/`, and the
 * userinfo before an `@` has its `/` escaped, so the authority is what lies between `//` and the next `/`.
 */
function readHrefHost(href: string): string | undefined {
  const start = href.indexOf('//') + 2;
  const end = href.indexOf('/', start);
  const authority = end === -1 ? href.slice(start) : href.slice(start, end);
  if (authority.includes('@') || authority.startsWith('[')) return undefined;
  const colon = authority.indexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}

/**
 * Whether an absolute http(s) href is on the site of the page (core/same-site), whose URL `pageUrl` parsed to
 * the host `pageHost`. A canonical URL is nearly always on the page's own host, read from the href without a
 * parse, which needs no Public Suffix List lookup either (one host name has one registrable domain); only an
 * href whose host needs a parse goes to `isSameSiteUrl`.
 */
function isOnPageSite(href: string, pageUrl: string, pageHost: string): boolean {
  const host = readHrefHost(href);
  if (host === undefined) return isSameSiteUrl(href, pageUrl);
  return host === pageHost || isSameSite(host, pageHost);
}

/**
 * `cleanUrl` of an href that `resolveHttpUrl` gave: a serialised http(s) URL parses back to itself (WHATWG URL
 * serialisation is idempotent for special schemes), so without a `?` or `#` there is nothing to clean or parse.
 */
function cleanHref(href: string): string {
  return href.includes('?') || href.includes('#') ? cleanUrl(href) : href;
}

/**
 * The canonical URL of an article page, cleaned: `<link rel=canonical>`, then `og:url` (passed in),
 * then the page URL. Candidates must be http(s) and on the page's site (core/same-site).
 *
 * @example
 *   resolveCanonicalUrl(document, 'https://en.example.com/news/1?utm_source=rss');
 */
export function resolveCanonicalUrl(document: DomDocument, pageUrl: string, ogUrl?: string): string {
  const base = readBaseUrl(document, pageUrl);
  const links = selectAll(document, 'link[rel][href]')
    .filter((link) => (getAttribute(link, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
    .map((link) => getAttribute(link, 'href') ?? '');
  // No candidate is on the site of a page URL that does not parse.
  const pageHost = URL.parse(pageUrl)?.hostname;
  if (pageHost !== undefined)
    for (const candidate of [...links, ogUrl]) {
      const resolved = resolveHttpUrl(candidate, base);
      if (resolved && isOnPageSite(resolved, pageUrl, pageHost)) return cleanHref(resolved);
    }
  return cleanUrl(pageUrl);
}
