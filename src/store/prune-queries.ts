/**
 * @module store/prune-queries
 * The statements of `Store.pruneArticles` (retention, src/core/refresh/retention.ts), shared by both backends
 * like the rest of src/store/queries.ts. Every one is an index search from the old end of a feed (0012): a run
 * reads the records it removes plus the `keep` boundary, never the feed's whole history.
 */
import type { PruneRequest } from '../core/store.ts';
import type { Row, SqlStatement, SqlValue } from './rows.ts';

/** How a backend runs the reads, and the writes as one transaction. */
interface PruneDriver {
  first(sql: string, params: readonly SqlValue[]): Promise<Row | undefined>;
  all(sql: string, params: readonly SqlValue[]): Promise<Row[]>;
  batch(statements: readonly SqlStatement[]): Promise<void>;
}

/** The audit trail a pruned record leaves (migrations/0012: the columns of 0003, hashes, fetch time). */
const KEPT = [
  'feed_id',
  'source_url',
  'discovered_at',
  'published',
  'fetched_at',
  'body_hash',
  'excerpt_hash',
  'article_words',
  'excerpt_words',
  'share',
  'policy',
  'signals',
] as const;

/** The URLs of a batch, bound as one JSON array parameter (one statement text whatever their number). */
const IN_BATCH = 'source_url IN (SELECT value FROM json_each(?))';

const PRUNE_SQL = {
  // The `keep`-th published record in the listPublished order, from articles_published alone (0008).
  boundary:
    'SELECT published, discovered_at, source_url FROM articles WHERE feed_id = ? AND item IS NOT NULL ' +
    'ORDER BY published DESC, discovered_at DESC, source_url ASC LIMIT 1 OFFSET ?',
  // Published records strictly after the boundary (as listPublishedAfter), oldest first, old enough, not pending.
  // Parameters: feed, before ×2, boundary published ×3, discovered_at ×2, source_url, limit.
  published:
    "SELECT source_url FROM articles WHERE feed_id = ? AND item IS NOT NULL AND state <> 'pending' " +
    'AND discovered_at < ? AND (published IS NULL OR published < ?) AND (' +
    '(? IS NOT NULL AND (published < ? OR published IS NULL)) OR ' +
    '(published IS ? AND (discovered_at < ? OR (discovered_at = ? AND source_url > ?)))) ' +
    'ORDER BY published ASC, discovered_at ASC, source_url DESC LIMIT ?',
  // Records given up on without an item ever, oldest first (articles_failed, 0012).
  failed:
    "SELECT source_url FROM articles WHERE feed_id = ? AND state = 'failed' AND item IS NULL AND discovered_at < ? " +
    'ORDER BY discovered_at ASC, source_url ASC LIMIT ?',
  keep:
    `INSERT OR IGNORE INTO pruned_articles (${KEPT.join(', ')}, pruned_at) SELECT ${KEPT.join(', ')}, ? ` +
    `FROM articles WHERE feed_id = ? AND ${IN_BATCH} AND state <> 'pending'`,
  remove: `DELETE FROM articles WHERE feed_id = ? AND ${IN_BATCH} AND state <> 'pending'`,
} as const;

/** The published records past the newest `keep` that `request` lets go, oldest first. */
async function findPrunablePublished(driver: PruneDriver, feedId: string, request: PruneRequest): Promise<string[]> {
  const { before, keep, limit } = request;
  const boundary = keep > 0 ? await driver.first(PRUNE_SQL.boundary, [feedId, keep - 1]) : undefined;
  if (keep > 0 && boundary === undefined) return []; // The feed has no more than `keep`.
  // No boundary (keep 0): every dated key is "after" one that sorts before all — the empty string.
  const p = boundary === undefined ? '\uffff' : (boundary['published'] as SqlValue);
  const d = boundary === undefined ? '' : (boundary['discovered_at'] as SqlValue);
  const u = boundary === undefined ? '' : (boundary['source_url'] as SqlValue);
  const rows = await driver.all(PRUNE_SQL.published, [feedId, before, before, p, p, p, d, d, u, limit]);
  return rows.map((row) => String(row['source_url']));
}

/**
 * Remove what `request` allows from `feedId` in one transaction: the audit rows first, then the records.
 * @example const removed = await pruneFeedArticles(driver, 'monitor', { keep: 50, before, limit: 200, now })
 */
export async function pruneFeedArticles(driver: PruneDriver, feedId: string, request: PruneRequest): Promise<number> {
  const limit = Math.max(0, Math.floor(request.limit));
  const keep = Math.max(0, Math.floor(request.keep));
  if (limit === 0) return 0;
  const published = await findPrunablePublished(driver, feedId, { ...request, keep, limit });
  const failed = await driver.all(PRUNE_SQL.failed, [feedId, request.before, limit - published.length]);
  const urls = [...published, ...failed.map((row) => String(row['source_url']))];
  if (urls.length === 0) return 0;
  const batch = JSON.stringify(urls);
  await driver.batch([
    { sql: PRUNE_SQL.keep, params: [request.now, feedId, batch] },
    { sql: PRUNE_SQL.remove, params: [feedId, batch] },
  ]);
  return urls.length;
}
