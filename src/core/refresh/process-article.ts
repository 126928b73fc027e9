/**
 * @module core/refresh/process-article
 * One pending article through robots check → fetch → extract → license, in two halves a refresh runs
 * apart (`fetchArticle`, the network; `licenseFetchedArticle`, the CPU) so one page is extracted while
 * the next is fetched; `processArticle` runs both. The full body lives only in this module, between the
 * halves: what comes out is a `FeedItem` carrying the licensed excerpt, plus hashes, counts, the policy
 * that applied and the publisher's signals (the audit trail).
 *
 * Signals come from two places, merged by `mergeSignals` (stricter wins): the site's robots.txt,
 * tdmrep.json and RSL licence (`readSiteSignals`, kept 24 hours in the store, read through `SiteSignalsReader`),
 * and the page itself and its headers (`readArticle` returns them). When robots.txt disallows Lede,
 * the page is not requested at all and the item is the source entry's title and backlink.
 */
import { toLedeError, LedeError } from '../errors.ts';
import type { Sha256Hex } from '../hash.ts';
import type { CoreDeps, FetchPageResult } from '../ports.ts';
import { checkArticleType } from '../pull/check-article-type.ts';
import { createSameSiteCheck } from '../same-site.ts';
import { resolvePolicy } from '../license/resolve-policy.ts';
import { mergeSignals } from '../signals/merge-signals.ts';
import { isFetchAllowed, pageRslSignals, signalsForPath, type PageRsl } from '../signals/site-signals.ts';
import type { SiteSignals } from '../signal-records.ts';
import type { FeedDefinition } from '../types.ts';
import type { ArticleRecord } from '../store.ts';
import { licenseArticle, licenseEntryOnly, type Licensed } from './license-article.ts';
import { MAX_ATTEMPTS, SITE_SIGNALS_TTL_MS } from './limits.ts';
import { readArticle } from './read-article.ts';
import { fetchPageRsl, readSiteSignals } from './read-site-signals.ts';
import { recutRecord } from './reconcile-policy.ts';

/** The site-level signals for a URL's origin; and the RSL licences pages link to, read once per run. */
export interface SiteSignalsReader {
  (url: string): Promise<SiteSignals>;
  pageRsl(licenseUrl: string, pageUrl: string): Promise<PageRsl>;
}

/** The stored signals while fresh; else read them anew and store them, unless robots.txt was unreachable. */
async function readCachedSiteSignals(
  deps: Pick<CoreDeps, 'fetchPage' | 'store' | 'clock'>,
  origin: string,
): Promise<SiteSignals> {
  const now = deps.clock();
  const cached = await deps.store.getSiteSignals(origin);
  if (cached && now.getTime() - Date.parse(cached.fetchedAt) < SITE_SIGNALS_TTL_MS) return cached.signals;
  const signals = await readSiteSignals(deps.fetchPage, origin);
  // An unreachable robots.txt is usually brief: it is asked again next run rather than remembered.
  if (!signals.robotsUnreachable) await deps.store.putSiteSignals({ origin, signals, fetchedAt: now.toISOString() });
  return signals;
}

/**
 * A reader of each origin's robots.txt / tdmrep.json / RSL: from the store while under 24 hours old,
 * else fetched; and within one run, read at most once per origin.
 *
 * @example const readSite = createSiteSignalsReader(deps)
 */
export function createSiteSignalsReader(deps: Pick<CoreDeps, 'fetchPage' | 'store' | 'clock'>): SiteSignalsReader {
  const byOrigin = new Map<string, Promise<SiteSignals>>();
  const byLicense = new Map<string, Promise<PageRsl>>();
  const read = (url: string) => {
    const origin = new URL(url).origin;
    let signals = byOrigin.get(origin);
    if (signals === undefined) byOrigin.set(origin, (signals = readCachedSiteSignals(deps, origin)));
    return signals;
  };
  const pageRsl = (licenseUrl: string, pageUrl: string) => {
    let rsl = byLicense.get(licenseUrl);
    if (rsl === undefined)
      byLicense.set(licenseUrl, (rsl = fetchPageRsl(deps.fetchPage, licenseUrl, new URL(pageUrl).origin)));
    return rsl;
  };
  return Object.assign(read, { pageRsl });
}

