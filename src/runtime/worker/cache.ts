/**
 * @module runtime/worker/cache
 * Rendered feeds through the Workers Cache API (https://developers.cloudflare.com/workers/runtime-apis/cache/),
 * as a middleware of the core app (src/runtime/worker/app.ts), so routes, the 304 decision and headers stay
 * the core's (src/core/serve).
 *
 * - Per request, D1 is asked once for the rendition's validators (one small indexed row). A conditional
 *   request that matches is answered 304 by the core app from those validators alone (RFC 9110 §13.2).
 * - The cache key is the feed's URL (so its format) versioned by the ETag D1 just returned. A refresh that
 *   changes a feed changes its ETag, so the very next request asks for a new key: the new bytes are
 *   visible at once in every data centre, with no purge. (A purge could not do that: the cache is per data
 *   centre, and `cache.delete` in a cron invocation reaches only the one it runs in.)
 * - A hit streams the cached bytes straight into the response: no JavaScript touches them, so the CPU a
 *   hit costs does not grow with the feed's size (docs/workers.md, "Measured").
 * - A miss goes through the core app, which reads the body from D1; the bytes are written to the cache
 *   through `defer` (`ctx.waitUntil`), after the response is sent.
 *
 * - A URL with a query (a feed variant: `?limit`, `?q`…, src/core/serve/feed-variant.ts) bypasses the cache:
 *   its key here is the path versioned by the plain rendition's ETag, which would hand it the plain feed's
 *   bytes. A variant is rendered per request from D1 with its own validators, and the combined feed
 *   (`/feeds/all.*`) likewise, having no stored rendition to version a key by.
 *
 * KV is not used: it would add a third store, eventually consistent for up to 60 s, to hold what the D1
 * validator row already answers consistently (docs/workers.md, "Caching").
 */
import type { Defer, Log } from '../../core/ports.ts';
import { FEED_CONTENT_TYPES, feedPath } from '../../core/feed-formats.ts';
import { parseFeedFile } from '../../core/serve/feed-route.ts';
import { feedHeaders, isNotModified } from '../../core/serve/http-cache.ts';
import { isNavigation, withNavigationVary } from '../../core/serve/pages/preview-page.ts';
import type { FeedDefinition, FeedFormat } from '../../core/types.ts';
import type { Rendition, Store } from '../../core/store.ts';

/** The part of a Workers `Cache` used here. */
export interface EdgeCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  /** Used by a takedown (`purgeRenditionCache`); optional so in-memory benchmark caches need not have it. */
  delete?(key: string): Promise<boolean>;
}

export interface RenditionCache {
  /** The store for the core app: validators read at most once per request, bodies cached on a miss. */
  readonly store: Store;
  /** A 200 served from the cache for a GET of a built feed that is not answered 304; else `undefined`. */
  serve(request: Request, feeds: ReadonlyMap<string, FeedDefinition>): Promise<Response | undefined>;
}

type Validators = Omit<Rendition, 'body'>;

/** A versioned entry never changes, so a shared cache may keep it as long as it likes (RFC 8246). */
const ENTRY_CACHE_CONTROL = 'public, max-age=604800, immutable';
const FEED_PATH = /^\/feeds\/([^/]+)$/;

/**
 * `caches.default`, or undefined where the runtime has no Cache API.
 * @example const cache = openDefaultCache(); if (cache) await cache.match(key)
 */
export function openDefaultCache(): EdgeCache | undefined {
  return (globalThis as { caches?: { default?: EdgeCache } }).caches?.default;
}

/**
 * The cache key of one rendition's bytes: its public URL, versioned by the ETag's opaque tag.
 * @example renditionCacheKey('https://feeds.example', 'monitor', 'atom', '"3f…"') // 'https://feeds.example/feeds/monitor.atom?v=3f…'
 */
export function renditionCacheKey(origin: string, feedId: string, format: FeedFormat, etag: string): string {
  return `${origin}${feedPath(feedId, format)}?v=${encodeURIComponent(etag.replace(/^W\//, '').replace(/"/g, ''))}`;
}

/**
 * A takedown's purge of the edge cache (the core app's `purgeCache` port): delete each rendition the
 * store held. This reaches the data centre the request runs in; in the others the entries are already
 * unreachable, since their keys carry an ETag the store no longer answers with (see the module comment).
 *
 * @example await purgeRenditionCache(caches.default, url.origin, 'monitor', validatorsBeforeThePurge)
 */
export async function purgeRenditionCache(
  cache: EdgeCache,
  origin: string,
  feedId: string,
  renditions: readonly Validators[],
): Promise<void> {
  await Promise.all(
    renditions.map(async (rendition) => {
      await cache.delete?.(renditionCacheKey(origin, feedId, rendition.format, rendition.etag));
    }),
  );
}

/**
 * The edge cache for one request. Create one per request: it remembers the validators it has read, and
 * writes through that request's `defer`.
 *
 * @example
 * const cached = createRenditionCache(createD1Store(c.env.DB), caches.default, origin, (p) => c.executionCtx.waitUntil(p), log);
 * c.set('store', cached.store); // the routes read validators and bodies through it
 * return (await cached.serve(c.req.raw, feeds)) ?? next();
 */
export function createRenditionCache(
  store: Store,
  cache: EdgeCache,
  origin: string,
  defer: Defer,
  log: Log,
): RenditionCache {
  const seen = new Map<string, Promise<Validators | undefined>>();
  const readValidators = (feedId: string, format: FeedFormat) => {
    const slot = `${feedId}.${format}`;
    if (!seen.has(slot)) seen.set(slot, store.getRenditionValidators(feedId, format));
    return seen.get(slot) as Promise<Validators | undefined>;
  };
  const remember = (rendition: Rendition) => {
    const entry = new Response(rendition.body, {
      headers: { 'Content-Type': FEED_CONTENT_TYPES[rendition.format], 'Cache-Control': ENTRY_CACHE_CONTROL },
    });
    const key = renditionCacheKey(origin, rendition.feedId, rendition.format, rendition.etag);
    defer(
      cache
        .put(key, entry)
        .catch((error: unknown) => log('warn', 'cache write failed', { key, message: String(error) })),
    );
  };
  return {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    store: {
      ...store,
      getRenditionValidators: readValidators,
      async getRendition(feedId, format) {
        const rendition = await store.getRendition(feedId, format);
        if (rendition) remember(rendition);
        return rendition;
      },
    },
    async serve(request, feeds) {
      const url = new URL(request.url);
      // A browser navigation gets the core's preview page, never the cached feed (cache keys hold feeds only);
      // nor does a variant get the plain feed's bytes (see the module comment).
      if (isNavigation(request) || request.method !== 'GET' || url.search !== '') return undefined;
      const file = FEED_PATH.exec(url.pathname)?.[1];
      const target = file === undefined ? undefined : parseFeedFile(file);
      // A feed disabled by its definition is the core app's to answer (410), never the cache's.
      if (!target || !feeds.has(target.id) || feeds.get(target.id)?.enabled === false) return undefined;
      const validators = await readValidators(target.id, target.format);
      if (!validators) return undefined;
      const conditional = {
        ifNoneMatch: request.headers.get('If-None-Match') ?? undefined,
        ifModifiedSince: request.headers.get('If-Modified-Since') ?? undefined,
      };
      if (isNotModified(conditional, validators)) return undefined;
      const hit = await cache.match(renditionCacheKey(origin, target.id, target.format, validators.etag));
      return (
        hit &&
        new Response(hit.body, { status: 200, headers: withNavigationVary(feedHeaders(validators, target.format)) })
      );
    },
  };
}
