/**
 * @module core/extract/canonical-url
 * The article's canonical URL — the feed item's id and backlink — and URL hygiene: absolute http(s)
 * only, no fragment, no click-tracking parameters. The canonical comes from `<link rel=canonical>`
 * (RFC 6596), then `og:url`, then the page URL; one that points to another site is ignored (a page
 * cannot speak for someone else's URL space).
 */
import { readAttribute, selectAll, selectFirst, type DomDocument } from './dom.ts';

/** Query parameters that only identify a click or campaign, never the resource. */
const TRACKING_PARAMETERS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'yclid', 'ysclid',
  '_ga', '_gl', 'igshid', 'igsh', 'twclid', 'ttclid', 'li_fat_id', 'mkt_tok', '_hsenc', '_hsmi', 'hsctatracking',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'wickedid', 'rb_clickid', 's_cid', 'ref_src', 'ref_url',
  'srsltid', 'epik', 'cmpid', 'ocid', 'ncid', 'at_medium', 'at_campaign', 'pk_campaign', 'pk_kwd', 'pk_source',
  'pk_medium', 'piwik_campaign', 'piwik_kwd', 'mtm_campaign', 'mtm_source', 'mtm_medium', 'mtm_kwd',
]);

/**
 * Second-level labels under which country-code registries sell names (`co.uk`, `com.au`, `gov.kz`).
 * A small stand-in for the Public Suffix List, enough to tell `en.example.co.uk` and
 * `www.example.co.uk` apart from `other.co.uk`.
 */
const SECOND_LEVEL_LABELS = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'mil', 'nic', 'ltd', 'plc', 'sch', 'nom', 'gob', 'info', 'biz']);

function isTrackingParameter(pair: string): boolean {
  const rawKey = pair.split('=')[0] ?? '';
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return key.startsWith('utm_') || TRACKING_PARAMETERS.has(key);
}

function parseHttpUrl(value: string, base?: string): URL | undefined {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An absolute http(s) URL without fragment and tracking parameters (`utm_*`, `fbclid`, `gclid`…);
 * other parameters keep their order and encoding. A string that is not an absolute http(s) URL is
 * returned trimmed but otherwise unchanged.
 *
 * @example
 *   cleanUrl('https://example.com/a?id=7&utm_source=x#top'); // 'https://example.com/a?id=7'
 */
export function cleanUrl(url: string): string {
  const parsed = parseHttpUrl(url);
  if (!parsed) return url.trim();
  parsed.hash = '';
  const kept = parsed.search.slice(1).split('&').filter((pair) => pair !== '' && !isTrackingParameter(pair));
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return parsed.href;
}

/**
 * Resolve a possibly relative URL against `base`: an absolute http(s) URL, or undefined for other
 * schemes (`javascript:`, `data:`) and garbage.
 */
export function resolveHttpUrl(value: string | undefined, base: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return parseHttpUrl(value, base)?.href;
}

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
