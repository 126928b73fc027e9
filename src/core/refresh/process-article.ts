/**
 * @module core/refresh/process-article
 * One pending article through robots check → fetch → extract → license. The full body lives only inside
 * this function: what comes out is a `FeedItem` carrying the licensed excerpt, plus hashes, counts, the
 * policy that applied and the publisher's signals (the audit trail).
 *
 * Signals come from two places, merged by `mergeSignals` (stricter wins): the site's robots.txt,
 * tdmrep.json and RSL licence (`readSiteSignals`, kept 24 hours in the store, read through `SiteSignalsReader`),
 * and the page itself and its headers (`readArticle` returns them). When robots.txt disallows Lede,
 * the page is not requested at all and the item is the source entry's title and backlink.
 */
import { toLedeError, LedeError } from '../errors.ts';
import type { CoreDeps } from '../ports.ts';
import { checkArticleType } from '../pull/check-article-type.ts';
import { isSameSiteUrl } from '../same-site.ts';
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

/** Article links are followed only on the source's own site, or the feed's `site` (core/same-site). */
function isOnSourceSite(url: string, feed: FeedDefinition): boolean {
  return [feed.source.url, feed.site].some((site) => isSameSiteUrl(url, site));
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
): Promise<ArticleRecord> {
  const base = { ...record, state: 'ready' as const, attempts: 0, fetchedAt: now, error: undefined };
  if (!record.audit) return base;
  const signals = mergeSignals(record.audit.signals, signalsForPath(site, new URL(record.sourceUrl).pathname));
  const withSignals = { ...base, audit: { ...record.audit, signals } };
  return (await recutRecord(withSignals, resolvePolicy(feed.license, signals), feed)) ?? withSignals;
}

/** Fetch and license a page robots.txt lets Lede read. */
async function fetchAndLicense(
  deps: CoreDeps,
  feed: FeedDefinition,
  record: ArticleRecord,
  readSite: SiteSignalsReader,
  site: SiteSignals,
  now: string,
) {
  const allowedHost = new URL(record.sourceUrl).hostname;
  const validators = record.item ? { etag: record.etag, lastModified: record.lastModified } : {};
  const page = await deps.fetchPage({ url: record.sourceUrl, allowedHost, ...validators });
  if (page.status === 'not-modified') return unchangedPage(feed, record, site, now);
  checkArticleType(page.url, page.contentType, page.body);
  const article = readArticle(page.body, page.url, {
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
  const licensed = await licenseArticle(feed, article, record, signals);
  return ready(record, licensed, now, { etag: page.etag, lastModified: page.lastModified });
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
  const now = deps.clock().toISOString();
  try {
    if (!isOnSourceSite(record.sourceUrl, feed)) {
      throw new LedeError('off-host-link', `article ${record.sourceUrl} is not on the source's host`);
    }
    const site = await readSite(record.sourceUrl);
    if (site.robotsUnreachable) throw robotsUnreachable(site);
    if (!isFetchAllowed(site, record.sourceUrl)) {
      const signals = mergeSignals(signalsForPath(site, new URL(record.sourceUrl).pathname), {
        robotsDisallowed: true,
      });
      return ready(record, await licenseEntryOnly(feed, record, signals), now, {
        etag: undefined,
        lastModified: undefined,
      });
    }
    return await fetchAndLicense(deps, feed, record, readSite, site, now);
  } catch (error) {
    return failed(record, error);
  }
}
