/**
 * @module core/store
 * The one storage interface. Each backend (node:sqlite on Node, D1 on Workers) implements it in one
 * file and passes the shared conformance suite (`tests/contract/store-conformance.ts`). Both share migrations/.
 *
 * What is stored about an article is what the licence allows to be published (the excerpt) plus counts,
 * hashes, the policy that applied and the publisher's signals (the audit trail) — never the full body.
 */
import type { SiteSignals } from './signal-records.ts';
import type { EffectivePolicy, FeedFormat, FeedItem, PublisherSignals, SourceEntry } from './types.ts';

/** Where an article is in its life: waiting to be fetched, published, or given up on. */
export type ArticleState = 'pending' | 'ready' | 'failed';

/**
 * What the licence stage recorded when it cut an item: enough to re-verify the item later without the
 * body (with `bodyHash`, `excerptHash` and `fetchedAt` of the record).
 */
export interface ItemAudit {
  /** Words of the whole article body, and of the excerpt, as the licence counts them. */
  readonly articleWords: number;
  readonly excerptWords: number;
  /** excerptWords / articleWords (0 for an empty article). */
  readonly share: number;
  /** The terms that applied: the licence combined with the signals below. */
  readonly policy: EffectivePolicy;
  /** What the publisher said about this article when it was fetched (or not fetched: robots.txt). */
  readonly signals: PublisherSignals;
}

/**
 * One article of a feed. An optional field written as `undefined` is cleared (`{ ...record, error: undefined }`):
 * the store keeps SQL NULL and reads it back as an absent key.
 */
export interface ArticleRecord {
  readonly feedId: string;
  /** The article URL as the source lists it: the record's key within a feed. */
  readonly sourceUrl: string;
  /** Hash of the source entry: when it changes, the article is fetched again. */
  readonly entryHash: string;
  /** The entry as the source gave it (metadata that fills what the page lacks). */
  readonly entry: SourceEntry;
  readonly state: ArticleState;
  /** Failed fetch/extract attempts since the entry last changed. */
  readonly attempts: number;
  /** ISO instant the source first listed it; ties in ordering are broken by this. */
  readonly discoveredAt: string;
  readonly fetchedAt?: string | undefined;
  /** Validators of the article page, for conditional re-fetches. */
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
  /** SHA-256 (hex) of the extracted body text, and of the excerpt: the body itself is not kept. */
  readonly bodyHash?: string | undefined;
  readonly excerptHash?: string | undefined;
  /** The publishable item: set once the article was licensed, kept while a re-fetch is pending or failing. */
  readonly item?: FeedItem;
  /** The audit trail of `item`: counts, share, effective policy and signals. */
  readonly audit?: ItemAudit;
  readonly error?: { readonly code: string; readonly message: string } | undefined;
}

/** The outcome of one refresh, kept so operators can see what failed. */
export interface RefreshReport {
  readonly feedId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The source was read (article-level failures are listed in `errors` without clearing this). */
  readonly ok: boolean;
  /** Entries the source listed (after maxItems). */
  readonly discovered: number;
  /** Article pages fetched and published this run. */
  readonly fetched: number;
  /** Entries already stored and unchanged. */
  readonly unchanged: number;
  /** Entries still waiting (budget exhausted, or retrying). */
  readonly pending: number;
  readonly failed: number;
  /** Whether the rendered feed's bytes changed. */
  readonly changed: boolean;
  /** Stored excerpts re-cut to stricter terms (no refetch), and items queued for re-fetch under looser ones; absent when 0. */
  readonly recut?: number;
  readonly requeued?: number;
  /** `status`: the HTTP status of an `http-status` error (410 from the source marks it gone on /healthz). */
  readonly errors: readonly {
    readonly url: string;
    readonly code: string;
    readonly message: string;
    readonly status?: number;
  }[];
  /** Set when the source was not fetched this run: it asked not to be before this instant (max-age, Retry-After). */
  readonly sourceDeferredUntil?: string;
  /** Set when the source answered 304 Not Modified to the conditional GET: `discovered` is 0 because nothing changed. */
  readonly notModified?: true;
  /** Set when the source URL redirected permanently (301/308) to this one: the definition should say it. */
  readonly sourceMovedTo?: string;
}

/** What a feed's last refresh left for the next; as in `ArticleRecord`, an `undefined` field is stored as NULL. */
export interface FeedState {
  readonly feedId: string;
  /** Validators of the source (RSS/sitemap/listing), for conditional re-fetches. */
  readonly sourceEtag?: string | undefined;
  readonly sourceLastModified?: string | undefined;
  readonly lastRefreshAt?: string | undefined;
  readonly lastSuccessAt?: string | undefined;
  readonly lastReport?: RefreshReport;
  /** Refreshes in a row that failed to read the source (0 or absent once one succeeds), shown on /healthz. */
  readonly consecutiveFailures?: number | undefined;
  /**
   * ISO instant before which the source is not fetched again, by any refresh: its Cache-Control max-age
   * said it stays fresh that long, or it answered 429/503 with Retry-After.
   */
  readonly sourceNotBefore?: string | undefined;
  /**
   * ISO instant before which a scheduled refresh does not fetch the source again: Lede's own backoff after
   * failures in a row (src/core/refresh/backoff.ts). A refresh asked for by hand does not wait for it.
   */
  readonly retryNotBefore?: string | undefined;
  /**
   * Feed URLs whose change the WebSub hub has not yet been told of (its ping failed): the next refresh
   * pings them again. Absent when the hub knows everything.
   */
  readonly hubPending?: readonly string[] | undefined;
}