/**
 * Per definition, its same-site check (core/same-site `createSameSiteCheck`, which remembers each article host's
 * verdict): the Public Suffix List lookups behind "same site" (four for each article, two of them of the feed's
 * own URLs) were most of what the test cost, and a feed's articles share a host or two. A reloaded definition is
 * a new object, with a new check.
 */
const sameSiteChecks = new WeakMap<FeedDefinition, (url: string) => boolean>();

/** Article links are followed only on the source's own site, or the feed's `site` (core/same-site). */
function isOnSourceSite(url: string, feed: FeedDefinition): boolean {
  let check = sameSiteChecks.get(feed);
  if (check === undefined) sameSiteChecks.set(feed, (check = createSameSiteCheck([feed.source.url, feed.site])));
  return check(url);
}

/**
 * robots.txt could not be read (5xx, timeout, network): RFC 9309 §2.3.1.3 says crawl nothing, so the page
 * is not fetched — and, unlike a Disallow, nothing is published either: the condition is usually brief,
 * and a title-only item made now would never be replaced. The article is retried like a failed fetch.
 */
function robotsUnreachable(site: SiteSignals): LedeError {
  const cause = site.errors.find((error) => error.source === 'robots.txt');
  return new LedeError(
    'network',
    `robots.txt of ${site.origin} is unreachable (${cause?.code ?? 'network'}): not fetching (RFC 9309 §2.3.1.3)`,
    { cause },
  );
}

