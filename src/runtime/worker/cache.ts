/**
 * @module runtime/worker/cache
 * Rendered feeds through the Workers Cache API (https://developers.cloudflare.com/workers/runtime-apis/cache/),
 * as a middleware of the core app (src/runtime/worker/app.ts), so routes, the 304 decision and headers stay
 * the core's (src/core/serve).
 *
 * - A feed's own URL is answered from the cache first, without touching D1: the entry, keyed by the plain URL
 *   (at PUBLIC_URL's origin), holds the bytes and their validators, so a hit answers 200 with the bytes or
 *   304 when the request's validators match (RFC 9110 §13.2). Its lifetime is the feed's own `max-age`
 *   (FEED_MAX_AGE_SECONDS, 300 s): what Lede already tells every reader it may reuse the feed for.
 * - So staleness is bounded and stated (docs/workers.md, "Caching"): the cache is per data centre, and
 *   - where a refresh publishes (the cron tick, the queue consumer, the admin route), its new bytes replace
 *     the entry at once (`refreshCacheOnPublish`);
 *   - where a takedown is served (`POST /admin/feeds/{id}/takedown`), its entries are deleted at once, and the
 *     next request finds D1's takedown (410); a definition disabled by a deploy is 410 everywhere at once
 *     (the bundled definitions are checked before the cache);
 *   - in every other data centre, an entry lives out its max-age: a new rendition or a takedown is seen
 *     there within 300 s, as any shared cache between Lede and its readers may also take.
 * - A hit streams the cached bytes straight into the response: no JavaScript touches them, so the CPU a
 *   hit costs does not grow with the feed's size (docs/workers.md, "Measured").
 * - A miss reads the validators from D1 and goes through the core app, which reads the body from D1; the bytes
 *   are written to the cache through `defer` (`ctx.waitUntil`), after the response is sent.
 *
 * Feed variants — a URL with a query (`?limit`, `?q`…) and the combined feed `/feeds/all.*`
 * (src/core/serve/feed-variant.ts) — are rendered by the core on a miss and cached too, under their own key:
 * - The key is the URL with its parameters in canonical (sorted) order, so `?a=1&b=2` and `?b=2&a=1` share
 *   an entry, versioned by a token over the ETags of every feed the variant reads (one feed, or every
 *   enabled feed for `all`), read from D1 once per request as for the plain URL. A refresh that changes any
 *   of them changes the key at once; a variant never gets the plain feed's bytes (its key has a query).
 *   When any of them has no rendition (taken down, disabled, never built), the cache is bypassed, so the
 *   core answers 410, 503 or 404 exactly as without it.
 * - A variant also depends on what no rendition's ETag covers: records past the plain feed's newest
 *   `maxItems` (a re-fetch may change one), and the clock (an item leaves its embargo). So its entry is
 *   kept at most 60 seconds (`max-age=60` on the entry; the Cache API honours it): a variant is at most a
 *   minute behind, while a hot variant costs one render a minute per data centre. The client still gets
 *   the core's headers (`feedHeaders`), as for the plain URL.
 * - A hit answers 304 when the request's validators match the entry's (the core's `isNotModified`), else
 *   200 with the cached bytes. HEAD and conditional misses go to the core, which answers them itself.
 *
 * KV is not used: it would add a third store, itself eventually consistent for up to 60 s, and a read per
 * request that the Cache API answers locally (docs/workers.md, "Caching").
 */
import type { Defer, Log } from '../../core/ports.ts';
import { COMBINED_FEED_ID, FEED_CONTENT_TYPES, FEED_FORMATS, feedPath } from '../../core/feed-formats.ts';
import { sha256Hex } from '../../core/hash.ts';
import { listCombinedFeeds } from '../../core/serve/combined-feed.ts';
import { parseFeedFile } from '../../core/serve/feed-route.ts';
import { FEED_MAX_AGE_SECONDS, feedHeaders, isNotModified } from '../../core/serve/http-cache.ts';
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
  /**
   * The answer to `request`: from the cache when it holds it, else `render()`'s (the core app's), whose
   * 200 for a feed variant is written to the cache.
   */
  serve(
    request: Request,
    feeds: ReadonlyMap<string, FeedDefinition>,
    render: () => Promise<Response>,
  ): Promise<Response>;
}

