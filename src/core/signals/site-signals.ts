/**
 * @module core/signals/site-signals
 * What a site says about re-use for all its pages, read once per refresh per host through the
 * `FetchPage` port — at most three requests (redirect hops aside): `/robots.txt`,
 * `/.well-known/tdmrep.json`, and the RSL licence the robots.txt names (if any). The result is plain
 * JSON-serialisable data, so a runtime may cache it (RFC 9309 §2.4: for at most 24 hours).
 *
 * Failures are tolerated, each as its spec says:
 *  - robots.txt (RFC 9309 §2.3.1): 2xx → parsed; 4xx "unavailable" → everything allowed; more than the
 *    redirects we follow → unavailable too (§2.3.1.2); 5xx, 429 (a 4xx that means "overloaded", read
 *    as a server error like the big crawlers do), timeouts and network errors "unreachable" → the
 *    whole site is disallowed (§2.3.1.3), recorded with the reason;
 *  - tdmrep.json (TDMRep): anything but a readable file means the site does not use the protocol;
 *  - the RSL licence: a failure is recorded in `errors` and `seen`, and forbids nothing.
 */
import { toLedeError } from '../errors.ts';
import type { FetchPage } from '../pull/fetch-page.ts';
import type { PublisherSignals } from '../types.ts';
import { readUsagePreference } from './content-usage.ts';
import {
  findDecidingRule,
  findUsageRules,
  isPathAllowed,
  LEDE_PRODUCT_TOKEN,
  parseRobotsTxt,
  type RobotsPolicy,
} from './robots.ts';
import { findRslTerms, readRslLicense, type RslTerms } from './rsl.ts';
import { findTdmRule, parseTdmrepJson, type TdmRule } from './tdmrep.ts';

export interface SiteSignalError {
  readonly source: 'robots.txt' | 'tdmrep.json' | 'rsl';
  readonly url: string;
  /** The fetch's `LedeError` code (`http-status`, `timeout`, `network`, `malformed-source`, …). */
  readonly code: string;
  readonly message: string;
}

/** A site's own signals: plain data, safe to cache as JSON. */
export interface SiteSignals {
  /** `scheme://host[:port]` the signals were read from. */
  readonly origin: string;
  /** robots.txt as it applies to Lede; undefined when the site has none (4xx: everything allowed). */
  readonly robots?: RobotsPolicy;
  /** robots.txt could not be read (5xx, network…): RFC 9309 §2.3.1.3, the whole site is disallowed. */
  readonly robotsUnreachable: boolean;
  /** `/.well-known/tdmrep.json` rules, in file order. */
  readonly tdm: readonly TdmRule[];
  /** The RSL licence named by robots.txt `License:`, when it could be read. */
  readonly rsl?: RslTerms;
  readonly errors: readonly SiteSignalError[];
}

export interface ReadSiteSignalsOptions {
  /** The product token robots.txt groups are matched with (default: Lede's). */
  readonly userAgentToken?: string;
}

const TEXT_ACCEPT = 'text/plain, */*;q=0.5';
const JSON_ACCEPT = 'application/json, */*;q=0.5';

function toError(source: SiteSignalError['source'], url: string, error: unknown, note = ''): SiteSignalError {
  const { code, message } = toLedeError(error);
  return { source, url, code, message: `${message}${note}` };
}

/** RFC 9309 §2.3.1: which failures leave robots.txt "unavailable" (allow all) rather than "unreachable". */
function isUnavailable(error: unknown): boolean {
  const { code, status } = toLedeError(error);
  if (code === 'too-many-redirects' || code === 'off-host-redirect') return true;
  return code === 'http-status' && status !== undefined && status >= 400 && status < 500 && status !== 429;
}

interface RobotsOutcome {
  readonly robots?: RobotsPolicy;
  readonly unreachable: boolean;
  readonly errors: readonly SiteSignalError[];
}

async function readRobots(fetchPage: FetchPage, origin: string, token: string): Promise<RobotsOutcome> {
  const url = `${origin}/robots.txt`;
  try {
    const page = await fetchPage({ url, accept: TEXT_ACCEPT, allowedHost: new URL(origin).hostname });
    const robots = page.status === 'ok' ? parseRobotsTxt(page.body, token).policy : undefined;
    return { ...(robots ? { robots } : {}), unreachable: false, errors: [] };
  } catch (error) {
    if (isUnavailable(error))
      return {
        unreachable: false,
        errors: toLedeError(error).status === 404 ? [] : [toError('robots.txt', url, error)],
      };
    const note = ' — robots.txt unreachable: the whole site is treated as disallowed (RFC 9309 §2.3.1.3)';
    return { unreachable: true, errors: [toError('robots.txt', url, error, note)] };
  }
}

