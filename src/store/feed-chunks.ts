/**
 * @module store/feed-chunks
 * How many feeds one statement over a JSON list of them takes (src/store/queries.ts, src/store/variant-queries.ts):
 * a deployment of up to 1,000 feeds is read in one query, and the list stays far inside D1's 2 MB for a value.
 */

/**
 * Feeds per statement: 1,000 ids of at most 64 characters make a parameter under 70 KB, 1,000 reads of
 * `listPublishedAcross` (an id and a cursor each) one under 200 KB.
 */
const FEEDS_PER_QUERY = 1000;

/**
 * `list` (one element a feed) in runs of at most `FEEDS_PER_QUERY`, in order.
 * @example chunkFeeds(['a', 'b']) // [['a', 'b']]
 */
export function chunkFeeds<T>(list: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < list.length; start += FEEDS_PER_QUERY)
    chunks.push(list.slice(start, start + FEEDS_PER_QUERY));
  return chunks;
}
