/**
 * @module core/signals/site-signals
 * What a site says about re-use for all its pages, read from its own files once the pull stage has
 * fetched them (core/pull/fetch-site-files): `/robots.txt`, `/.well-known/tdmrep.json`, and the RSL
 * licence the robots.txt names (if any). Rules over strings — no I/O here. The result is plain
 * JSON-serialisable data, so a runtime may cache it (RFC 9309 §2.4: for at most 24 hours).
 *
 * Failures are tolerated, each as its spec says:
 *  - robots.txt (RFC 9309 §2.3.1): 2xx → parsed; "unavailable" (4xx, too many redirects) → everything
 *    allowed; "unreachable" (5xx, 429, timeouts, network errors) → the whole site is disallowed
 *    (§2.3.1.3), recorded with the reason;
 *  - tdmrep.json (TDMRep): anything but a readable file means the site does not use the protocol;
 *  - the RSL licence: a failure is recorded in `errors` and `seen`, and forbids nothing.
 */
import { toLedeError } from '../errors.ts';
import type { SiteFile, SiteFileFailure, SiteFiles } from '../pull/fetch-site-files.ts';
import type { RslTerms, SiteSignalError, SiteSignals } from '../signal-records.ts';
import type { PublisherSignals } from '../types.ts';
import { readUsagePreference } from './content-usage.ts';
import { findDecidingRule, findUsageRules, isPathAllowed, LEDE_PRODUCT_TOKEN, parseRobotsTxt } from './robots.ts';
import { findRslTerms, parseRsl } from './rsl.ts';
import { findTdmRule, parseTdmrepJson } from './tdmrep.ts';

export interface ReadSiteSignalsOptions {
  /** The product token robots.txt groups are matched with (default: Lede's). */
  readonly userAgentToken?: string;
}

const UNREACHABLE_NOTE = ' — robots.txt unreachable: the whole site is treated as disallowed (RFC 9309 §2.3.1.3)';

function toError(source: SiteSignalError['source'], url: string, failure: SiteFileFailure, note = ''): SiteSignalError {
  return { source, url, code: failure.code, message: `${failure.message}${note}` };
}

/** The failure's error, unless it is a plain 404: a missing optional file is no error worth recording. */
function toErrorsUnlessMissing(source: SiteSignalError['source'], file: SiteFile): SiteSignalError[] {
  if (file.outcome !== 'unavailable' && file.outcome !== 'unreachable') return [];
  return file.failure.status === 404 ? [] : [toError(source, file.url, file.failure)];
}

function readRobotsFile(file: SiteFile, token: string): Pick<SiteSignals, 'robots' | 'robotsUnreachable' | 'errors'> {
  if (file.outcome === 'read')
    return { robots: parseRobotsTxt(file.body, token).policy, robotsUnreachable: false, errors: [] };
  if (file.outcome !== 'unreachable')
    return { robotsUnreachable: false, errors: toErrorsUnlessMissing('robots.txt', file) };
  return { robotsUnreachable: true, errors: [toError('robots.txt', file.url, file.failure, UNREACHABLE_NOTE)] };
}

/**
 * A site's signals from its robots.txt and tdmrep.json as fetched (the RSL licence, if robots.txt names
 * one, is added by `addSiteRsl`). Never throws.
 *
 * @example
 * const site = readSiteFiles(await fetchSiteFiles(fetchPage, 'https://en.qazmonitor.com'));
 * if (!isFetchAllowed(site, articleUrl)) skip(articleUrl);
 */
export function readSiteFiles(files: SiteFiles, options: ReadSiteSignalsOptions = {}): SiteSignals {
  const robots = readRobotsFile(files.robots, options.userAgentToken ?? LEDE_PRODUCT_TOKEN);
  const tdm = files.tdmrep.outcome === 'read' ? parseTdmrepJson(files.tdmrep.body, files.tdmrep.url) : [];
  return {
    origin: files.origin,
    ...(robots.robots ? { robots: robots.robots } : {}),
    robotsUnreachable: robots.robotsUnreachable,
    tdm,
    errors: [...robots.errors, ...toErrorsUnlessMissing('tdmrep.json', files.tdmrep)],
  };
}

/**
 * The signals of a "site" that is not a URL: nothing can be fetched, so nothing is allowed.
 *
 * @example readUnparsableSite('not a url').robotsUnreachable // true
 */
export function readUnparsableSite(siteOrigin: string): SiteSignals {
  const failure = { code: 'network', message: `Not a URL: ${JSON.stringify(siteOrigin)}` };
  const error = toError('robots.txt', siteOrigin, failure, ' — nothing can be fetched');
  return { origin: siteOrigin, robotsUnreachable: true, tdm: [], errors: [error] };
}

/**
 * The RSL licence robots.txt names (`License:`, the first that is a URL), to be fetched; undefined without one.
 *
 * @example findSiteLicense(site) // 'https://example.com/license.xml'
 */
export function findSiteLicense(site: SiteSignals): string | undefined {
  return (site.robots?.licenses ?? [])
    .map((license) => (URL.canParse(license, site.origin) ? new URL(license, site.origin).href : undefined))
    .find(Boolean);
}

/** An RSL document as fetched, read for `origin`: its terms, or why it could not be. */
function readRslFile(file: SiteFile, origin: string): { terms?: RslTerms; error?: SiteSignalError } {
  if (file.outcome === 'empty') return { terms: { url: file.url, contents: [] } };
  if (file.outcome !== 'read') return { error: toError('rsl', file.url, file.failure) };
  try {
    return { terms: parseRsl(file.body, file.url, origin) };
  } catch (error) {
    const { code, message } = toLedeError(error);
    return { error: toError('rsl', file.url, { code, message }) };
  }
}

/**
 * The site's signals with the RSL licence its robots.txt names, as fetched (`findSiteLicense`).
 *
 * @example const full = addSiteRsl(site, await fetchRslFile(fetchPage, findSiteLicense(site)));
 */
export function addSiteRsl(site: SiteSignals, file: SiteFile): SiteSignals {
  const { terms, error } = readRslFile(file, site.origin);
  // Without terms, whatever `site.rsl` holds stays (`rsl: undefined` would overwrite it).
  return { ...site, ...(terms ? { rsl: terms } : {}), errors: [...site.errors, ...(error ? [error] : [])] };
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
 * `Link` header) when robots.txt did not already name it, as fetched. Never throws: a failure is kept in `error`.
 *
 * @example const rsl = readPageRsl('https://ex.com/rsl.xml', await fetchRslFile(fetchPage, url), 'https://ex.com');
 */
export function readPageRsl(licenseUrl: string, file: SiteFile, origin: string): PageRsl {
  return { url: licenseUrl, ...readRslFile(file, origin) };
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
