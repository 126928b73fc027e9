/**
 * @module tests/helpers/canonical-url-before
 * src/core/extract/canonical-url.ts `resolveCanonicalUrl` as it was before session 22 parsed the page URL once,
 * read a candidate's host from its href, took a candidate on the page's own host as same-site without a Public
 * Suffix List lookup and cleaned an href without a query or fragment without a parse (it asked `isSameSiteUrl`,
 * which parses both URLs twice, for each candidate, and `cleanUrl`), kept verbatim (imports re-pointed, renamed
 * `resolveCanonicalUrlBefore`) as the reference tests/core/extract/canonical-url.test.ts compares the new one
 * with. Remove this file, and that comparison, once the change has shipped through a release with the output
 * hashes unchanged (tests/core/extract/golden/output-hashes.json), or when the canonical's rules change on purpose.
 */
import { isSameSiteUrl } from '../../src/core/same-site.ts';
import { cleanUrl, resolveHttpUrl } from '../../src/core/url.ts';
import { getAttribute, selectAll, type DomDocument } from '../../src/core/html-dom.ts';
import { readBaseUrl } from '../../src/core/extract/canonical-url.ts';

/**
 * The canonical URL of an article page, cleaned: `<link rel=canonical>`, then `og:url` (passed in),
 * then the page URL. Candidates must be http(s) and on the page's site (core/same-site).
 *
 * @example
 *   resolveCanonicalUrl(document, 'https://en.example.com/news/1?utm_source=rss');
 */
export function resolveCanonicalUrlBefore(document: DomDocument, pageUrl: string, ogUrl?: string): string {
  const base = readBaseUrl(document, pageUrl);
  const links = selectAll(document, 'link[rel][href]')
    .filter((link) => (getAttribute(link, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
    .map((link) => getAttribute(link, 'href') ?? '');
  for (const candidate of [...links, ogUrl]) {
    const resolved = resolveHttpUrl(candidate, base);
    if (resolved && isSameSiteUrl(resolved, pageUrl)) return cleanUrl(resolved);
  }
  return cleanUrl(pageUrl);
}
