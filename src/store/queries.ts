/**
 * @module store/queries
 * Every SQL statement Lede runs, in one place, and the `Store` built from them over a tiny driver
 * (`SqlDriver`). A backend (src/store/sqlite.ts, src/store/d1.ts) only says how to run one statement;
 * the statements, their parameters and the row mapping (src/store/rows.ts) are shared, so the two
 * backends cannot drift apart. Placeholders are positional `?`, which both node:sqlite and D1 bind.
 */
import type { FeedFormat } from '../core/types.ts';
import type {
  ArticleRecord,
  CachedSiteSignals,
  FeedState,
  PruneRequest,
  PublishedKey,
  Rendition,
  Store,
  Takedown,
} from '../core/store.ts';
import { toJsonChunks } from './feed-chunks.ts';
import { createListedItems } from './listed-items.ts';
import { pruneFeedArticles } from './prune-queries.ts';
import { createVariantReads } from './variant-queries.ts';
import {
  ARTICLE_COLUMNS,
  FEED_STATE_COLUMNS,
  RENDITION_COLUMNS,
  SITE_SIGNALS_COLUMNS,
  TAKEDOWN_COLUMNS,
  VALIDATOR_COLUMNS,
  decodeArticle,
  decodeArticleWith,
  decodeFeedState,
  decodeRendition,
  decodeSiteSignals,
  decodeTakedown,
  decodeValidators,
  encodeArticle,
  encodeFeedState,
  encodeRendition,
  encodeSiteSignals,
  encodeTakedown,
  type Row,
  type SqlStatement,
  type SqlValue,
} from './rows.ts';

/**
 * How a backend runs one statement. `first` resolves `undefined` when there is no row. `batch` runs several
 * writes as one transaction: all or none (D1's `batch()`, a BEGIN…COMMIT on node:sqlite).
 */
