/**
 * @module core/pull/http-policy
 * How Lede behaves as an HTTP client, shared by the Node (undici) and Workers (`fetch`) fetchers so both
 * are equally polite: the User-Agent, the limits, the request headers, and the pure decisions about a
 * response — redirect hops, error statuses, Retry-After. No I/O here.
 */
import { LedeError } from '../errors.ts';
import type { FetchPageRequest } from '../ports.ts';
import { isSameSite } from '../same-site.ts';

/** Identifies the bot and where to read about it, as crawler etiquette asks. */
export const DEFAULT_USER_AGENT = 'Lede/0.1 (+https://github.com/lede-feeds/lede; feed syndication bot)';

export interface HttpLimits {
  /** Time to open a connection (DNS + TCP + TLS). */
  readonly connectTimeoutMs: number;
  /** Time for the whole fetch, redirects and body included: a server trickling bytes cannot hold us. */
  readonly totalTimeoutMs: number;
  /** Largest body read (after content decoding); the read is aborted past it. */
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  /** Requests in flight to one host at once; more wait their turn. */
  readonly perHostConcurrency: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = Object.freeze({
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  perHostConcurrency: 2,
});

/**
 * The limits in force: the defaults, overridden by whichever of `overrides` are set (extra keys ignored).
 *
 * @example
 * resolveHttpLimits({ totalTimeoutMs: 5_000 }); // { connectTimeoutMs: 10_000, totalTimeoutMs: 5_000, … }
 */
export function resolveHttpLimits(overrides: {
  readonly [K in keyof HttpLimits]?: HttpLimits[K] | undefined;
}): HttpLimits {
  const pick = <K extends keyof HttpLimits>(key: K): HttpLimits[K] => overrides[key] ?? DEFAULT_HTTP_LIMITS[key];
  return Object.freeze({
    connectTimeoutMs: pick('connectTimeoutMs'),
    totalTimeoutMs: pick('totalTimeoutMs'),
    maxBodyBytes: pick('maxBodyBytes'),
    maxRedirects: pick('maxRedirects'),
    perHostConcurrency: pick('perHostConcurrency'),
  });
}

/** Accept headers per kind of document (RFC 9110 §12.5.1), feed types preferred over generic XML. */
export const ACCEPT = Object.freeze({
  feed: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5',
  sitemap: 'application/xml, text/xml;q=0.9, */*;q=0.5',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
});

/**
 * Request headers for one fetch: User-Agent, Accept, and the validators of a conditional GET
 * (If-None-Match / If-Modified-Since, RFC 9110 §13.1.2 and §13.1.3).
 *
 * @example
 * buildRequestHeaders({ url, etag: '"abc"' }, DEFAULT_USER_AGENT);
 * // { 'user-agent': 'Lede/0.1 …', accept: 'text/html, …', 'if-none-match': '"abc"' }
 */
export function buildRequestHeaders(request: FetchPageRequest, userAgent: string): Record<string, string> {
  return {
    'user-agent': userAgent,
    accept: request.accept ?? ACCEPT.html,
    ...(request.etag ? { 'if-none-match': request.etag } : {}),
    ...(request.lastModified ? { 'if-modified-since': request.lastModified } : {}),
  };
}

/** Whether a status is a redirect we follow (RFC 9110 §15.4; 300 and 304 are not). */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** `allowedHost` for a fetch whose redirects may go to any host (robots.txt, RFC 9309 §2.3.1.2). */
export const ANY_HOST = '*';

/**
 * Resolve one redirect hop, checking it before it is followed: the hop count (`too-many-redirects`),
 * the scheme (http/https only) and the host (`off-host-redirect`: a source may only redirect within its
 * own site — core/same-site — so a feed cannot send us to fetch someone else's pages).
 *
 * @param hops redirects already followed before this one
 * @example
 * const next = resolveRedirect('https://a.example/old', '/new', 'a.example', 0, 5); // 'https://a.example/new'
 */
export function resolveRedirect(
  from: string,
  location: string | null | undefined,
  allowedHost: string,
  hops: number,
  maxRedirects: number,
): string {
  if (hops >= maxRedirects) {
    throw new LedeError('too-many-redirects', `More than ${maxRedirects} redirects, last at ${from}`, {
      cause: { from, location, hops },
    });
  }
  let target: URL;
  try {
    if (!location) throw new TypeError('no Location header');
    target = new URL(location, from);
  } catch (error) {
    throw new LedeError('network', `Unusable redirect Location ${JSON.stringify(location)} at ${from}`, {
      cause: error,
    });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new LedeError('off-host-redirect', `Redirect from ${from} to non-HTTP ${JSON.stringify(location)}`, {
      cause: { from, location },
    });
  }
  if (allowedHost !== ANY_HOST && !isSameSite(target.hostname, allowedHost)) {
    throw new LedeError('off-host-redirect', `Redirect from ${from} leaves ${allowedHost} for ${target.host}`, {
      cause: { from, location: target.href, allowedHost },
    });
  }
  target.hash = '';
  return target.href;
}

/**
 * Seconds to wait from a Retry-After value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, counted
 * from `nowMs`. Undefined when absent or unreadable; never negative.
 *
 * @example
 * parseRetryAfter('120', now); // 120
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')); // 60
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP-date always names its zone (GMT), so Date.parse reads it the same on every runtime.
  const at = /\b(GMT|UTC)\b/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * Seconds a response stays fresh for Lede, a private cache, by its Cache-Control (RFC 9111 §5.2.2):
 * `max-age`, or 0 when `no-cache`/`no-store` ask for revalidation every time; undefined without either.
 *
 * @example
 * parseMaxAge('public, max-age=600, stale-while-revalidate=60'); // 600
 */
export function parseMaxAge(cacheControl: string | null | undefined): number | undefined {
  const directives = (cacheControl ?? '')
    .toLowerCase()
    .split(',')
    .map((part) => part.trim());
  if (directives.some((directive) => directive === 'no-cache' || directive === 'no-store')) return 0;
  const maxAge = directives
    .map((directive) => /^max-age="?(\d+)"?$/.exec(directive)?.[1])
    .find((value) => value !== undefined);
  return maxAge === undefined ? undefined : Number(maxAge);
}

/**
 * The error for a 4xx/5xx answer, with the status and any Retry-After (RFC 9110 §15.5, §15.6; 429 and
 * 503 are where servers send it).
 *
 * @example
 * throw toStatusError(503, '120', url, Date.now()); // LedeError { code: 'http-status', status: 503, retryAfter: 120 }
 */
export function toStatusError(
  status: number,
  retryAfter: string | null | undefined,
  url: string,
  nowMs: number,
): LedeError {
  const seconds = parseRetryAfter(retryAfter, nowMs);
  return new LedeError('http-status', `HTTP ${status} from ${url}`, {
    status,
    cause: { url, status, retryAfter },
    retryAfter: seconds,
  });
}

/** The error for a body past the cap, whether announced by Content-Length or found while reading. */
export function toTooLargeError(url: string, maxBodyBytes: number, seen: number): LedeError {
  return new LedeError('too-large', `Body of ${url} exceeds ${maxBodyBytes} bytes`, {
    cause: { url, maxBodyBytes, seen },
  });
}
