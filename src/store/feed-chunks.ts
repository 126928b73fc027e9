/**
 * @module store/feed-chunks
 * How many feeds one statement over a JSON list of them takes (src/store/queries.ts, src/store/variant-queries.ts):
 * a deployment of up to 1,000 feeds is read in one query, and the list stays far inside D1's 2 MB for a value;
 * and `chunkList` for other such lists (a listing's URLs).
 */

/**
 * Feeds per statement: 1,000 ids of at most 64 characters make a parameter under 70 KB, 1,000 reads of
 * `listPublishedAcross` (an id and a cursor each) one under 200 KB.
 */
const FEEDS_PER_QUERY = 1000;

/**
 * `list` in runs of at most `size`, in order.
 * @example chunkList([1, 2, 3], 2) // [[1, 2], [3]]
 */
export function chunkList<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
  return chunks;
}

/**
 * `list` (one element a feed) in runs of at most `FEEDS_PER_QUERY`, in order.
 * @example chunkFeeds(['a', 'b']) // [['a', 'b']]
 */
export function chunkFeeds<T>(list: readonly T[]): T[][] {
  return chunkList(list, FEEDS_PER_QUERY);
}
