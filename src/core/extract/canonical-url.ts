/**
 * @module core/extract/canonical-url
 * The article's canonical URL — the feed item's id and backlink — and URL hygiene: absolute http(s)
 * only, no fragment, no click-tracking parameters. The canonical comes from `<link rel=canonical>`
 * (RFC 6596), then `og:url`, then the page URL; one that points to another site is ignored (a page
 * cannot speak for someone else's URL space).
 */
import { cleanUrl, parseHttpUrl, resolveHttpUrl } from '../url.ts';
import { readAttribute, selectAll, selectFirst, type DomDocument } from './dom.ts';

/**
 * Second-level labels under which country-code registries sell names (`co.uk`, `com.au`, `gov.kz`).
 * A small stand-in for the Public Suffix List, enough to tell `en.example.co.uk` and
 * `www.example.co.uk` apart from `other.co.uk`.
 */
const SECOND_LEVEL_LABELS = new Set([
  'co',
  'com',
  'net',
  'org',
  'gov',
  'edu',
  'ac',
  'or',
  'ne',
  'go',
  'mil',
  'nic',
  'ltd',
  'plc',
  'sch',
  'nom',
  'gob',
  'info',
  'biz',
]);

/** The registrable part of a host name (`en.qazmonitor.com` → `qazmonitor.com`), approximately. */
export function readRegistrableHost(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return host;
  const labels = host.split('.');
  if (labels.length < 3) return host;
  const topLevel = labels.at(-1) ?? '';
  const secondLevel = labels.at(-2) ?? '';
  const keep = topLevel.length === 2 && SECOND_LEVEL_LABELS.has(secondLevel) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The document's base URL: `<base href>` resolved against the page URL (HTML §2.4.1), else the page URL. */
export function readBaseUrl(document: DomDocument, pageUrl: string): string {
  return resolveHttpUrl(readAttribute(selectFirst(document, 'base[href]'), 'href'), pageUrl) ?? pageUrl;
}

function isSameSite(candidate: string, pageUrl: string): boolean {
  const page = parseHttpUrl(pageUrl);
  const other = parseHttpUrl(candidate);
  return !!page && !!other && readRegistrableHost(page.hostname) === readRegistrableHost(other.hostname);
}

/**
 * The canonical URL of an article page, cleaned: `<link rel=canonical>`, then `og:url` (passed in),
 * then the page URL. Candidates must be http(s) and on the page's registrable host.
 *
 * @example
 *   resolveCanonicalUrl(document, 'https://en.example.com/news/1?utm_source=rss');
 */
export function resolveCanonicalUrl(document: DomDocument, pageUrl: string, ogUrl?: string): string {
  const base = readBaseUrl(document, pageUrl);
  const links = selectAll(document, 'link[rel][href]')
    .filter((link) => (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))
    .map((link) => link.getAttribute('href') ?? '');
  for (const candidate of [...links, ogUrl]) {
    const resolved = resolveHttpUrl(candidate, base);
    if (resolved && isSameSite(resolved, pageUrl)) return cleanUrl(resolved);
  }
  return cleanUrl(pageUrl);
}
