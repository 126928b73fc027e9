/**
 * @module core/url
 * URL hygiene every stage shares: absolute http(s) URLs only, resolved against a base, and without
 * fragments or click-tracking parameters — so a source entry, a canonical URL and a link in an excerpt
 * are compared and published in one normal form.
 */
import { stripControlChars } from './xml-chars.ts';

/** Query parameters that only identify a click or campaign, never the resource. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'yclid',
  'ysclid',
  '_ga',
  '_gl',
  'igshid',
  'igsh',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'rb_clickid',
  's_cid',
  'ref_src',
  'ref_url',
  'srsltid',
  'epik',
  'cmpid',
  'ocid',
  'ncid',
  'at_medium',
  'at_campaign',
  'pk_campaign',
  'pk_kwd',
  'pk_source',
  'pk_medium',
  'piwik_campaign',
  'piwik_kwd',
  'mtm_campaign',
  'mtm_source',
  'mtm_medium',
  'mtm_kwd',
]);

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

/** Parse as an http(s) URL, relative to `base` if given; undefined for other schemes and garbage. */
function parseHttpUrl(value: string, base?: string): URL | undefined {
  // Control characters are dropped first; tabs and newlines inside a scheme ("java\tscript:") are then
  // removed by WHATWG URL parsing, so the protocol check sees what a browser would.
  const text = stripControlChars(value).trim();
  // An absolute URL needs no base, even an invalid one; only what does not parse alone is tried against it.
  // `URL.parse` answers null where `new URL` throws: a relative href (most of a page's) costs no exception.
  const url = URL.parse(text) ?? (base === undefined ? null : URL.parse(text, base));
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

/**
 * Resolve a possibly relative URL against `base`: an absolute http(s) URL, or undefined for other
 * schemes (`javascript:`, `data:`), empty values and garbage.
 * @example resolveHttpUrl('/a/b', 'https://example.com/x') // 'https://example.com/a/b'
 */
export function resolveHttpUrl(value: string | undefined, base: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return parseHttpUrl(value, base)?.href;
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
  // Without `?` and `#` (which an http(s) href holds only as the query's and fragment's delimiters) there
  // is nothing to remove, and the setters below, each a reparse, would leave the href as it is.
  const href = parsed.href;
  if (!href.includes('?') && !href.includes('#')) return href;
  parsed.hash = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParameter(pair));
  parsed.search = kept.length === 0 ? '' : `?${kept.join('&')}`;
  return parsed.href;
}

/** `scheme://user:password@` (or `scheme://token@`): userinfo (RFC 3986 §3.2.1) anywhere in a text. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;

/**
 * The text with the userinfo of every URL in it replaced by `***`: credentials a source URL may carry
 * (`https://user:pass@host/feed`) never reach a log line, also inside an error message that quotes the URL.
 * @example redactUserinfo('fetch https://me:pw@example.com/rss failed') // 'fetch https://***@example.com/rss failed'
 */
export function redactUserinfo(text: string): string {
  return text.replace(USERINFO, '$1***@');
}