async function readTdmrep(
  fetchPage: FetchPage,
  origin: string,
): Promise<{ tdm: TdmRule[]; errors: SiteSignalError[] }> {
  const url = `${origin}/.well-known/tdmrep.json`;
  try {
    const page = await fetchPage({ url, accept: JSON_ACCEPT, allowedHost: new URL(origin).hostname });
    return { tdm: page.status === 'ok' ? parseTdmrepJson(page.body, page.url) : [], errors: [] };
  } catch (error) {
    const isMissing = toLedeError(error).status === 404;
    return { tdm: [], errors: isMissing ? [] : [toError('tdmrep.json', url, error)] };
  }
}

async function readRsl(
  fetchPage: FetchPage,
  origin: string,
  licenses: readonly string[],
): Promise<{ rsl?: RslTerms; errors: SiteSignalError[] }> {
  const url = licenses
    .map((license) => (URL.canParse(license, origin) ? new URL(license, origin).href : undefined))
    .find(Boolean);
  if (!url) return { errors: [] };
  try {
    return { rsl: await readRslLicense(fetchPage, url, origin), errors: [] };
  } catch (error) {
    return { errors: [toError('rsl', url, error)] };
  }
}

/**
 * Read a site's robots.txt, tdmrep.json and RSL licence (≤ 3 requests). Never rejects.
 *
 * @example
 * const site = await readSiteSignals(deps.fetchPage, 'https://en.qazmonitor.com');
 * if (!isFetchAllowed(site, articleUrl)) skip(articleUrl);
 * const signals = mergeSignals(signalsForPath(site, new URL(articleUrl).pathname), article.signals);
 */
export async function readSiteSignals(
  fetchPage: FetchPage,
  siteOrigin: string,
  options: ReadSiteSignalsOptions = {},
): Promise<SiteSignals> {
  if (!URL.canParse(siteOrigin)) {
    const error = toError(
      'robots.txt',
      siteOrigin,
      new TypeError(`Not a URL: ${JSON.stringify(siteOrigin)}`),
      ' — nothing can be fetched',
    );
    return { origin: siteOrigin, robotsUnreachable: true, tdm: [], errors: [error] };
  }
  const origin = new URL(siteOrigin).origin;
  const token = options.userAgentToken ?? LEDE_PRODUCT_TOKEN;
  const [robots, tdmrep] = await Promise.all([readRobots(fetchPage, origin, token), readTdmrep(fetchPage, origin)]);
  const rsl = await readRsl(fetchPage, origin, robots.robots?.licenses ?? []);
  return {
    origin,
    ...(robots.robots ? { robots: robots.robots } : {}),
    robotsUnreachable: robots.unreachable,
    tdm: tdmrep.tdm,
    ...(rsl.rsl ? { rsl: rsl.rsl } : {}),
    errors: [...robots.errors, ...tdmrep.errors, ...rsl.errors],
  };
}

/**
 * Whether robots.txt lets Lede fetch this URL at all (a Disallow stops the fetch, RFC 9309 §2.2.2);
 * URLs on other origins are not this robots.txt's business and are allowed.
 *
 * @example
 * isFetchAllowed(site, 'https://example.com/signals/private/a.html'); // false
 */
export function isFetchAllowed(site: SiteSignals, url: string): boolean {
  if (URL.canParse(url) && new URL(url).origin !== site.origin) return true;
  if (site.robotsUnreachable) return false;
  return site.robots ? isPathAllowed(site.robots, url) : true;
}

type Signals = { -readonly [K in keyof PublisherSignals]?: PublisherSignals[K] };