function failed(record: ArticleRecord, error: unknown): ArticleRecord {
  const { code, message } = toLedeError(error);
  const attempts = record.attempts + 1;
  return { ...record, attempts, state: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', error: { code, message } };
}

function ready(
  record: ArticleRecord,
  licensed: Licensed,
  now: string,
  validators: Pick<ArticleRecord, 'etag' | 'lastModified'>,
): ArticleRecord {
  const { item, audit, bodyHash, excerptHash } = licensed;
  return {
    ...record,
    item,
    audit,
    bodyHash,
    excerptHash,
    state: 'ready',
    attempts: 0,
    fetchedAt: now,
    ...validators,
    error: undefined,
  };
}

/**
 * The page is as it was (304): its excerpt stands, but the site may have said more since — a new
 * tdmrep.json reservation, an RSL licence. Its signals are merged in (merging only ever tightens), and
 * the policy they give is recorded, so publishing and the audit hold the item to it.
 */
async function unchangedPage(
  feed: FeedDefinition,
  record: ArticleRecord,
  site: SiteSignals,
  now: string,
  hash?: Sha256Hex,
): Promise<ArticleRecord> {
  const base = { ...record, state: 'ready' as const, attempts: 0, fetchedAt: now, error: undefined };
  if (!record.audit) return base;
  const signals = mergeSignals(record.audit.signals, signalsForPath(site, new URL(record.sourceUrl).pathname));
  const withSignals = { ...base, audit: { ...record.audit, signals } };
  return (await recutRecord(withSignals, resolvePolicy(feed.license, signals), feed, hash)) ?? withSignals;
}

/**
 * An article part way through: done already (robots.txt forbids its page, or something failed), or its
 * page read and waiting to be extracted and licensed — the one place a full body is held between stages.
 */
export type FetchedArticle =
  | { readonly record: ArticleRecord; readonly done: ArticleRecord }
  | {
      readonly record: ArticleRecord;
      readonly page: FetchPageResult;
      readonly site: SiteSignals;
      /** When its processing began (the record's `fetchedAt`). */
      readonly now: string;
    };

/** Extract and license a page that was read, or take in what the site says of a page that has not changed. */
async function licensePage(
  feed: FeedDefinition,
  fetched: Extract<FetchedArticle, { page: FetchPageResult }>,
  readSite: SiteSignalsReader,
  hash?: Sha256Hex,
): Promise<ArticleRecord> {
  const { record, page, site, now } = fetched;
  if (page.status === 'not-modified') return unchangedPage(feed, record, site, now, hash);
  checkArticleType(page.url, page.contentType, page.body);
  const article = await readArticle(page.body, page.url, {
    selectors: feed.article,
    hints: record.entry,
    timezone: feed.article?.timezone,
    headers: page.headers,
  });
  const path = new URL(page.url).pathname;
  const pageLicense = article.signals?.rslLicense;
  // A licence the page links to itself counts as much as the one robots.txt names (read once per run).
  const pageRsl =
    pageLicense && pageLicense !== site.rsl?.url
      ? pageRslSignals(await readSite.pageRsl(pageLicense, page.url), path)
      : undefined;
  const signals = mergeSignals(signalsForPath(site, path), article.signals, pageRsl);
  const licensed = await licenseArticle(feed, article, record, signals, hash);
  return ready(record, licensed, now, { etag: page.etag, lastModified: page.lastModified });
}

/** robots.txt, then the page: what the network part of processing an article gives (may throw). */
async function fetchAllowedPage(
  deps: CoreDeps,
  feed: FeedDefinition,
  record: ArticleRecord,
  readSite: SiteSignalsReader,
  now: string,
): Promise<FetchedArticle> {
  if (!isOnSourceSite(record.sourceUrl, feed)) {
    throw new LedeError('off-host-link', `article ${record.sourceUrl} is not on the source's host`);
  }
  const site = await readSite(record.sourceUrl);
  if (site.robotsUnreachable) throw robotsUnreachable(site);
  if (!isFetchAllowed(site, record.sourceUrl)) {
    const signals = mergeSignals(signalsForPath(site, new URL(record.sourceUrl).pathname), { robotsDisallowed: true });
    const licensed = await licenseEntryOnly(feed, record, signals, deps.sha256);
    return { record, done: ready(record, licensed, now, { etag: undefined, lastModified: undefined }) };
  }
  const allowedHost = new URL(record.sourceUrl).hostname;
  const validators = record.item ? { etag: record.etag, lastModified: record.lastModified } : {};
  const page = await deps.fetchPage({ url: record.sourceUrl, allowedHost, ...validators });
  return { record, page, site, now };
}

/**
 * The network half of `processArticle`: robots.txt, then the page. Never throws; what it gives goes to
 * `licenseFetchedArticle`. A refresh runs the halves apart, so the next page is fetched while this one is
 * extracted.
 *
 * @example const fetched = await fetchArticle(deps, feed, pendingRecord, readSite)
 */
export async function fetchArticle(
  deps: CoreDeps,
  feed: FeedDefinition,
  record: ArticleRecord,
  readSite: SiteSignalsReader,
): Promise<FetchedArticle> {
  const now = deps.clock().toISOString();
  try {
    return await fetchAllowedPage(deps, feed, record, readSite, now);
  } catch (error) {
    return { record, done: failed(record, error) };
  }
}

/**
 * The CPU half of `processArticle`: extract and license what `fetchArticle` read. Never throws: a failure
 * comes back as the record with its attempt counted and the error classified.
 *
 * @param hash The runtime's hash port (`CoreDeps.sha256`); default Web Crypto.
 * @example const next = await licenseFetchedArticle(feed, await fetchArticle(deps, feed, record, readSite), readSite, deps.sha256)
 */
export async function licenseFetchedArticle(
  feed: FeedDefinition,
  fetched: FetchedArticle,
  readSite: SiteSignalsReader,
  hash?: Sha256Hex,
): Promise<ArticleRecord> {
  if ('done' in fetched) return fetched.done;
  try {
    return await licensePage(feed, fetched, readSite, hash);
  } catch (error) {
    return failed(fetched.record, error);
  }
}

/**
 * Check robots.txt, then fetch, extract and license one article. Never throws: a failure comes back as
 * the record with its attempt counted and the error classified, so one bad page never stops a refresh.
 *
 * @param readSite Site signals by origin; pass one reader per refresh so robots.txt is read once.
 * @example const next = await processArticle(deps, feed, pendingRecord, createSiteSignalsReader(deps))
 */
export async function processArticle(
  deps: CoreDeps,
  feed: FeedDefinition,
  record: ArticleRecord,
  readSite: SiteSignalsReader = createSiteSignalsReader(deps),
): Promise<ArticleRecord> {
  return licenseFetchedArticle(feed, await fetchArticle(deps, feed, record, readSite), readSite, deps.sha256);
}
