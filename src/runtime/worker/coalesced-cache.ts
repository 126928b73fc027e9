/**
 * @module runtime/worker/coalesced-cache
 * The Workers Cache API as the rendition cache (src/runtime/worker/cache.ts) reads it: concurrent reads of one
 * key in an isolate share one `match`.
 *
 * A Workers isolate serves many requests at once, and a feed's readers ask for the same few URLs: when a
 * `match` for a key is already under way, a request for that key waits for it instead of making its own
 * round trip (in production that trip leaves the isolate for the data centre's cache; under `wrangler dev`
 * it is a loopback call into miniflare). Nothing outlives the trip: once it settles, the next request asks
 * the Cache API again, so the cache's own freshness rules (docs/workers.md, "Caching") hold as they are —
 * a request gets what the Cache API held at most one round trip before it arrived, and this isolate's own
 * writes (a publish's `put`, a takedown's `delete`) are never hidden by a read that began before them.
 *
 * The entry's body is read once per trip and shared; each answer is a `Response` over those bytes, which the
 * runtime copies (Fetch: a body from a buffer is a copy of its bytes), so no request can change another's.
 */

/** The part of a Workers `Cache` used here. */
export interface EdgeCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  /** Used by a takedown; optional so in-memory benchmark caches need not have it. */
  delete?(key: string): Promise<boolean>;
}

/** A cache entry as the rendition cache reads it: its bytes and its headers (validators, type, lifetime). */
export interface CachedEntry {
  readonly body: Uint8Array;
  readonly headers: Headers;
}

/** The Cache API with shared reads: `match` gives whole entries, `put` and `delete` pass through. */
export interface EntryCache {
  match(key: string): Promise<CachedEntry | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<void>;
}

async function readEntry(cache: EdgeCache, key: string): Promise<CachedEntry | undefined> {
  const hit = await cache.match(key);
  return hit && { body: new Uint8Array(await hit.arrayBuffer()), headers: hit.headers };
}

/**
 * `cache` with concurrent `match`es of a key coalesced; create one per isolate and route every read and write
 * of the rendition cache through it (see the module comment).
 *
 * @example const cache = createCoalescedCache(caches.default); const entry = await cache.match(key)
 */
export function createCoalescedCache(cache: EdgeCache): EntryCache {
  const reading = new Map<string, Promise<CachedEntry | undefined>>();
  // A write drops the read under way, before and after it: a request that comes after the write reads anew.
  const write = async (key: string, work: () => Promise<unknown>) => {
    reading.delete(key);
    try {
      await work();
    } finally {
      reading.delete(key);
    }
  };
  return {
    match(key) {
      const shared = reading.get(key);
      if (shared) return shared;
      const read = readEntry(cache, key).finally(() => {
        if (reading.get(key) === read) reading.delete(key);
      });
      reading.set(key, read);
      return read;
    },
    put: (key, response) => write(key, () => cache.put(key, response)),
    delete: (key) => write(key, async () => cache.delete?.(key)),
  };
}