function applyRobots(site: SiteSignals, path: string, signals: Signals, seen: string[]): void {
  const robots = site.robots;
  if (site.robotsUnreachable) {
    signals.robotsDisallowed = true;
    seen.push('robots.txt: unreachable, whole site disallowed (RFC 9309 §2.3.1.3)');
  }
  if (!robots) return;
  if (!isPathAllowed(robots, path)) {
    signals.robotsDisallowed = true;
    seen.push(`robots.txt: Disallow ${findDecidingRule(robots, path)?.pattern ?? '/'} for ${robots.group ?? '*'}`);
  }
  const usage = findUsageRules(robots, path);
  for (const rule of usage) {
    const verdict = readUsagePreference(rule.preference, rule.field);
    if (verdict.forbidden) signals.usageForbidden = true;
    seen.push(
      `robots.txt: ${rule.field} ${rule.pattern} ${rule.preference}${verdict.forbidden ? ' (forbids excerpts)' : ''}`,
    );
  }
  if (usage.length > 0) signals.contentUsage = usage.map((rule) => rule.preference).join(' | ');
}

function applyRsl(site: SiteSignals, path: string, signals: Signals, seen: string[]): void {
  const license = site.robots?.licenses[0];
  if (!license) return;
  signals.rslLicense = URL.canParse(license, site.origin) ? new URL(license, site.origin).href : license;
  seen.push(`robots.txt: License ${signals.rslLicense}`);
  const failure = site.errors.find((error) => error.source === 'rsl');
  if (failure) seen.push(`RSL ${failure.url}: not read (${failure.code})`);
  const terms = site.rsl ? findRslTerms(site.rsl, path) : undefined;
  if (!terms) return;
  if (terms.forbidden) signals.usageForbidden = true;
  seen.push(`RSL ${site.rsl?.url} ${terms.pattern}: ${terms.reason}`);
}

function applyTdm(site: SiteSignals, path: string, signals: Signals, seen: string[]): void {
  const rule = findTdmRule(site.tdm, path);
  if (!rule) return;
  signals.tdmReserved = rule.reserved;
  if (rule.policy) signals.tdmPolicy = rule.policy;
  seen.push(
    `tdmrep.json: ${rule.location} tdm-reservation ${rule.reserved ? 1 : 0}${rule.policy ? ` (policy ${rule.policy})` : ''}`,
  );
}

/**
 * The site-level signals that apply to one path (or URL) of the site; `{}` when none do.
 *
 * @example
 * signalsForPath(site, '/signals/private/a.html');
 * // { robotsDisallowed: true, seen: ['robots.txt: Disallow /signals/private/ for Lede'] }
 */
export function signalsForPath(site: SiteSignals, path: string): Partial<PublisherSignals> {
  const signals: Signals = {};
  const seen: string[] = [];
  applyRobots(site, path, signals, seen);
  applyRsl(site, path, signals, seen);
  applyTdm(site, path, signals, seen);
  return seen.length > 0 ? { ...signals, seen } : {};
}

/** An RSL licence a page links to itself, as read: its terms, or why it could not be. */
export interface PageRsl {
  readonly url: string;
  readonly terms?: RslTerms;
  readonly error?: SiteSignalError;
}

/**
 * Read an RSL licence a page links to itself (`<link rel="license" type="application/rsl+xml">` or a
 * `Link` header) when robots.txt did not already name it. Never rejects: a failure is kept in `error`.
 *
 * @example const rsl = await readPageRsl(fetchPage, 'https://ex.com/rsl.xml', 'https://ex.com');
 */
export async function readPageRsl(fetchPage: FetchPage, licenseUrl: string, origin: string): Promise<PageRsl> {
  try {
    return { url: licenseUrl, terms: await readRslLicense(fetchPage, licenseUrl, origin) };
  } catch (error) {
    return { url: licenseUrl, error: toError('rsl', licenseUrl, error) };
  }
}

/**
 * What a page's own RSL licence says for its path: forbidden or not, and where it was seen. A licence
 * that could not be read is recorded and forbids nothing, as for the site's own licence.
 *
 * @example pageRslSignals(rsl, '/a/1') // { usageForbidden: true, seen: ['RSL https://ex.com/rsl.xml /a: prohibits all'] }
 */
export function pageRslSignals(rsl: PageRsl, path: string): Partial<PublisherSignals> {
  if (!rsl.terms) return { seen: [`RSL ${rsl.url}: not read (${rsl.error?.code ?? 'unknown'})`] };
  const content = findRslTerms(rsl.terms, path);
  if (!content) return { seen: [`RSL ${rsl.url}: no terms for ${path}`] };
  return { usageForbidden: content.forbidden, seen: [`RSL ${rsl.url} ${content.pattern}: ${content.reason}`] };
}
