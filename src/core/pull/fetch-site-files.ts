/**
 * @module core/pull/fetch-site-files
 * The network half of a site's own re-use signals: `/robots.txt`, `/.well-known/tdmrep.json` and RSL
 * licence documents, fetched through the `FetchPage` port and handed on as text — or as the reason they
 * could not be read. What the files mean is the signals stage's business (core/signals/site-signals);
 * the refresh stage joins the two (core/refresh/read-site-signals).
 *
 * Each failure is classified once, as RFC 9309 §2.3.1 asks of robots.txt: a 4xx (but 429, which means
 * "overloaded" and is read as a server error like the big crawlers do) or more redirects than we follow
 * leave the file "unavailable" (§2.3.1.2); a 5xx, 429, timeout or network error leaves it "unreachable"
 * (§2.3.1.3). The other files reuse the same two words.
 */
import { toLedeError } from '../errors.ts';
import type { FetchPage } from '../ports.ts';
import { ANY_HOST } from './http-policy.ts';

/** Why a site file could not be read: the fetch's `LedeError` code, message and HTTP status. */
export interface SiteFileFailure {
  readonly code: string;
  readonly message: string;
  readonly status?: number | undefined;
}

/** One site file: its text (`url` after redirects), nothing (the server answered without a body), or a failure. */
export type SiteFile =
  | { readonly outcome: 'read'; readonly url: string; readonly body: string }
  | { readonly outcome: 'empty'; readonly url: string }
  | { readonly outcome: 'unavailable' | 'unreachable'; readonly url: string; readonly failure: SiteFileFailure };

/** The two files every site is asked for, both at once. */
export interface SiteFiles {
  /** `scheme://host[:port]` they were fetched from. */
  readonly origin: string;
  readonly robots: SiteFile;
  readonly tdmrep: SiteFile;
}

const TEXT_ACCEPT = 'text/plain, */*;q=0.5';
const JSON_ACCEPT = 'application/json, */*;q=0.5';
const RSL_ACCEPT = 'application/rsl+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';

/** RFC 9309 §2.3.1: which failures leave a file "unavailable" rather than "unreachable". */
function isUnavailable(code: string, status: number | undefined): boolean {
  if (code === 'too-many-redirects' || code === 'off-host-redirect') return true;
  return code === 'http-status' && status !== undefined && status >= 400 && status < 500 && status !== 429;
}

/**
 * robots.txt is read as RFC 9309 asks: redirects followed across hosts (§2.3.1.2: `example.com/robots.txt`
 * → `www.example.com` → a CDN), at least five hops (`maxRedirects`), and only its first 500 KiB
 * (§2.5: a larger file is parsed up to the limit, not refused as a whole — src/core/signals/robots.ts cuts
 * that at a line).
 */
const ROBOTS_FETCH = { allowedHost: ANY_HOST, truncateAt: 500 * 1024 } as const;

/** One GET of a site file; redirects stay on `allowedHost` (any host: `*`). Never rejects. */
async function fetchSiteFile(
  fetchPage: FetchPage,
  url: string,
  accept: string,
  reading: { readonly allowedHost: string; readonly truncateAt?: number },
): Promise<SiteFile> {
  try {
    const page = await fetchPage({ url, accept, ...reading });
    return page.status === 'ok' ? { outcome: 'read', url: page.url, body: page.body } : { outcome: 'empty', url };
  } catch (error) {
    const { code, message, status } = toLedeError(error);
    const failure = { code, message, status };
    return { outcome: isUnavailable(code, status) ? 'unavailable' : 'unreachable', url, failure };
  }
}

/**
 * Fetch a site's robots.txt and tdmrep.json, in parallel (two requests, redirect hops aside). Never rejects.
 *
 * @param origin `scheme://host[:port]`
 * @example const files = await fetchSiteFiles(deps.fetchPage, 'https://en.qazmonitor.com');
 */
export async function fetchSiteFiles(fetchPage: FetchPage, origin: string): Promise<SiteFiles> {
  const host = new URL(origin).hostname;
  const [robots, tdmrep] = await Promise.all([
    fetchSiteFile(fetchPage, `${origin}/robots.txt`, TEXT_ACCEPT, ROBOTS_FETCH),
    fetchSiteFile(fetchPage, `${origin}/.well-known/tdmrep.json`, JSON_ACCEPT, { allowedHost: host }),
  ]);
  return { origin, robots, tdmrep };
}

/**
 * Fetch one RSL licence document (one request; redirects stay on the licence's host). Never rejects.
 *
 * @example const file = await fetchRslFile(deps.fetchPage, 'https://example.com/license.xml');
 */
export function fetchRslFile(fetchPage: FetchPage, url: string): Promise<SiteFile> {
  return fetchSiteFile(fetchPage, url, RSL_ACCEPT, { allowedHost: new URL(url).hostname });
}