type Validators = Omit<Rendition, 'body'>;

/** A feed's entry lives as long as readers are told they may reuse the feed (see the module comment). */
const ENTRY_CACHE_CONTROL = `public, max-age=${String(FEED_MAX_AGE_SECONDS)}`;
/** A variant's entry: at most a minute behind what no ETag covers (see the module comment). */
const VARIANT_ENTRY_CACHE_CONTROL = 'public, max-age=60';
const FEED_PATH = /^\/feeds\/([^/]+)$/;

/** The opaque part of an entity tag: `W/"3f…"` → `3f…`. */
function opaqueTag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '');
}

/**
 * A rendition's cache entry: its bytes and validators, kept for the feed's max-age, with their length, which a
 * hit states again (`statedLength`) so that the request log need not read the body to count it.
 */
function toRenditionEntry(rendition: Rendition): Response {
  const body = new TextEncoder().encode(rendition.body);
  return new Response(body, {
    headers: {
      'Content-Type': FEED_CONTENT_TYPES[rendition.format],
      'Cache-Control': ENTRY_CACHE_CONTROL,
      'Content-Length': String(body.byteLength),
      ETag: rendition.etag,
      'Last-Modified': rendition.lastModified,
    },
  });
}

/** The Content-Length a cache entry states, to answer with its body. */
function statedLength(entry: Response): Record<string, string> {
  const length = entry.headers.get('Content-Length');
  return length === null ? {} : { 'Content-Length': length };
}

/** A feed variant's cache entry: the core's bytes and validators, kept a minute (VARIANT_ENTRY_CACHE_CONTROL). */
function toVariantEntry(response: Response, body: ReadableStream | null): Response {
  const headers = new Headers({ 'Cache-Control': VARIANT_ENTRY_CACHE_CONTROL });
  for (const name of ['Content-Type', 'ETag', 'Last-Modified']) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(body, { headers });
}

/**
 * The answer a cached variant entry gives `request`: 304 when its validators match (RFC 9110 §13.2), else
 * 200 with its bytes; with the headers the core sends (the feed route adds `Vary` for a feed's own URL).
 */
function answerFromVariantEntry(request: Request, entry: Response, format: FeedFormat, combined: boolean): Response {
  const validators = {
    etag: entry.headers.get('ETag') ?? '',
    lastModified: new Date(entry.headers.get('Last-Modified') ?? 0).toISOString(),
  };
  const conditional = {
    ifNoneMatch: request.headers.get('If-None-Match') ?? undefined,
    ifModifiedSince: request.headers.get('If-Modified-Since') ?? undefined,
  };
  const withVary = (headers: Record<string, string>) => (combined ? headers : withNavigationVary(headers));
  if (isNotModified(conditional, validators)) {
    void entry.body?.cancel();
    return new Response(null, { status: 304, headers: withVary(feedHeaders(validators)) });
  }
  return new Response(entry.body, { status: 200, headers: withVary(feedHeaders(validators, format)) });
}

/** The feeds `/feeds/{file}` reads, with its format; `undefined` when it is no feed the definitions name enabled. */
function resolveFeedFile(pathname: string, feeds: ReadonlyMap<string, FeedDefinition>) {
  const file = FEED_PATH.exec(pathname)?.[1];
  const target = file === undefined ? undefined : parseFeedFile(file);
  if (!target) return undefined;
  if (target.id === COMBINED_FEED_ID) return { ...target, reads: listCombinedFeeds(feeds) };
  const feed = feeds.get(target.id);
  // A feed disabled by its definition is the core app's to answer (410), never the cache's.
  return feed && feed.enabled !== false ? { ...target, reads: [feed] } : undefined;
}

/**
 * `caches.default`, or undefined where the runtime has no Cache API.
 * @example const cache = openDefaultCache(); if (cache) await cache.match(key)
 */
export function openDefaultCache(): EdgeCache | undefined {
  return (globalThis as { caches?: { default?: EdgeCache } }).caches?.default;
}

