/**
 * @module core/pull/discover-entries
 * The pull stage's entry point: which articles does a source list right now? Fetches the source through
 * the `FetchPage` port (the only I/O), parses it by shape (feed, sitemap, HTML listing), and applies the
 * common rules of `select-entries.ts`.
 *
 * Conditional GET (RFC 9110 §13.1): the caller's validators go with the first request only — the feed,
 * the sitemap (index) or the first listing page — and a 304 there ends discovery with `not-modified`.
 * The validators returned are that first response's.
 */
import { LedeError } from '../errors.ts';
import type { SourceEntry, SourceSpec } from '../types.ts';
import type { FetchPage } from '../ports.ts';
import { ACCEPT } from './http-policy.ts';
import { parseFeed } from './parse-feed.ts';
import { parseListing } from './parse-listing.ts';
import { parseSitemap } from './parse-sitemap.ts';
import { selectEntries } from './select-entries.ts';
import { isOnSourceSite } from './source-urls.ts';

export interface DiscoverOptions {
  readonly maxItems: number;
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
}

export type DiscoverResult =
  | {
      readonly status: 'ok';
      readonly entries: SourceEntry[];
      readonly etag?: string | undefined;
      readonly lastModified?: string | undefined;
      /** The source's own freshness (Cache-Control max-age of its first page), in seconds. */
      readonly maxAge?: number | undefined;
      /** Where the source URL now lives, when it answered through permanent redirects (301/308) only. */
      readonly movedTo?: string | undefined;
    }
  | { readonly status: 'not-modified'; readonly movedTo?: string | undefined };

/** Child sitemaps followed from an index, newest `lastmod` first: news sites put the fresh ones there. */
export const MAX_CHILD_SITEMAPS = 3;
/** A hard ceiling on listing pages, whatever the definition says. */
export const MAX_LISTING_PAGES = 20;

type FirstPage = { readonly url: string; readonly body: string };

/** The source's host name, which every request of this discovery must stay on. */
function readSourceHost(source: SourceSpec): string {
  try {
    return new URL(source.url).hostname;
  } catch (error) {
    throw new LedeError('invalid-definition', `Source URL ${JSON.stringify(source.url)} is not a URL`, {
      cause: error,
    });
  }
}

/** Sitemap index → its newest same-site children, fetched one after another until there are enough entries. */
async function collectSitemap(fetchPage: FetchPage, source: SourceSpec, first: FirstPage, maxItems: number) {
  const parsed = parseSitemap(first.body, first.url);
  if (parsed.kind === 'urlset') return parsed.entries;
  const children = parsed.sitemaps
    .filter((sitemap) => isOnSourceSite(sitemap.url, source.url))
    .map((sitemap, index) => ({ ...sitemap, index }))
    .sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? '') || a.index - b.index)
    .slice(0, MAX_CHILD_SITEMAPS);
  const entries: SourceEntry[] = [];
  for (const sitemap of children) {
    if (entries.length >= maxItems) break;
    const page = await fetchPage({ url: sitemap.url, accept: ACCEPT.sitemap, allowedHost: readSourceHost(source) });
    if (page.status !== 'ok') continue;
    const child = parseSitemap(page.body, page.url);
    // One level only: an index inside an index is not followed.
    if (child.kind === 'urlset') entries.push(...child.entries);
  }
  return entries;
}

/** Listing pages: follow `next` up to `pages` pages, never to a page already seen or off the site. */
async function collectListing(fetchPage: FetchPage, source: Extract<SourceSpec, { type: 'html' }>, first: FirstPage) {
  const pages = Math.min(Math.max(1, source.pages || 1), MAX_LISTING_PAGES);
  const seen = new Set<string>([source.url, first.url].map((url) => url.replace(/#.*$/, '')));
  const entries: SourceEntry[] = [];
  let page: FirstPage | undefined = first;
  for (let count = 1; page; count++) {
    const parsed = parseListing(page.body, page.url, source.links, source.next);
    entries.push(...parsed.entries);
    const next = parsed.next?.replace(/#.*$/, '');
    if (count >= pages || !next || seen.has(next) || !isOnSourceSite(next, source.url)) break;
    seen.add(next);
    const result = await fetchPage({ url: next, accept: ACCEPT.html, allowedHost: readSourceHost(source) });
    page = result.status === 'ok' ? result : undefined;
    if (page) seen.add(page.url.replace(/#.*$/, ''));
  }
  return entries;
}

/** An HTML document's `<title>`, when the body is one (`<!doctype html>` or `<html` first). */
function readHtmlTitle(body: string): string | undefined {
  if (!/^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html)\b/i.test(body)) return undefined;
  return /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim() ?? '';
}

/**
 * A feed or sitemap source that answered `200 OK` with an HTML page — a CMS's error page, a login wall, a
 * moved feed's new home page — is said to be that, rather than "not well-formed XML at line 1": the operator
 * has something to act on. Only when the XML parse failed: feeds wrongly served as text/html still work.
 */
function explainHtmlAnswer(error: unknown, first: FirstPage, expected: string): unknown {
  const title = error instanceof LedeError && error.code === 'malformed-source' ? readHtmlTitle(first.body) : undefined;
  if (title === undefined) return error;
  const named = title ? ` titled ${JSON.stringify(title.slice(0, 120))}` : '';
  return new LedeError(
    'malformed-source',
    `${first.url} answered an HTML page${named} where ${expected} was expected`,
    {
      cause: error,
    },
  );
}

async function collectEntries(fetchPage: FetchPage, source: SourceSpec, first: FirstPage, maxItems: number) {
  if (source.type === 'html') return collectListing(fetchPage, source, first);
  try {
    return source.type === 'feed'
      ? parseFeed(first.body, first.url)
      : await collectSitemap(fetchPage, source, first, maxItems);
  } catch (error) {
    throw explainHtmlAnswer(error, first, source.type === 'feed' ? 'a feed' : 'a sitemap');
  }
}

/**
 * List the articles a source offers now, newest first, at most `maxItems`.
 * Rejects with the `LedeError` of the fetch (`timeout`, `http-status`, …) or of parsing (`malformed-source`).
 *
 * @example
 * const result = await discoverEntries(fetchPage, feed.source, { maxItems: feed.maxItems, etag: state.sourceEtag });
 * if (result.status === 'ok') for (const entry of result.entries) queue(entry);
 */
export async function discoverEntries(
  fetchPage: FetchPage,
  source: SourceSpec,
  options: DiscoverOptions,
): Promise<DiscoverResult> {
  const accept = source.type === 'html' ? ACCEPT.html : source.type === 'sitemap' ? ACCEPT.sitemap : ACCEPT.feed;
  const first = await fetchPage({
    url: source.url,
    accept,
    allowedHost: readSourceHost(source),
    etag: options.etag,
    lastModified: options.lastModified,
  });
  const movedTo = first.movedPermanently ? first.url : undefined;
  if (first.status === 'not-modified') return { status: 'not-modified', movedTo };
  const raw = await collectEntries(fetchPage, source, first, options.maxItems);
  return {
    status: 'ok',
    entries: selectEntries(raw, source.url, options.maxItems),
    etag: first.etag,
    lastModified: first.lastModified,
    maxAge: first.maxAge,
    movedTo,
  };
}
