/**
 * @module runtime/worker/edge-cache
 * The part of a Workers `Cache` (https://developers.cloudflare.com/workers/runtime-apis/cache/) that the
 * rendition cache uses, in a module of its own so that src/runtime/worker/cache.ts and
 * src/runtime/worker/variant-cache.ts can both name it.
 */

/** The part of a Workers `Cache` used here. */
export interface EdgeCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  /** Used by a takedown (`purgeRenditionCache`); optional so in-memory benchmark caches need not have it. */
  delete?(key: string): Promise<boolean>;
}