/** A rendered feed representation, written by refresh and served as-is. */
export interface Rendition {
  readonly feedId: string;
  readonly format: FeedFormat;
  readonly body: string;
  /** Strong ETag (quoted) over the body bytes. */
  readonly etag: string;
  /** ISO instant the bytes last changed. */
  readonly lastModified: string;
  /**
   * Hash of everything the bytes were rendered from (renderer version, definition, public URL, published
   * records). Renderers are deterministic, so an equal key means equal bytes and publishing may skip rendering.
   */
  readonly inputKey?: string;
}

/** A site's re-use signals as `readSiteSignals` read them, and when (kept 24 h, RFC 9309 §2.4). */
export interface CachedSiteSignals {
  readonly origin: string;
  readonly signals: SiteSignals;
  /** ISO instant they were read. */
  readonly fetchedAt: string;
}

/** A per-source kill switch, stored so it outlives restarts (`POST /admin/takedown/{id}`). */
export interface Takedown {
  readonly feedId: string;
  /** ISO instant it was taken down. */
  readonly at: string;
  readonly reason?: string | undefined;
}

/**
 * What retention (src/core/refresh/retention.ts) asks the store to remove from one feed: records no window of
 * the feed can serve any more. Each removed record leaves its audit trail and a "seen" mark behind.
 */
export interface PruneRequest {
  /** The newest `keep` published records (the listPublished order) always stay, however old. */
  readonly keep: number;
  /** ISO instant: only records discovered before it, and dated before it (or undated), may go. */
  readonly before: string;
  /** Most records removed by one call, which bounds its rows written (D1 bills them). */
  readonly limit: number;
  /** ISO instant recorded as when they were pruned. */
  readonly now: string;
}

/**
 * Where a published record sits in the order `listPublished` reads (newest first): its `published` sort key
 * (`toPublishedSortKey`; `null` sorts last), then `discoveredAt` newest first, then `sourceUrl` ascending.
 * A keyset cursor (`listPublishedAfter`) names the last record a reader saw by this key.
 */
export interface PublishedKey {
  readonly published: string | null;
  readonly discoveredAt: string;
  readonly sourceUrl: string;
}

/**
 * The `published` sort key of a record: the item's date (else the entry's) normalised to UTC ISO 8601, so text
 * order is time order whatever offset a source wrote; `null` for an absent or unparseable date.
 * @example toPublishedSortKey('2025-01-01T10:00:00+05:00') // '2025-01-01T05:00:00.000Z'
 */
