/**
 * @module runtime/worker/variant-cache
 * Feed variants through the rendition cache (src/runtime/worker/cache.ts): a URL with a query (`?limit`, `?q`…)
 * and the combined feed `/feeds/all.*` (src/core/serve/feed-variant.ts), rendered by the core on a miss and
 * cached under their own key.
 *
 * - The key is the URL with its parameters in canonical (sorted) order, so `?a=1&b=2` and `?b=2&a=1` share an
 *   entry, versioned by a token. A feed's variant: over its feed's ETag, read from the feed's own cache entry
 *   (`readFeedTag`), so a cached variant, like a cached feed, costs no D1 query; where the entry is missing
 *   the ETag comes from D1, whose rendition is then cached. A refresh published here replaces that entry, so
 *   it changes the key at once; a takedown served here deletes it, and D1 then has no rendition: the cache is
 *   bypassed, so the core answers 410, 503 or 404 exactly as without it. The combined feed: over its
 *   generation and the ids of the feeds it combines (src/runtime/worker/combined-generation.ts), two Cache API
 *   matches however many feeds there are. A variant never gets the plain feed's bytes (its key has a query).
 * - A variant also depends on what no rendition's ETag covers: records past the plain feed's newest
 *   `maxItems` (a re-fetch may change one), and the clock (an item leaves its embargo). So its entry is
 *   kept at most 60 seconds (`max-age=60` on the entry; the Cache API honours it): a variant is at most a
 *   minute behind, while a hot variant costs one render a minute per data centre. The client still gets
 *   the core's headers (`feedHeaders`), as for the plain URL.
 * - A hit answers 304 when the request's validators match the entry's (the core's `isNotModified`), else
 *   200 with the cached bytes. HEAD and conditional misses go to the core, which answers them itself.
 */
import { COMBINED_FEED_ID } from '../../core/feed-formats.ts';
import { sha256Hex } from '../../core/hash.ts';
import { feedHeaders, isNotModified } from '../../core/serve/http-cache.ts';
import { withNavigationVary } from '../../core/serve/pages/preview-page.ts';
import type { FeedDefinition, FeedFormat } from '../../core/types.ts';
import type { EdgeCache } from './edge-cache.ts';

/** What a variant reads: its feeds, in one format. */
export interface VariantTarget {
  readonly id: string;
  readonly format: FeedFormat;
  readonly reads: readonly FeedDefinition[];
}

/** What serving a variant needs from the request's rendition cache. */
export interface VariantContext {
  readonly cache: EdgeCache;
  /** The request's origin, for variants' keys. */
  readonly origin: string;
  /** A feed's current ETag in `format`, `undefined` when it has no rendition (see the module comment). */
  readonly readFeedTag: (feedId: string, format: FeedFormat) => Promise<string | undefined>;
  /** The combined feed's generation in `format` (src/runtime/worker/combined-generation.ts). */
  readonly readCombinedGeneration: (format: FeedFormat) => Promise<string>;
  /** Writes an entry through the request's `defer`, after the response. */
  readonly write: (key: string, entry: Response) => void;
}

/** A variant's entry: at most a minute behind what no ETag covers (see the module comment). */
const VARIANT_ENTRY_CACHE_CONTROL = 'public, max-age=60';

/** The opaque part of an entity tag: `W/"3f…"` → `3f…`. */
function opaqueTag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/"/g, '');
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
function answerFromEntry(request: Request, entry: Response, format: FeedFormat, combined: boolean): Response {
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

/**
 * What versions a variant's key (see the module comment): its feed's id and ETag, or the combined feed's
 * generation and the ids of its feeds; `undefined` when its feed has no rendition, or there is no feed.
 */
async function readVersionParts(context: VariantContext, target: VariantTarget): Promise<string[] | undefined> {
  if (target.reads.length === 0) return undefined;
  if (target.id === COMBINED_FEED_ID) {
    const generation = await context.readCombinedGeneration(target.format);
    return [`generation=${generation}`, ...target.reads.map((feed) => feed.id)];
  }
  const etags = await Promise.all(target.reads.map((feed) => context.readFeedTag(feed.id, target.format)));
  if (etags.some((etag) => etag === undefined)) return undefined;
  return etags.map((etag, index) => `${target.reads[index]?.id ?? ''}=${opaqueTag(etag ?? '')}`);
}

/** A variant's key (see the module comment): its URL with sorted parameters, versioned; `undefined`: not cached. */
async function findVariantKey(context: VariantContext, url: URL, target: VariantTarget): Promise<string | undefined> {
  const parts = await readVersionParts(context, target);
  if (parts === undefined) return undefined;
  const version = (await sha256Hex(parts.join('\n'))).slice(0, 32);
  const params = new URLSearchParams(url.search);
  // Stable: repeated names keep their order, which may matter to the core (it reads the first).
  params.sort();
  // `v` first and of fixed length, so no query can spell another's key, nor a plain feed's (`?v=` alone).
  return `${context.origin}${url.pathname}?v=${version}&${params.toString()}`;
}

/**
 * A feed variant or the combined feed: from the cache when it holds it, else rendered by the core and kept a minute.
 * @example return serveVariant(context, request, { id: 'all', format: 'rss', reads: feeds }, render)
 */
export async function serveVariant(
  context: VariantContext,
  request: Request,
  target: VariantTarget,
  render: () => Promise<Response>,
): Promise<Response> {
  const key = await findVariantKey(context, new URL(request.url), target);
  if (key === undefined) return render();
  const hit = await context.cache.match(key);
  if (hit) return answerFromEntry(request, hit, target.format, target.id === COMBINED_FEED_ID);
  const response = await render();
  if (response.status !== 200 || !response.body) return response;
  const [toClient, toCache] = response.body.tee();
  context.write(key, toVariantEntry(response, toCache));
  return new Response(toClient, response);
}