/**
 * The cache key of a feed's own URL: the URL itself, at PUBLIC_URL's origin (so the publishing tick, which has
 * no request, writes the key readers match).
 * @example renditionCacheKey('https://feeds.example', 'monitor', 'atom') // 'https://feeds.example/feeds/monitor.atom'
 */
export function renditionCacheKey(origin: string, feedId: string, format: FeedFormat): string {
  return `${origin}${feedPath(feedId, format)}`;
}

/**
 * A takedown's purge of the edge cache (the core app's `purgeCache` port): delete the feed's entries — every
 * format, whichever the store held — at once, in the data centre the takedown runs in; in the others an entry
 * lives out its max-age (see the module comment).
 *
 * @example await purgeRenditionCache(caches.default, publicOrigin, 'monitor')
 */
export async function purgeRenditionCache(cache: EdgeCache, origin: string, feedId: string): Promise<void> {
  await Promise.all(
    FEED_FORMATS.map(async (format) => {
      await cache.delete?.(renditionCacheKey(origin, feedId, format));
    }),
  );
}

/**
 * `store`, whose `putRendition` also replaces the feed's entry in this data centre's cache (through `defer`):
 * a refresh's new bytes are served here at once, not after the old entry's max-age.
 *
 * @example openInvocation(setup, refreshCacheOnPublish(createD1Store(env.DB), cache, publicOrigin, defer, log))
 */
export function refreshCacheOnPublish(
  store: Store,
  cache: EdgeCache | undefined,
  origin: string,
  defer: Defer,
  log: Log,
): Store {
  if (!cache) return store;
  return {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    ...store,
    async putRendition(rendition) {
      await store.putRendition(rendition);
      const key = renditionCacheKey(origin, rendition.feedId, rendition.format);
      // The store ignores a taken-down feed's writes (a refresh in flight); so must the cache.
      const takenDown = await store.getTakedown(rendition.feedId);
      const work = takenDown ? cache.delete?.(key) : cache.put(key, toRenditionEntry(rendition));
      defer(
        Promise.resolve(work).catch((error: unknown) =>
          log('warn', 'cache write failed', { key, message: String(error) }),
        ),
      );
    },
  };
}

/** What serving one request needs: the validators read so far, the cache, and this request's `defer`. */
interface CacheContext {
  readonly cache: EdgeCache;
  /** The request's origin, for variants' keys. */
  readonly origin: string;
  /** PUBLIC_URL's origin, for feeds' own keys (`renditionCacheKey`). */
  readonly publicOrigin: string;
  readonly readValidators: (feedId: string, format: FeedFormat) => Promise<Validators | undefined>;
  readonly write: (key: string, entry: Response) => void;
}

type FeedTarget = NonNullable<ReturnType<typeof resolveFeedFile>>;

/** The validators a cache entry holds (`toRenditionEntry`). */
function entryValidators(entry: Response): { etag: string; lastModified: string } | undefined {
  const etag = entry.headers.get('ETag');
  const lastModified = entry.headers.get('Last-Modified');
  return etag === null || lastModified === null ? undefined : { etag, lastModified };
}

/** A feed's own URL: 200 or 304 from its cache entry without a D1 read, else (a miss) the core's answer. */
async function servePlain(
  context: CacheContext,
  request: Request,
  target: FeedTarget,
  render: () => Promise<Response>,
): Promise<Response> {
  const hit = await context.cache.match(renditionCacheKey(context.publicOrigin, target.id, target.format));
  const validators = hit && entryValidators(hit);
  if (!hit || !validators) {
    void hit?.body?.cancel();
    return render();
  }
  const conditional = {
    ifNoneMatch: request.headers.get('If-None-Match') ?? undefined,
    ifModifiedSince: request.headers.get('If-Modified-Since') ?? undefined,
  };
  if (isNotModified(conditional, validators)) {
    void hit.body?.cancel();
    return new Response(null, { status: 304, headers: withNavigationVary(feedHeaders(validators)) });
  }
  const headers = { ...withNavigationVary(feedHeaders(validators, target.format)), ...statedLength(hit) };
  return new Response(hit.body, { status: 200, headers });
}

/**
 * A variant's key (see the module comment): its URL with sorted parameters, versioned by a token over the
 * ETags of the feeds it reads; `undefined` when one of them has no rendition.
 */
