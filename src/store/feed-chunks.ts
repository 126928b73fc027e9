/**
 * @module store/feed-chunks
 * How many feeds one statement over a JSON list of them takes (src/store/queries.ts, src/store/variant-queries.ts):
 * a deployment of up to 1,000 feeds is read in one query, and the list stays far inside D1's 2 MB for a value;
 * `toJsonChunks` for such lists of ids or URLs.
 */

/**
 * Feeds per statement: 1,000 ids of at most 64 characters make a parameter under 70 KB, 1,000 reads of
 * `listPublishedAcross` (an id and a cursor each) one under 200 KB.
 */
const FEEDS_PER_QUERY = 1000;

/** `list` in runs of at most `size`, in order. */
function chunkList<T>(list: readonly T[], size: number): T[][] {
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

/**
 * `values` once each, as JSON arrays of at most `size` (default: a statement's feeds), for statements that read
 * a list through `json_each`: a join there yields a row per value given, so a value given twice would too.
 * @example toJsonChunks(['a', 'b', 'a']) // ['["a","b"]']
 */
export function toJsonChunks(values: readonly string[], size = FEEDS_PER_QUERY): string[] {
  return chunkList([...new Set(values)], size).map((chunk) => JSON.stringify(chunk));
}
