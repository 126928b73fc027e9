/**
 * @module tests/helpers/feed-variant-before
 * The feed variants as src/core/serve/feed-variant.ts served them before session 19 (at c921e60), verbatim but
 * for the import paths: each feed scanned on its own, a store read per batch and a `getArticle` per duplicate
 * check. The reference that tests/core/serve/variant-page.test.ts compares the one-statement reads with.
 * Delete this file, and that comparison (keeping the query counts), once the one-statement reads have shipped
 * through a release serving the same pages — or when the variant rules themselves change on purpose (the
 * comparison would then fail by design).
 *
 * The module comment as it was:
 * A feed URL with parameters (`?limit`, `?after`, `?category`, `?q`, `?since`; src/core/serve/feed-query.ts),
 * and the combined feed `/feeds/all.*`, rendered per request from the store. The plain URL of a feed keeps
 * being served from its stored rendition, byte for byte (feed-route.ts).
 *
 * The licence holds whatever the parameters say: items come only from the published records of feeds that
 * are enabled, built and not taken down (a taken-down feed's rendition reads as absent, and its records are
 * purged), each past its embargo and held to the policy in force now (`enforceAll`, as publishing does),
 * and rendered by the same renderers, so every item keeps its backlink. Parameters only choose among them.
 *
 * An article several records carry — two feeds reading the same site, or two source URLs of one article in a
 * feed — has one item id (its URL), and a variant shows it once: under its first-discovered record among
 * those the variant could show (earliest `discoveredAt`, then feed id, then source URL), at that record's
 * place in the order; its other records are skipped like a filter's misses, before the page is cut, so a
 * page holds `limit` distinct items whenever that many exist. Which record that is depends on the record
 * alone, not on the page or the cursor, and a refresh only adds records discovered later, so paging stays
 * stateless and stable: a later page never shows an item id an earlier one showed. (An embargo ending, or a
 * re-fetch changing an item's id, can move an article to its earlier record, as it can change any item.)
 * Another feed's record of the article is found by the item id or the record's source URL (`getArticle`).
 *
 * Each variant has its own validators: a strong ETag over its bytes (renderers are pure, so equal inputs
 * give equal bytes) and, as Last-Modified, the newest Last-Modified of the renditions it draws from (or of
 * a shown record's re-fetch). 304 and HEAD work as on the plain URL. A variant costs its licence checks and
 * rendering per request (README, "Paging, filters and the combined feed": measured).
 */
import type { Context } from 'hono';
import { parseDelay } from '../../src/core/config/feed-definition.ts';
import { COMBINED_FEED_ID, feedPath } from '../../src/core/feed-formats.ts';
import { buildFeedMeta, computeEtag, enforceAll, isEmbargoed } from '../../src/core/refresh/publish-feed.ts';
import type { SourcedItem } from '../../src/core/render/feed-parts.ts';
import { renderFeed } from '../../src/core/render/render-feed.ts';
import { publishedKeyOf, type PublishedKey, type Store } from '../../src/core/store.ts';
import type { FeedDefinition, FeedFormat, FeedMeta } from '../../src/core/types.ts';
import { buildCombinedMeta, listCombinedFeeds } from '../../src/core/serve/combined-feed.ts';
import {
  compareItemKeys,
  encodeCursor,
  FEED_QUERY_PARAMETERS,
  matchesFilters,
  parseFeedQuery,
  startAfter,
  type FeedQuery,
  type ItemKey,
} from '../../src/core/serve/feed-query.ts';
import { CORS_HEADERS, feedHeaders, isNotModified, type Validators } from '../../src/core/serve/http-cache.ts';
import { currentFeeds, type ServeEnv, type ServeOptions } from '../../src/core/serve/serve-env.ts';

/** Records read from the store per query, and at most per feed and request (a filter matching nothing stops there). */
const BATCH = 100;
const SCAN_LIMIT = 500;

/**
 * A record a page may show. `shown` is its item held to the licence in force (`enforceAll`) with its source,
 * computed while scanning when the text filter needs it, else only for the entries that make the page
 * (`showEntry`): the stored item itself never reaches a renderer.
 */
interface PageEntry {
  readonly key: ItemKey;
  readonly record: PublishedRecord;
  readonly variant: VariantSource;
  readonly shown?: SourcedItem | undefined;
}