export function toPublishedSortKey(published: string | undefined): string | null {
  if (published === undefined) return null;
  const time = Date.parse(published);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * A record's place in the published order.
 * @example publishedKeyOf(record) // { published: '2025-…Z', discoveredAt: '…', sourceUrl: 'https://…' }
 */
export function publishedKeyOf(record: ArticleRecord): PublishedKey {
  return {
    published: toPublishedSortKey(record.item?.published ?? record.entry.published),
    discoveredAt: record.discoveredAt,
    sourceUrl: record.sourceUrl,
  };
}

/** Where `listPublishedAcross` starts one feed: after `after` (as `listPublishedAfter`), or at its newest. */
export interface PublishedRead {
  readonly feedId: string;
  readonly after?: PublishedKey | undefined;
}

export interface Store {
  getFeedState(feedId: string): Promise<FeedState | undefined>;
  /**
   * The states of `feedIds` that have one (a feed never refreshed has none), in no particular order: a tick's due
   * check reads them all at once, in one query per thousand feeds rather than one per feed (D1 caps the queries
   * of an invocation: 50 on Free).
   */
  listFeedStates(feedIds: readonly string[]): Promise<FeedState[]>;
  putFeedState(state: FeedState): Promise<void>;

  getArticle(feedId: string, sourceUrl: string): Promise<ArticleRecord | undefined>;
  /**
   * The feed's records under `sourceUrls`, in no particular order: `getArticle` of each URL, for those stored, in one
   * statement per 500 URLs. A refresh looks up every entry its source lists this way, where a read per entry made a
   * listing of more than about 35 entries pass D1's 50 queries an invocation on the Free plan.
   */
  getArticles(feedId: string, sourceUrls: readonly string[]): Promise<ArticleRecord[]>;
  /** Store the record whole; ignored while the feed is taken down, or once retention pruned its URL (`pruneArticles`). */
  putArticle(record: ArticleRecord): Promise<void>;
  /**
   * `putArticle` for each record, in order, a few dozen to a transaction (one round trip on D1): a refresh
   * records the new entries of a listing, and stores its finished articles (core/refresh/article-writer), this
   * way rather than one write each.
   */
  putArticles(records: readonly ArticleRecord[]): Promise<void>;
  /** Pending articles, oldest discovered first. */
  listPending(feedId: string, limit: number): Promise<ArticleRecord[]>;
  /** How many articles are pending, without reading them (a refresh reports it every run). */
  countPending(feedId: string): Promise<number>;
  /** How many records have a published item (what `listPublished` would list without a limit), for /healthz. */
  countPublished(feedId: string): Promise<number>;
  /**
   * The records with a published item, newest first (by item `published`, then `discoveredAt`), with their
   * audit trail and signals: every record that has an item, whatever its state — an article waiting to be
   * re-fetched, or whose re-fetch failed, keeps its last good item.
   */
  listPublished(feedId: string, limit: number): Promise<ArticleRecord[]>;
  /**
   * Keyset paging of the same order (the paged feed variants, RFC 5005): the next `limit` published records
   * strictly after `after`. Records added meanwhile before `after` never shift what comes after it.
   */
  listPublishedAfter(feedId: string, after: PublishedKey, limit: number): Promise<ArticleRecord[]>;
  /**
   * `listPublished`, or `listPublishedAfter` with a cursor, of many feeds in one statement (per thousand feeds):
   * each read's next `limit` published records, each feed's in that order, the feeds one after another. The
   * feed variants and the combined feed read every feed they draw from this way (core/serve/variant-page.ts):
   * one query for 60 feeds, where D1 allows 50 an invocation on the Free plan.
   */
  listPublishedAcross(reads: readonly PublishedRead[], limit: number): Promise<ArticleRecord[]>;
  /**
   * The records with a published item among `feedIds` whose source URL is one of `sourceUrls`, in no particular
   * order: `getArticle` of every feed and URL, for those that have an item, in one statement (per thousand feeds).
   * A variant checks with it, for a page's records at once, whether another record shows the same article.
   */
  findPublished(feedIds: readonly string[], sourceUrls: readonly string[]): Promise<ArticleRecord[]>;

  /**
   * Remove the feed's records `request` allows, oldest first: published records past the newest `keep`, and
   * records given up on (`failed`) without an item — never a pending one. Each leaves its licence audit trail
   * (hashes, counts, share, policy, signals, fetch time) in a row of its own, which also marks its source URL
   * as seen: a later `putArticle` of that URL in that feed is ignored, so a source still listing the article
   * does not have it fetched and published again as new. Returns how many records were removed.
   */
  pruneArticles(feedId: string, request: PruneRequest): Promise<number>;

  getRendition(feedId: string, format: FeedFormat): Promise<Rendition | undefined>;
  /** Only the validators, so a conditional request can answer 304 without reading the body. */
  getRenditionValidators(feedId: string, format: FeedFormat): Promise<Omit<Rendition, 'body'> | undefined>;
  /**
   * The validators of the feeds asked for in `format`, in one call (the combined feed reads every feed's; one
   * query each would pass D1's 50 queries an invocation on the Free plan): each feed that has a rendition and is
   * not taken down, once, in no particular order.
   */
  listRenditionValidators(feedIds: readonly string[], format: FeedFormat): Promise<Omit<Rendition, 'body'>[]>;
  putRendition(rendition: Rendition): Promise<void>;

  /**
   * Take the lease `name` for `holder` until `expiresAt` (ISO instant) when it is free, expired at `now`, or
   * already `holder`'s (which extends it). One atomic statement: of two callers racing for a free lease,
   * exactly one gets it. Workers use it so a cron tick, a queue consumer and the admin route never refresh
   * the same feed at once; an expired lease is free because its holder outlived every invocation limit.
   */
  acquireLease(name: string, holder: string, expiresAt: string, now: string): Promise<boolean>;
  /** Give the lease back; a no-op unless `holder` still holds it. */
  releaseLease(name: string, holder: string): Promise<void>;

  /**
   * Take a feed down: record the takedown, then delete its articles (pruned ones too), renditions and state. From then on,
   * until `liftTakedown`, its renditions read as absent and writes of its articles, renditions and state
   * are ignored — a refresh already in flight cannot bring it back.
   */
  takeDown(takedown: Takedown): Promise<void>;
  getTakedown(feedId: string): Promise<Takedown | undefined>;
  /** Lift a takedown. The feed starts from nothing: its next refresh reads the source afresh. */
  liftTakedown(feedId: string): Promise<void>;

  getSiteSignals(origin: string): Promise<CachedSiteSignals | undefined>;
  putSiteSignals(cached: CachedSiteSignals): Promise<void>;

  close(): Promise<void>;
}
