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
 * KV is not used: it would add a third store, eventually consistent for up to 60 s, to hold what the D1
 * validator row already answers consistently (docs/workers.md, "Caching").
 */
import type { Defer, Log } from '../../core/ports.ts';
import { COMBINED_FEED_ID, FEED_CONTENT_TYPES, feedPath } from '../../core/feed-formats.ts';
import { sha256Hex } from '../../core/hash.ts';
import { listCombinedFeeds } from '../../core/serve/combined-feed.ts';
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

/** A versioned entry never changes, so a shared cache may keep it as long as it likes (RFC 8246). */
const ENTRY_CACHE_CONTROL = 'public, max-age=604800, immutable';
/** A variant's entry: at most a minute behind what no ETag covers (see the module comment). */
const VARIANT_ENTRY_CACHE_CONTROL = 'public, max-age=60';
const FEED_PATH = /^\/feeds\/([^/]+)$/;

/** The opaque part of an entity tag: `W/"3f…"` → `3f…`. */
function opaqueTag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '');
}

/**
 * A rendition's cache entry: its bytes, kept as long as the cache likes (its key changes with them), with their
 * length, which a hit states again (`statedLength`) so that the request log need not read the body to count it.
 */
function toRenditionEntry(rendition: Rendition): Response {
  const body = new TextEncoder().encode(rendition.body);
  return new Response(body, {
    headers: {
      'Content-Type': FEED_CONTENT_TYPES[rendition.format],
      'Cache-Control': ENTRY_CACHE_CONTROL,
      'Content-Length': String(body.byteLength),
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
 * The cache key of one rendition's bytes: its public URL, versioned by the ETag's opaque tag.
 * @example renditionCacheKey('https://feeds.example', 'monitor', 'atom', '"3f…"') // 'https://feeds.example/feeds/monitor.atom?v=3f…'
 */
export function renditionCacheKey(origin: string, feedId: string, format: FeedFormat, etag: string): string {
  return `${origin}${feedPath(feedId, format)}?v=${encodeURIComponent(opaqueTag(etag))}`;
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

/** What serving one request needs: the validators read so far, the cache, and this request's `defer`. */
interface CacheContext {
  readonly cache: EdgeCache;
  readonly origin: string;
  readonly readValidators: (feedId: string, format: FeedFormat) => Promise<Validators | undefined>;
  readonly write: (key: string, entry: Response) => void;
}

type FeedTarget = NonNullable<ReturnType<typeof resolveFeedFile>>;

/** A feed's own URL: 200 from the cache under its ETag-versioned key, else (304 included) the core's answer. */
async function servePlain(
  context: CacheContext,
  request: Request,
  target: FeedTarget,
  render: () => Promise<Response>,
): Promise<Response> {
  const validators = await context.readValidators(target.id, target.format);
  if (!validators) return render();
  const conditional = {
    ifNoneMatch: request.headers.get('If-None-Match') ?? undefined,
    ifModifiedSince: request.headers.get('If-Modified-Since') ?? undefined,
  };
  if (isNotModified(conditional, validators)) return render();
  const hit = await context.cache.match(renditionCacheKey(context.origin, target.id, target.format, validators.etag));
  if (!hit) return render();
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
 * const cached = createRenditionCache(createD1Store(c.env.DB), caches.default, origin, (p) => c.executionCtx.waitUntil(p), log);
 * c.set('store', cached.store); // the routes read validators and bodies through it
 * return cached.serve(c.req.raw, feeds, async () => (await next(), c.res));
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
  const write = (key: string, entry: Response) => {
    defer(
      cache
        .put(key, entry)
        .catch((error: unknown) => log('warn', 'cache write failed', { key, message: String(error) })),
    );
  };
  const context: CacheContext = { cache, origin, readValidators, write };
  return {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    store: {
      ...store,
      getRenditionValidators: readValidators,
      async getRendition(feedId, format) {
        const rendition = await store.getRendition(feedId, format);
        if (rendition) write(renditionCacheKey(origin, feedId, format, rendition.etag), toRenditionEntry(rendition));
        return rendition;
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