/** What one feed's scan found: matching entries in order, and how far it read when it did not read to the end. */
interface FeedScan {
  readonly entries: PageEntry[];
  readonly readUpTo?: ItemKey | undefined;
}

/** One feed a variant reads, and the meta its items are rendered under in the combined feed. */
interface VariantSource {
  readonly feed: FeedDefinition;
  readonly source?: FeedMeta;
}

/** What a scan of one feed reads with: the store, every feed of the variant (for duplicates), the query, the time. */
interface ScanContext {
  readonly store: Store;
  readonly sources: readonly VariantSource[];
  readonly query: FeedQuery;
  readonly now: Date;
  /**
   * The nearest place a finished scan read up to: the page ends there at the latest, so the other scans,
   * running meanwhile, stop on reaching it (a feed whose records are all another's duplicates, say, would
   * otherwise read SCAN_LIMIT of them). It only moves earlier, so the page is the same whatever the timing.
   */
  readonly horizon: { key?: ItemKey };
}

function readBatch(
  store: Store,
  feedId: string,
  after: PublishedKey | undefined,
  size: number,
): Promise<readonly PublishedRecord[]> {
  return after ? store.listPublishedAfter(feedId, after, size) : store.listPublished(feedId, size);
}

type PublishedRecord = Awaited<ReturnType<Store['listPublished']>>[number];

/** Whether everything from `key` on is older than `since` (the order is newest first; undated sorts last). */
function isBeforeSince(key: PublishedKey, since: number | undefined): boolean {
  return since !== undefined && (key.published === null || Date.parse(key.published) < since);
}

/** A record's item as a page shows it: held to the licence in force now, and naming its source in `all`. */
function enforceItem(record: PublishedRecord, { feed, source }: VariantSource): SourcedItem | undefined {
  const [item] = enforceAll([record], feed);
  return item && source ? { ...item, source } : item;
}

/**
 * The entry of a record when it passes the filters. They are tried on the stored item first, which is
 * cheap; enforcement (re-counting words, the costly step) can only shorten the excerpt, so it changes the
 * outcome of `q` alone, and only then is the enforced item — what is shown — tried as well, here.
 */
function toEntry(record: PublishedRecord, variant: VariantSource, query: FeedQuery): PageEntry | undefined {
  if (record.item === undefined || !matchesFilters(record.item, query)) return undefined;
  const key = { ...publishedKeyOf(record), feedId: variant.feed.id };
  if (query.q === undefined) return { key, record, variant };
  const shown = enforceItem(record, variant);
  return shown && matchesFilters(shown, query) ? { key, record, variant, shown } : undefined;
}

/** The entry of a record the variant may show: past its embargo and passing the filters (`since` aside). */
function admitRecord(record: PublishedRecord, variant: VariantSource, { query, now }: ScanContext) {
  return isEmbargoed(record, parseDelay(variant.feed.license.delay), now) ? undefined : toEntry(record, variant, query);
}

/** Whether `record` of `feedId` was discovered before `entry`'s record (ties: feed id, then source URL). */
function isDiscoveredBefore(record: PublishedRecord, feedId: string, entry: PageEntry): boolean {
  // Code-unit order, as compareItemKeys compares (ISO instants, ids and URLs are ASCII).
  const mine = [record.discoveredAt, feedId, record.sourceUrl].join('\n');
  return mine < [entry.record.discoveredAt, entry.key.feedId, entry.record.sourceUrl].join('\n');
}

/**
 * Whether `entry` is its article's record in this variant: no other record with its item id, which the
 * variant could show, was discovered before it (see the module comment).
 */
async function isFirstRecord(entry: PageEntry, context: ScanContext): Promise<boolean> {
  const id = entry.record.item?.id;
  const urls = [...new Set([id ?? entry.record.sourceUrl, entry.record.sourceUrl])];
  const lookups = context.sources.flatMap((variant) =>
    urls
      .filter((url) => variant.feed.id !== entry.key.feedId || url !== entry.record.sourceUrl)
      .map(async (url) => {
        const other = await context.store.getArticle(variant.feed.id, url);
        if (other === undefined || other.item?.id !== id || !isDiscoveredBefore(other, variant.feed.id, entry))
          return false;
        if (isBeforeSince(publishedKeyOf(other), context.query.since)) return false;
        return admitRecord(other, variant, context) !== undefined;
      }),
  );
  return !(await Promise.all(lookups)).includes(true);
}

