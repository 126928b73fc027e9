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
 *     next request finds D1's takedown (410); a definition disabled by a deploy is 410 everywhere at once (the
 *     bundled definitions are checked before the cache);
 *   - in every other data centre, an entry lives out its max-age: a new rendition or a takedown is seen
 *     there within 300 s, as any shared cache between Lede and its readers may also take.
 * - A hit streams the cached bytes straight into the response: no JavaScript touches them, so the CPU a
 *   hit costs does not grow with the feed's size (docs/workers.md, "Measured").
 * - A miss reads the validators from D1 and goes through the core app, which reads the body from D1; the bytes
 *   are written to the cache through `defer` (`ctx.waitUntil`), after the response is sent.
 * - Feed variants (a query, or `/feeds/all.*`) have their own keys and a minute's lifetime:
 *   src/runtime/worker/variant-cache.ts.
 *
 * KV is not used: it would add a third store, itself eventually consistent for up to 60 s, and a read per
 * request that the Cache API answers locally (docs/workers.md, "Caching").
 */
import type { Defer, Log } from '../../core/ports.ts';
import { COMBINED_FEED_ID, FEED_CONTENT_TYPES, FEED_FORMATS, feedPath } from '../../core/feed-formats.ts';
import { listCombinedFeeds } from '../../core/serve/combined-feed.ts';
import { parseFeedFile } from '../../core/serve/feed-route.ts';
import { FEED_MAX_AGE_SECONDS, feedHeaders, isNotModified } from '../../core/serve/http-cache.ts';
import { isNavigation, withNavigationVary } from '../../core/serve/pages/preview-page.ts';
import type { FeedDefinition, FeedFormat } from '../../core/types.ts';
import type { Rendition, Store } from '../../core/store.ts';
import { combinedGenerationKey, readCombinedGeneration } from './combined-generation.ts';
import { isBudgetRefusal, type SubrequestBudget } from './budget.ts';
import type { EdgeCache } from './edge-cache.ts';
import { serveVariant, type VariantContext, type VariantTarget } from './variant-cache.ts';

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
const FEED_PATH = /^\/feeds\/([^/]+)$/;

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

/** The feeds `/feeds/{file}` reads, with its format; `undefined` when it is no feed the definitions name enabled. */
function resolveFeedFile(pathname: string, feeds: ReadonlyMap<string, FeedDefinition>): VariantTarget | undefined {
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
 * format, whichever the store held — and the combined feed's generations at once, in the data centre the
 * takedown runs in; in the others an entry lives out its max-age (see the module comment).
 *
 * @example await purgeRenditionCache(cache, publicOrigin, 'monitor')
 */
export async function purgeRenditionCache(cache: EdgeCache, origin: string, feedId: string): Promise<void> {
  // The combined feed held the feed's items too: its generations go with the feed's entries.
  const keys = FEED_FORMATS.flatMap((format) => [
    renditionCacheKey(origin, feedId, format),
    combinedGenerationKey(origin, format),
  ]);
  await Promise.all(
    keys.map(async (key) => {
      await cache.delete?.(key);
    }),
  );
}

/**
 * `store`, whose `putRendition` also replaces the feed's entry in this data centre's cache (through `defer`):
 * a refresh's new bytes are served here at once, not after the old entry's max-age. Each write is a
 * subrequest of the invocation, so it is taken from `budget` (reserved per feed by `planArticlePages`); one the
 * budget refuses is skipped, and the entry here lives out its max-age, as in every other data centre.
 *
 * @example openInvocation(setup, (budget) => refreshCacheOnPublish(createD1Store(env.DB), cache, { origin, defer, log, budget }))
 */
export function refreshCacheOnPublish(
  store: Store,
  cache: EdgeCache | undefined,
  invocation: { readonly origin: string; readonly defer: Defer; readonly log: Log; readonly budget: SubrequestBudget },
): Store {
  if (!cache) return store;
  const { origin, defer, log, budget } = invocation;
  return {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    ...store,
    async putRendition(rendition) {
      await store.putRendition(rendition);
      const key = renditionCacheKey(origin, rendition.feedId, rendition.format);
      // The store ignores a taken-down feed's writes (a refresh in flight); so must the cache.
      const takenDown = await store.getTakedown(rendition.feedId);
      try {
        budget.take(key);
      } catch (error) {
        if (!isBudgetRefusal(error)) throw error;
        log('warn', 'cache write skipped', { key, message: 'this invocation’s subrequests are spent' });
        return;
      }
      const work = takenDown ? cache.delete?.(key) : cache.put(key, toRenditionEntry(rendition));
      defer(
        Promise.resolve(work).catch((error: unknown) =>
          log('warn', 'cache write failed', { key, message: String(error) }),
        ),
      );
    },
  };
}

/** What serving one request needs: the variants' context, PUBLIC_URL's origin for feeds' own keys. */
interface CacheContext extends VariantContext {
  readonly publicOrigin: string;
}

/** A feed's own URL: 200 or 304 from its cache entry without a D1 read, else (a miss) the core's answer. */
async function servePlain(
  context: CacheContext,
  request: Request,
  target: VariantTarget,
  render: () => Promise<Response>,
): Promise<Response> {
  const hit = await context.cache.match(renditionCacheKey(context.publicOrigin, target.id, target.format));
  const etag = hit?.headers.get('ETag');
  const lastModified = hit?.headers.get('Last-Modified');
  if (!hit || etag == null || lastModified == null) {
    void hit?.body?.cancel();
    return render();
  }
  const validators = { etag, lastModified };
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
 * The edge cache for one request. Create one per request: it remembers the validators it has read, and
 * writes through that request's `defer`.
 *
 * @example
 * const cached = createRenditionCache(createD1Store(c.env.DB), cache, { request, public }, (p) => c.executionCtx.waitUntil(p), log);
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
  const getRendition: Store['getRendition'] = async (feedId, format) => {
    const rendition = await store.getRendition(feedId, format);
    if (rendition) write(renditionCacheKey(origins.public, feedId, format), toRenditionEntry(rendition));
    return rendition;
  };
  // A feed's ETag for a variant's key: its cached entry's, else D1's rendition, which is cached for the next.
  const readFeedTag = async (feedId: string, format: FeedFormat) => {
    const entry = await cache.match(renditionCacheKey(origins.public, feedId, format));
    void entry?.body?.cancel();
    return entry?.headers.get('ETag') ?? (await getRendition(feedId, format))?.etag;
  };
  const context: CacheContext = {
    cache,
    origin: origins.request,
    publicOrigin: origins.public,
    readFeedTag,
    readCombinedGeneration: (format) => readCombinedGeneration(cache, origins.public, format, log),
    write,
  };
  return {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    store: {
      ...store,
      getRenditionValidators: readValidators,
      getRendition,
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
      // A query never reaches the plain feed's key: a variant has its own (variant-cache.ts).
      if (url.search === '' && target.id !== COMBINED_FEED_ID) return servePlain(context, request, target, render);
      return serveVariant(context, request, target, render);
    },
  };
}
