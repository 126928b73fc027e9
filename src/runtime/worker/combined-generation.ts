/**
 * @module runtime/worker/combined-generation
 * The combined feed's generation: one small Cache API entry per format whose token versions the combined
 * feed's cache keys (src/runtime/worker/variant-cache.ts), so that a cached `/feeds/all.*` costs two Cache API
 * matches — the generation and the variant — however many feeds it combines.
 *
 * Why not the ETags of every feed, as a single feed's variant is versioned: that took one match per feed, and
 * every Cache API call is a subrequest (50 per request on the Free plan, 10,000 on Paid: Workers docs,
 * "Limits"; Miniflare's limit error says "a call to fetch(), a redirect, or a call to any Cache API method"),
 * so a server of 50 feeds could no longer answer a cached combined feed. (A miss reads D1 in 3 queries however
 * many feeds: docs/workers.md, "Caching".)
 *
 * - The token is made at random where none is cached, and its entry lives 60 seconds (`max-age=60`, which the
 *   Cache API honours), like a variant's own entry: the combined feed is at most a minute behind D1 in every
 *   data centre, including where a refresh publishes (readers are told they may reuse it for 300 s anyway).
 * - Where a takedown is served, its purge (`purgeRenditionCache`, src/runtime/worker/cache.ts) deletes the
 *   entries, so the next request makes a new token and the core renders the combined feed without the feed,
 *   at once.
 * - A deploy that enables or disables a feed changes the set of feeds, which is part of the key too.
 */
import { COMBINED_FEED_ID } from '../../core/feed-formats.ts';
import type { Log } from '../../core/ports.ts';
import type { FeedFormat } from '../../core/types.ts';
import type { EdgeCache } from './edge-cache.ts';

/** The generation rides in a header of a bodiless entry: nothing to read but the headers. */
const GENERATION_HEADER = 'X-Lede-Generation';
const GENERATION_CACHE_CONTROL = 'public, max-age=60';

/**
 * The generation entry's key: under `/feeds/`, but no feed file (`all.rss.generation` has no format), so no
 * reader's request is ever answered from it.
 * @example combinedGenerationKey('https://feeds.example', 'rss') // 'https://feeds.example/feeds/all.rss.generation'
 */
export function combinedGenerationKey(origin: string, format: FeedFormat): string {
  return `${origin}/feeds/${COMBINED_FEED_ID}.${format}.generation`;
}

/**
 * The combined feed's current generation in `format`: the cached token, or a new one, stored before this
 * returns — so before the caller renders from D1. Stored after the render, a takedown served in between
 * would find no generation to delete, and the render from before it would be cached under the new token.
 * A failed write is logged: the next request then makes another token, and renders again.
 * @example const token = await readCombinedGeneration(cache, publicOrigin, 'rss', log)
 */
export async function readCombinedGeneration(
  cache: EdgeCache,
  origin: string,
  format: FeedFormat,
  log: Log,
): Promise<string> {
  const key = combinedGenerationKey(origin, format);
  const entry = await cache.match(key);
  void entry?.body?.cancel();
  const cached = entry?.headers.get(GENERATION_HEADER);
  if (cached) return cached;
  const token = crypto.randomUUID();
  const headers = { 'Cache-Control': GENERATION_CACHE_CONTROL, [GENERATION_HEADER]: token };
  await cache.put(key, new Response(null, { headers })).catch((error: unknown) => {
    log('warn', 'cache write failed', { key, message: String(error) });
  });
  return token;
}
