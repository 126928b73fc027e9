/**
 * @module core/refresh/read-site-signals
 * A site's own re-use signals, end to end: the pull stage fetches its files (core/pull/fetch-site-files),
 * the signals stage reads them (core/signals/site-signals). At most three requests, redirect hops aside:
 * `/robots.txt` and `/.well-known/tdmrep.json` at once, then the RSL licence robots.txt names, if any.
 */
import type { FetchPage } from '../ports.ts';
import { fetchRslFile, fetchSiteFiles } from '../pull/fetch-site-files.ts';
import type { SiteSignals } from '../signal-records.ts';
import {
  addSiteRsl,
  findSiteLicense,
  readPageRsl,
  readSiteFiles,
  readUnparsableSite,
  type PageRsl,
  type ReadSiteSignalsOptions,
} from '../signals/site-signals.ts';

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
  if (!URL.canParse(siteOrigin)) return readUnparsableSite(siteOrigin);
  const site = readSiteFiles(await fetchSiteFiles(fetchPage, new URL(siteOrigin).origin), options);
  const license = findSiteLicense(site);
  return license === undefined ? site : addSiteRsl(site, await fetchRslFile(fetchPage, license));
}

/**
 * Fetch and read an RSL licence a page links to itself (one request). Never rejects.
 *
 * @example const rsl = await fetchPageRsl(fetchPage, 'https://ex.com/rsl.xml', 'https://ex.com');
 */
export async function fetchPageRsl(fetchPage: FetchPage, licenseUrl: string, origin: string): Promise<PageRsl> {
  return readPageRsl(licenseUrl, await fetchRslFile(fetchPage, licenseUrl), origin);
}