/** The item an entry of the page shows (see `PageEntry`). */
function showEntry(entry: PageEntry): SourcedItem[] {
  const shown = entry.shown ?? enforceItem(entry.record, entry.variant);
  return shown ? [shown] : [];
}

/** One feed's matching entries after the cursor, until `want` of them, its end, or SCAN_LIMIT records. */
async function scanFeed(variant: VariantSource, context: ScanContext, want: number): Promise<FeedScan> {
  const { feed } = variant;
  const { store, query } = context;
  const entries: PageEntry[] = [];
  let after = query.after && startAfter(query.after, feed.id);
  // Unfiltered, a small page needs few rows (more are read only past embargoed ones); a filter may skip many.
  const size = query.q === undefined && query.category === undefined ? Math.min(BATCH, want) : BATCH;
  for (let scanned = 0; scanned < SCAN_LIMIT;) {
    const batch = await readBatch(store, feed.id, after, size);
    for (const record of batch) {
      if (isBeforeSince(publishedKeyOf(record), query.since)) return { entries };
      const bound = context.horizon.key;
      if (bound && compareItemKeys({ ...publishedKeyOf(record), feedId: feed.id }, bound) > 0)
        return { entries, readUpTo: bound };
      const entry = admitRecord(record, variant, context);
      if (entry && (await isFirstRecord(entry, context))) entries.push(entry);
      if (entries.length >= want) return { entries, readUpTo: entry?.key };
    }
    const last = batch.at(-1);
    if (batch.length < size || last === undefined) return { entries };
    after = publishedKeyOf(last);
    scanned += batch.length;
  }
  // Stopped at SCAN_LIMIT: read up to the last record of the last batch.
  return { entries, readUpTo: after && { ...after, feedId: feed.id } };
}

/** `scanFeed`, bringing the shared horizon forward to where it read up to. */
async function scanFeedUpTo(variant: VariantSource, context: ScanContext, want: number): Promise<FeedScan> {
  const scan = await scanFeed(variant, context, want);
  const { horizon } = context;
  if (scan.readUpTo && (!horizon.key || compareItemKeys(scan.readUpTo, horizon.key) < 0)) horizon.key = scan.readUpTo;
  return scan;
}

/**
 * The page: entries up to where every feed was read (so none is missing before it), the first `limit`, and
 * the key to continue after — the page's last, or where reading stopped when the page is short.
 */
function assemblePage(scans: readonly FeedScan[], limit: number): { entries: PageEntry[]; next?: ItemKey } {
  const horizon = scans
    .flatMap((scan) => (scan.readUpTo ? [scan.readUpTo] : []))
    .sort(compareItemKeys)
    .at(0);
  const complete = scans
    .flatMap((scan) => scan.entries)
    .filter((entry) => horizon === undefined || compareItemKeys(entry.key, horizon) <= 0)
    .sort((a, b) => compareItemKeys(a.key, b.key));
  const entries = complete.slice(0, limit);
  const last = entries.at(-1);
  if (complete.length > limit && last) return { entries, next: last.key };
  return horizon ? { entries, next: horizon } : { entries };
}

/** The URL of the page after `next`: the same parameters in canonical order, with the new cursor. */
function buildNextUrl(base: string, params: URLSearchParams, next: ItemKey): string {
  const canonical = new URLSearchParams();
  for (const name of FEED_QUERY_PARAMETERS) {
    const value = name === 'after' ? encodeCursor(next) : params.get(name);
    if (value !== null) canonical.set(name, value);
  }
  return `${base}?${canonical.toString()}`;
}

function answerBadParameter(c: Context, parameter: string, reason: string): Response {
  const headers = { 'Cache-Control': 'no-store', ...CORS_HEADERS };
  return c.json({ error: `bad parameter "${parameter}": ${parameter} ${reason}`, parameter }, 400, headers);
}