async function findVariantKey(context: CacheContext, url: URL, target: FeedTarget): Promise<string | undefined> {
  const validators = await Promise.all(target.reads.map((feed) => context.readValidators(feed.id, target.format)));
  if (target.reads.length === 0 || validators.some((v) => v === undefined)) return undefined;
  const tags = validators.map((v, index) => `${target.reads[index]?.id ?? ''}=${opaqueTag(v?.etag ?? '')}`);
  const version = (await sha256Hex(tags.join('\n'))).slice(0, 32);
  const params = new URLSearchParams(url.search);
  // Stable: repeated names keep their order, which may matter to the core (it reads the first).
  params.sort();
  // `v` first and of fixed length, so no query can spell another's key, nor a plain feed's (`?v=` alone).
  return `${context.origin}${url.pathname}?v=${version}&${params.toString()}`;
}

/** A feed variant or the combined feed: from the cache when it holds it, else rendered by the core and kept a minute. */
async function serveVariant(
  context: CacheContext,
  request: Request,
  target: FeedTarget,
  render: () => Promise<Response>,
): Promise<Response> {
  const key = await findVariantKey(context, new URL(request.url), target);
  if (key === undefined) return render();
  const combined = target.id === COMBINED_FEED_ID;
  const hit = await context.cache.match(key);
  if (hit) return answerFromVariantEntry(request, hit, target.format, combined);
  const response = await render();
  if (response.status !== 200 || !response.body) return response;
  const [toClient, toCache] = response.body.tee();
  context.write(key, toVariantEntry(response, toCache));
  return new Response(toClient, response);
}

/**
 * The edge cache for one request. Create one per request: it remembers the validators it has read, and
 * writes through that request's `defer`.
 *
 * @example
 * const cached = createRenditionCache(createD1Store(c.env.DB), caches.default, { request, public }, (p) => c.executionCtx.waitUntil(p), log);
 * c.set('store', cached.store); // the routes read validators and bodies through it
 * return cached.serve(c.req.raw, feeds, async () => (await next(), c.res));
 */
export function createRenditionCache(
  store: Store,
  cache: EdgeCache,
  origins: { readonly request: string; readonly public: string },
  defer: Defer,
  log: Log,
): RenditionCache {
  const seen = new Map<string, Promise<Validators | undefined>>();
  const readValidators = (feedId: string, format: FeedFormat) => {
    const slot = `${feedId}.${format}`;
    if (!seen.has(slot)) seen.set(slot, store.getRenditionValidators(feedId, format));
    return seen.get(slot) as Promise<Validators | undefined>;
  };
  const write = (key: string, entry: Response) => {
    defer(
      cache
        .put(key, entry)
        .catch((error: unknown) => log('warn', 'cache write failed', { key, message: String(error) })),
    );
  };
  const context: CacheContext = { cache, origin: origins.request, publicOrigin: origins.public, readValidators, write };
  return {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    store: {
      ...store,
      getRenditionValidators: readValidators,
      async getRendition(feedId, format) {
        const rendition = await store.getRendition(feedId, format);
        if (rendition) write(renditionCacheKey(origins.public, feedId, format), toRenditionEntry(rendition));
        return rendition;
      },
      // Any takedown served here — the admin route's, or the kill switch of a definition disabled by a deploy —
      // empties this data centre's entries at once: a request still served by an older deploy must find D1's.
      async takeDown(takedown) {
        await store.takeDown(takedown);
        await purgeRenditionCache(cache, origins.public, takedown.feedId);
      },
    },
    serve(request, feeds, render) {
      const url = new URL(request.url);
      // A browser navigation gets the core's preview page, never a cached feed (cache keys hold feeds only).
      const target =
        isNavigation(request) || request.method !== 'GET' ? undefined : resolveFeedFile(url.pathname, feeds);
      if (!target) return render();
      // A query never reaches the plain feed's key: a variant has its own (findVariantKey).
      if (url.search === '' && target.id !== COMBINED_FEED_ID) return servePlain(context, request, target, render);
      return serveVariant(context, request, target, render);
    },
  };
}
