/**
 * @module runtime/worker-cache
 * Rendered feeds through the Workers Cache API (https://developers.cloudflare.com/workers/runtime-apis/cache/),
 * as a decorator of the `Store` the core app reads, so the routes, the 304 decision and every header stay
 * the core's own (src/core/serve/feed-route.ts) and identical to Node's.
 *
 * - The app asks D1 for a rendition's validators first (one small indexed row) and answers 304 from them
 *   alone (RFC 9110 §13.2); only a 200 needs the bytes, and those come from the cache.
 * - The key is the feed's URL (so its format) versioned by the ETag D1 just returned. A refresh that
 *   changes a feed changes its ETag, so the very next request asks for a new key: the new bytes are
 *   visible at once in every data centre, with no purge. (A purge could not do that: the cache is per
 *   data centre, and `cache.delete` in a cron invocation reaches only the one it runs in.)
 * - Misses read D1 and write the cache through `defer` (`ctx.waitUntil`), after the response is sent.
 *
 * KV is not used: it would add a third store, eventually consistent for up to 60 s, to hold what the
 * D1 validator row already answers consistently (docs/workers.md, "Caching").
 */
import type { Defer, Log } from '../core/ports.ts';
import type { FeedFormat } from '../core/types.ts';
import type { Rendition, Store } from '../store/store.ts';

/** The part of a Workers `Cache` used here. */
export interface EdgeCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

/** A versioned entry never changes, so a shared cache may keep it as long as it likes (RFC 8246). */
const ENTRY_CACHE_CONTROL = 'public, max-age=604800, immutable';

/** `caches.default`, or undefined where the runtime has no Cache API. */
export function openDefaultCache(): EdgeCache | undefined {
  return (globalThis as { caches?: { default?: EdgeCache } }).caches?.default;
}

/**
 * The cache key of one rendition's bytes: its public URL, versioned by the ETag's opaque tag.
 * @example renditionCacheKey('https://feeds.example', 'monitor', 'atom', '"3f…"') // 'https://feeds.example/feeds/monitor.atom?v=3f…'
 */
export function renditionCacheKey(origin: string, feedId: string, format: FeedFormat, etag: string): string {
  return `${origin}/feeds/${feedId}.${format}?v=${encodeURIComponent(etag.replace(/^W\//, '').replace(/"/g, ''))}`;
}

/**
 * Wrap a request's store so renditions' bytes are read from, and written to, the edge cache.
 * Create one per request: it remembers the validators the request has read.
 *
 * @example
 * const store = withRenditionCache(createD1Store(env.DB), caches.default, url.origin, (p) => ctx.waitUntil(p), log);
 * const app = createApp({ store, feeds, runner, log });
 */
export function withRenditionCache(store: Store, cache: EdgeCache, origin: string, defer: Defer, log: Log): Store {
  const seen = new Map<string, Omit<Rendition, 'body'>>();
  const slot = (feedId: string, format: FeedFormat) => `${feedId}.${format}`;
  const remember = (rendition: Rendition) => {
    const entry = new Response(rendition.body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': ENTRY_CACHE_CONTROL } });
    const key = renditionCacheKey(origin, rendition.feedId, rendition.format, rendition.etag);
    defer(cache.put(key, entry).catch((error: unknown) => log('warn', 'cache write failed', { key, message: String(error) })));
  };
  // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
  return {
    ...store,
    async getRenditionValidators(feedId, format) {
      const validators = await store.getRenditionValidators(feedId, format);
      if (validators) seen.set(slot(feedId, format), validators);
      return validators;
    },
    async getRendition(feedId, format) {
      const validators = seen.get(slot(feedId, format));
      if (validators) {
        const hit = await cache.match(renditionCacheKey(origin, feedId, format, validators.etag));
        if (hit) return { ...validators, body: await hit.text() };
      }
      const rendition = await store.getRendition(feedId, format);
      if (rendition) remember(rendition);
      return rendition;
    },
  };
}