export interface SqlDriver {
  first(sql: string, params: readonly SqlValue[]): Promise<Row | undefined>;
  all(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, params: readonly SqlValue[]): Promise<void>;
  batch(statements: readonly SqlStatement[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * `INSERT … ON CONFLICT (key) DO UPDATE` replacing every non-key column: a put stores the whole record,
 * so an optional field absent from the new record is cleared rather than kept from the old row.
 */
function buildUpsert(table: string, columns: readonly string[], key: readonly string[]): string {
  const updates = columns.filter((column) => !key.includes(column)).map((column) => `${column} = excluded.${column}`);
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`
  );
}

/** A feed with a takedown row: its writes are dropped and its renditions read as absent (a correlated test). */
const IS_TAKEN_DOWN = (table: string) => `EXISTS (SELECT 1 FROM takedowns WHERE takedowns.feed_id = ${table}.feed_id)`;

/**
 * `buildUpsert` for a feed's own rows, which writes nothing while the feed is taken down: the row is an
 * `INSERT … SELECT … WHERE NOT EXISTS (takedown)`; the extra last parameter is the feed id. (An upsert on
 * `INSERT … SELECT` needs a WHERE clause to parse, https://sqlite.org/lang_upsert.html §2.2; this has one.)
 */
function buildGuardedUpsert(
  table: string,
  columns: readonly string[],
  key: readonly string[],
  guard = 'NOT EXISTS (SELECT 1 FROM takedowns WHERE feed_id = ?)',
): string {
  const updates = columns.filter((column) => !key.includes(column)).map((column) => `${column} = excluded.${column}`);
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map(() => '?').join(', ')} ` +
    `WHERE ${guard} ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`
  );
}

/** An article is written neither while its feed is taken down nor once retention pruned it (parameters: feed ×2, URL). */
const ARTICLE_GUARD =
  'NOT EXISTS (SELECT 1 FROM takedowns WHERE feed_id = ?) AND ' +
  'NOT EXISTS (SELECT 1 FROM pruned_articles WHERE feed_id = ? AND source_url = ?)';

const ITEM_ORDER = 'ORDER BY published DESC, discovered_at DESC, source_url ASC LIMIT ?';

/** The statements, built once from the column lists in rows.ts (the order there is the bind order). */
const SQL = {
  getFeedState: `SELECT ${FEED_STATE_COLUMNS.join(', ')} FROM feed_state WHERE feed_id = ?`,
  // The ids come as one JSON array (json_each, https://sqlite.org/json1.html#jeach): D1 binds at most 100
  // parameters. CROSS JOIN keeps json_each the outer loop (https://sqlite.org/optoverview.html#crossjoin), so each
  // id is one key lookup in feed_state, whatever else it holds. On D1 that reads 2 rows a feed (the id, the
  // state); `feed_id IN (SELECT value FROM json_each(?))` read 3, for building the list it searches.
  listFeedStates: `SELECT ${FEED_STATE_COLUMNS.join(', ')} FROM json_each(?) AS ids CROSS JOIN feed_state ON feed_id = ids.value`,
  putFeedState: buildGuardedUpsert('feed_state', FEED_STATE_COLUMNS, ['feed_id']),
  getArticle: `SELECT ${ARTICLE_COLUMNS.join(', ')} FROM articles WHERE feed_id = ? AND source_url = ?`,
  // The URLs as one JSON array (json_each, as listFeedStates): one primary-key lookup per URL given.
  getArticles:
    `SELECT ${ARTICLE_COLUMNS.map((column) => `articles.${column}`).join(', ')} FROM json_each(?) AS urls ` +
    'CROSS JOIN articles ON articles.feed_id = ? AND articles.source_url = urls.value',
  putArticle: buildGuardedUpsert('articles', ARTICLE_COLUMNS, ['feed_id', 'source_url'], ARTICLE_GUARD),
  // source_url breaks exact ties so the order never depends on the backend's row order.
  countPending: "SELECT COUNT(*) AS pending FROM articles WHERE feed_id = ? AND state = 'pending'",
  // Served by the covering articles_with_item (0012): no table row is read.
  countPublished: 'SELECT COUNT(*) AS published FROM articles WHERE feed_id = ? AND (item IS NOT NULL) = 1',
  listPending:
    `SELECT ${ARTICLE_COLUMNS.join(', ')} FROM articles WHERE feed_id = ? AND state = 'pending' ` +
    'ORDER BY discovered_at ASC, source_url ASC LIMIT ?',
  listPublished: `SELECT ${ARTICLE_COLUMNS.join(', ')} FROM articles WHERE feed_id = ? AND item IS NOT NULL ${ITEM_ORDER}`,
  // Strictly after the key (published, discovered_at, source_url) in ITEM_ORDER: an older date, or a NULL one
  // after a dated key (NULLs sort last), or the same date (`IS` matches NULL to NULL) with a later tie-break.
  // Parameters: feed, published ×3, discovered_at ×2, source_url, limit. Served by articles_published (0008).
  listPublishedAfter:
    `SELECT ${ARTICLE_COLUMNS.join(', ')} FROM articles WHERE feed_id = ? AND item IS NOT NULL AND (` +
    '(? IS NOT NULL AND (published < ? OR published IS NULL)) OR ' +
    '(published IS ? AND (discovered_at < ? OR (discovered_at = ? AND source_url > ?)))) ' +
    ITEM_ORDER,
  getRendition: `SELECT ${RENDITION_COLUMNS.join(', ')} FROM renditions WHERE feed_id = ? AND format = ? AND NOT ${IS_TAKEN_DOWN('renditions')}`,
  // The validator columns come before the body (0012), so this never walks the body's overflow pages.
  getRenditionValidators: `SELECT ${VALIDATOR_COLUMNS.join(', ')} FROM renditions WHERE feed_id = ? AND format = ? AND NOT ${IS_TAKEN_DOWN('renditions')}`,
  // As listFeedStates: the ids as one JSON array, each one key lookup. Parameters: the ids, the format.
  listRenditionValidators:
    `SELECT ${VALIDATOR_COLUMNS.join(', ')} FROM json_each(?) AS ids CROSS JOIN renditions ` +
    `ON feed_id = ids.value AND format = ? WHERE NOT ${IS_TAKEN_DOWN('renditions')}`,
  putRendition: buildGuardedUpsert('renditions', RENDITION_COLUMNS, ['feed_id', 'format']),
  // The upsert's WHERE makes the take conditional: a live lease of another holder is left as it is, and
  // then RETURNING yields no row (https://sqlite.org/lang_upsert.html, https://sqlite.org/lang_returning.html).
  acquireLease:
    'INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ' +
    'ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at ' +
    'WHERE leases.expires_at <= ? OR leases.holder = excluded.holder RETURNING holder',
  releaseLease: 'DELETE FROM leases WHERE name = ? AND holder = ?',
  putTakedown: buildUpsert('takedowns', TAKEDOWN_COLUMNS, ['feed_id']),
  getTakedown: `SELECT ${TAKEDOWN_COLUMNS.join(', ')} FROM takedowns WHERE feed_id = ?`,
  deleteTakedown: 'DELETE FROM takedowns WHERE feed_id = ?',
  putSiteSignals: buildUpsert('site_signals', SITE_SIGNALS_COLUMNS, ['origin']),
  getSiteSignals: `SELECT ${SITE_SIGNALS_COLUMNS.join(', ')} FROM site_signals WHERE origin = ?`,
  purgeFeed: [
    'DELETE FROM articles WHERE feed_id = ?',
    'DELETE FROM pruned_articles WHERE feed_id = ?',
    'DELETE FROM renditions WHERE feed_id = ?',
    'DELETE FROM feed_state WHERE feed_id = ?',
  ],
} as const;

/** URLs per statement of `getArticles`: 500 of up to 2,000 characters stay far inside D1's 2 MB for a value. */
const URLS_PER_QUERY = 500;

/**
 * Articles per transaction in `putArticles`: a D1 batch is one round trip, and 50 upserts of 23 parameters each
 * keep it far inside D1's request limits while 200 new entries take 4 batches.
 */
const ARTICLES_PER_BATCH = 50;

/** Bind values in column-list order. */
function toParams<C extends string>(columns: readonly C[], values: { readonly [K in C]: SqlValue }): SqlValue[] {
  return columns.map((column) => values[column]);
}

/** A negative or fractional limit would mean "no limit" or fail in SQLite; clamp to a whole count. */
function toLimit(limit: number): number {
  return Math.max(0, Math.floor(limit));
}

/** The upsert of one article, guarded by its feed's takedown and its URL's pruning (`ARTICLE_GUARD`). */
function putArticleStatement(record: ArticleRecord): SqlStatement {
  const { feedId, sourceUrl } = record;
  return {
    sql: SQL.putArticle,
    params: [...toParams(ARTICLE_COLUMNS, encodeArticle(record)), feedId, feedId, sourceUrl],
  };
}

/** The feed-state part of the `Store`. */
function createFeedStateMethods(driver: SqlDriver): Pick<Store, 'getFeedState' | 'listFeedStates' | 'putFeedState'> {
  return {
    async getFeedState(feedId: string): Promise<FeedState | undefined> {
      const row = await driver.first(SQL.getFeedState, [feedId]);
      return row && decodeFeedState(row);
    },
    async listFeedStates(feedIds: readonly string[]): Promise<FeedState[]> {
      const states: FeedState[] = [];
      for (const ids of toJsonChunks(feedIds))
        states.push(...(await driver.all(SQL.listFeedStates, [ids])).map(decodeFeedState));
      return states;
    },
    async putFeedState(state: FeedState): Promise<void> {
      await driver.run(SQL.putFeedState, [...toParams(FEED_STATE_COLUMNS, encodeFeedState(state)), state.feedId]);
    },
  };
}

/** The renditions part of the `Store`. */
function createRenditionMethods(
  driver: SqlDriver,
): Pick<Store, 'getRendition' | 'getRenditionValidators' | 'listRenditionValidators' | 'putRendition'> {
  return {
    async getRendition(feedId: string, format: FeedFormat): Promise<Rendition | undefined> {
      const row = await driver.first(SQL.getRendition, [feedId, format]);
      return row && decodeRendition(row);
    },
    async getRenditionValidators(feedId: string, format: FeedFormat): Promise<Omit<Rendition, 'body'> | undefined> {
      const row = await driver.first(SQL.getRenditionValidators, [feedId, format]);
      return row && decodeValidators(row);
    },
    async listRenditionValidators(feedIds: readonly string[], format: FeedFormat): Promise<Omit<Rendition, 'body'>[]> {
      const validators: Omit<Rendition, 'body'>[] = [];
      for (const ids of toJsonChunks(feedIds))
        validators.push(...(await driver.all(SQL.listRenditionValidators, [ids, format])).map(decodeValidators));
      return validators;
    },
    async putRendition(rendition: Rendition): Promise<void> {
      await driver.run(SQL.putRendition, [
        ...toParams(RENDITION_COLUMNS, encodeRendition(rendition)),
        rendition.feedId,
      ]);
    },
  };
}

/** The kill-switch part of the `Store`. */
function createTakedownMethods(driver: SqlDriver): Pick<Store, 'takeDown' | 'getTakedown' | 'liftTakedown'> {
  return {
    async takeDown(takedown: Takedown): Promise<void> {
      // The takedown row first: from that statement on, no write of the feed lands, so the purge is final.
      await driver.run(SQL.putTakedown, toParams(TAKEDOWN_COLUMNS, encodeTakedown(takedown)));
      for (const statement of SQL.purgeFeed) await driver.run(statement, [takedown.feedId]);
    },
    async getTakedown(feedId: string): Promise<Takedown | undefined> {
      const row = await driver.first(SQL.getTakedown, [feedId]);
      return row && decodeTakedown(row);
    },
    async liftTakedown(feedId: string): Promise<void> {
      await driver.run(SQL.deleteTakedown, [feedId]);
    },
  };
}

/** The site-signals cache part of the `Store`. */
function createSiteSignalsMethods(driver: SqlDriver): Pick<Store, 'getSiteSignals' | 'putSiteSignals'> {
  return {
    async getSiteSignals(origin: string): Promise<CachedSiteSignals | undefined> {
      const row = await driver.first(SQL.getSiteSignals, [origin]);
      return row && decodeSiteSignals(row);
    },
    async putSiteSignals(cached: CachedSiteSignals): Promise<void> {
      await driver.run(SQL.putSiteSignals, toParams(SITE_SIGNALS_COLUMNS, encodeSiteSignals(cached)));
    },
  };
}

/**
 * The items the stores of this process (an isolate, on Workers, where each invocation opens its own store) last
 * listed for publishing: compared by JSON, so any store may take an object another decoded.
 */
const listed = createListedItems();

/**
 * Build a `Store` over one backend's driver.
 *
 * @example
 * const store = createSqlStore({ first, all, run, close }); // see sqlite.ts / d1.ts
 * await store.putFeedState({ feedId: 'tengri' });
 */
export function createSqlStore(driver: SqlDriver): Store {
  return {
    ...createFeedStateMethods(driver),
    async getArticle(feedId: string, sourceUrl: string): Promise<ArticleRecord | undefined> {
      const row = await driver.first(SQL.getArticle, [feedId, sourceUrl]);
      return row && decodeArticle(row);
    },
    async getArticles(feedId: string, sourceUrls: readonly string[]): Promise<ArticleRecord[]> {
      const records: ArticleRecord[] = [];
      for (const urls of toJsonChunks(sourceUrls, URLS_PER_QUERY))
        records.push(...(await driver.all(SQL.getArticles, [urls, feedId])).map(decodeArticle));
      return records;
    },
    async putArticle(record: ArticleRecord): Promise<void> {
      const { sql, params } = putArticleStatement(record);
      await driver.run(sql, params);
    },
    async putArticles(records: readonly ArticleRecord[]): Promise<void> {
      for (let start = 0; start < records.length; start += ARTICLES_PER_BATCH)
        await driver.batch(records.slice(start, start + ARTICLES_PER_BATCH).map(putArticleStatement));
    },
    async countPending(feedId: string): Promise<number> {
      return Number((await driver.first(SQL.countPending, [feedId]))?.['pending'] ?? 0);
    },
    async countPublished(feedId: string): Promise<number> {
      return Number((await driver.first(SQL.countPublished, [feedId]))?.['published'] ?? 0);
    },
    async listPending(feedId: string, limit: number): Promise<ArticleRecord[]> {
      return (await driver.all(SQL.listPending, [feedId, toLimit(limit)])).map(decodeArticle);
    },
    async listPublished(feedId: string, limit: number): Promise<ArticleRecord[]> {
      const rows = await driver.all(SQL.listPublished, [feedId, toLimit(limit)]);
      const parseItem = listed.listing(feedId, rows.length);
      return rows.map((row) => decodeArticleWith(row, parseItem));
    },
    async listPublishedAfter(feedId: string, after: PublishedKey, limit: number): Promise<ArticleRecord[]> {
      const { published: p, discoveredAt: d, sourceUrl: u } = after;
      return (await driver.all(SQL.listPublishedAfter, [feedId, p, p, p, d, d, u, toLimit(limit)])).map(decodeArticle);
    },
    ...createVariantReads(driver),
    pruneArticles: (feedId: string, request: PruneRequest): Promise<number> =>
      pruneFeedArticles(driver, feedId, request),
    ...createRenditionMethods(driver),
    async acquireLease(name: string, holder: string, expiresAt: string, now: string): Promise<boolean> {
      return (await driver.first(SQL.acquireLease, [name, holder, expiresAt, now])) !== undefined;
    },
    async releaseLease(name: string, holder: string): Promise<void> {
      await driver.run(SQL.releaseLease, [name, holder]);
    },
    ...createTakedownMethods(driver),
    ...createSiteSignalsMethods(driver),
    close: () => driver.close(),
  };
}