/** Render the variant and answer it, 304 when the client holds these bytes. */
async function answerVariant(
  c: Context<ServeEnv>,
  format: FeedFormat,
  rendered: { body: string; lastModified: string },
): Promise<Response> {
  const validators: Validators = { etag: await computeEtag(rendered.body), lastModified: rendered.lastModified };
  const conditional = {
    ifNoneMatch: c.req.header('If-None-Match'),
    ifModifiedSince: c.req.header('If-Modified-Since'),
  };
  if (isNotModified(conditional, validators)) return c.body(null, 304, feedHeaders(validators));
  return c.body(rendered.body, 200, feedHeaders(validators, format));
}

/** The sources a variant reads that are built and not taken down, with the newest Last-Modified among them. */
async function openSources(store: Store, feeds: readonly FeedDefinition[], format: FeedFormat, publicUrl?: string) {
  // One query for all of them: the combined feed reads every feed (Store.listRenditionValidators).
  const validators = await store.listRenditionValidators(
    feeds.map((feed) => feed.id),
    format,
  );
  const builtIds = new Set(validators.map((v) => v.feedId));
  const built = feeds.filter((feed) => builtIds.has(feed.id));
  const lastModified = validators.reduce((newest, v) => (v.lastModified > newest ? v.lastModified : newest), '');
  const sources = built.map((feed) =>
    publicUrl === undefined ? { feed } : { feed, source: buildFeedMeta(feed, [], publicUrl) },
  );
  return { sources, lastModified };
}

/**
 * A variant's Last-Modified: the newest of its renditions', or of a shown record's re-fetch — a record past
 * the plain feed's newest `maxItems` may change without the renditions changing.
 */
function findLastModified(entries: readonly PageEntry[], renditions: string): string {
  return entries.reduce((newest, { record }) => {
    const fetched = record.fetchedAt ?? '';
    return fetched > newest ? fetched : newest;
  }, renditions);
}

/**
 * Answer `/feeds/{id}.{format}?…` for a built feed, or `/feeds/all.{format}[?…]` (`feed` undefined).
 * Returns `undefined` when the combined feed has nothing built to read yet (the caller answers 503).
 * @example return (await serveFeedVariant(c, options, { format: 'rss', feed })) ?? answerNotBuilt(c)
 */
export async function serveFeedVariant(
  c: Context<ServeEnv>,
  options: ServeOptions,
  target: { readonly format: FeedFormat; readonly feed?: FeedDefinition | undefined },
): Promise<Response | undefined> {
  const url = new URL(c.req.url);
  const publicUrl = options.publicUrl ?? url.origin;
  const feeds = target.feed ? [target.feed] : listCombinedFeeds(currentFeeds(options).feeds);
  const opened = await openSources(c.get('store'), feeds, target.format, target.feed ? undefined : publicUrl);
  if (opened.sources.length === 0) return undefined;
  const maxItems = Math.max(...opened.sources.map(({ feed }) => feed.maxItems));
  const parsed = parseFeedQuery(url.searchParams, maxItems);
  if (!parsed.ok) return answerBadParameter(c, parsed.parameter, parsed.reason);
  const limit = parsed.query.limit ?? maxItems;
  const store = c.get('store');
  const context = { store, sources: opened.sources, query: parsed.query, now: options.clock(), horizon: {} };
  const scans = await Promise.all(opened.sources.map((source) => scanFeedUpTo(source, context, limit + 1)));
  const page = assemblePage(scans, limit);
  const items = page.entries.flatMap(showEntry);
  // A variant states the build it is cut from (its renditions' newest), as the plain feed states its own.
  const builtAt = opened.lastModified === '' ? undefined : opened.lastModified;
  const meta = target.feed
    ? buildFeedMeta(target.feed, items, publicUrl, { builtAt })
    : buildCombinedMeta(
        opened.sources.map(({ feed }) => feed),
        items,
        publicUrl,
        builtAt,
      );
  const base = `${publicUrl}${feedPath(target.feed?.id ?? COMBINED_FEED_ID, target.format)}`;
  const next = page.next && buildNextUrl(base, url.searchParams, page.next);
  const body = renderFeed(target.format, meta, items, { next });
  const lastModified = findLastModified(page.entries, opened.lastModified);
  return answerVariant(c, target.format, { body, lastModified });
}
