/**
 * @module core/serve/rendition-bytes
 * A stored rendition as the feed route sends it: its validators, the headers of its 304 and its 200, and its
 * encoded bytes. The store keeps a rendition as TEXT; turning that into a JS string and encoding it back was
 * most of a 200's cost (issue 11), so it is done once per rendition where a runtime can keep the bytes.
 *
 * - `readStoredRendition`: no cache (the Worker, whose edge cache sits in front of the core instead): the
 *   validators from the store, the body read and encoded only when a 200 needs it (RFC 9110 §13.2: a 304 is
 *   decided before the body is read).
 * - `cacheRenditionBytes`: an in-memory cache keyed by (feed, format), filled on first read, holding the
 *   headers precomputed and the bytes encoded once. It must never serve what the store no longer holds:
 *   - writes made through its `store` (publish, takedown, lift, the kill switch) drop the feed's entries;
 *   - writes made by another process on the same database (the CLI's refresh) are seen through `version`,
 *     asked on every read: a value that changed since the last read drops every entry. On SQLite,
 *     `PRAGMA data_version` is that value — it changes when another connection commits (sqlite.org/pragma.html
 *     #pragma_data_version) and costs no table read. Node asks it at most once a millisecond
 *     (src/runtime/node/server.ts), so another process's commit is served at most 1 ms after it lands.
 *   - a read in flight when a write lands does not fill the cache with what it read (a generation count).
 * Pure: the version, like every port, comes from the runtime (src/runtime/node/server.ts).
 */
import { createBytesLru } from '../bytes-lru.ts';
import { FEED_FORMATS } from '../feed-formats.ts';
import { rememberBounded } from '../remember.ts';
import type { Rendition, Store } from '../store.ts';
import type { FeedFormat } from '../types.ts';
import { feedHeaders, type Validators } from './http-cache.ts';

/** A 200's body and headers (`feedHeaders` with the media type, and the body's length). */
export interface FullRendition {
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the feed route serves one rendition from. */
export interface ServedRendition {
  readonly validators: Validators;
  /** `feedHeaders(validators)`: a 304's headers (RFC 9110 §15.4.5). */
  readonly notModifiedHeaders: Readonly<Record<string, string>>;
  /** The body and its headers; `undefined` when the rendition went between the two reads. */
  full(): Promise<FullRendition | undefined>;
  /** What `full()` resolves to, when it is in memory already (a cached rendition): answered without waiting. */
  readonly loaded?: FullRendition;
}

/** A rendition of one feed as the route serves it, or `undefined` when the store holds none to serve. */
export type ReadRendition = (feedId: string, format: FeedFormat) => Promise<ServedRendition | undefined>;

/** The 200 of a stored rendition: its bytes encoded once, with the headers that state them. */
function toFull(rendition: Rendition): FullRendition {
  const bytes = new TextEncoder().encode(rendition.body);
  // Stated, so the request log counts the body without reading it (src/core/serve/request-log.ts).
  const headers = { ...feedHeaders(rendition, rendition.format), 'Content-Length': String(bytes.byteLength) };
  return { bytes, headers };
}

/**
 * A rendition read from the store on every request: the validators first, the body only for a 200.
 * @example const served = await readStoredRendition(store, 'monitor', 'atom')
 */
export async function readStoredRendition(
  store: Store,
  feedId: string,
  format: FeedFormat,
): Promise<ServedRendition | undefined> {
  const validators = await store.getRenditionValidators(feedId, format);
  if (!validators) return undefined;
  return {
    validators,
    notModifiedHeaders: feedHeaders(validators),
    full: async () => {
      const rendition = await store.getRendition(feedId, format);
      return rendition && toFull(rendition);
    },
  };
}

/** A cached rendition: everything precomputed, its body included. */
function toServed(rendition: Rendition): ServedRendition & { readonly size: number } {
  const full = toFull(rendition);
  const validators = { etag: rendition.etag, lastModified: rendition.lastModified };
  const done = Promise.resolve(full);
  const notModifiedHeaders = feedHeaders(validators);
  return { validators, notModifiedHeaders, full: () => done, loaded: full, size: full.bytes.byteLength };
}

/** Each rendition's cache key, `${feedId}.${format}`, made once per feed rather than on every read. */
function renditionKeys(): (feedId: string, format: FeedFormat) => string {
  // Bounded (core/remember): the ids read are defined feeds', but a map must not grow without end.
  const keysOf = rememberBounded(
    (feedId: string): Partial<Record<FeedFormat, string>> =>
      Object.fromEntries(FEED_FORMATS.map((each) => [each, `${feedId}.${each}`])),
    1024,
  );
  return (feedId, format) => keysOf(feedId)[format] ?? `${feedId}.${format}`;
}

/** At most this many bytes of bodies are kept; the least recently read go first. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface RenditionBytesOptions {
  /** A value that changes whenever another process changes the database (SQLite: `PRAGMA data_version`). */
  readonly version: () => number;
  readonly maxBytes?: number;
}

/**
 * The bytes cache over `store` (see the module comment). Give `store` — the wrapped one — to everything that
 * writes (the runner, the app), and `read` to the app as its `readRendition`; `peek` is `read` for a rendition
 * already in memory, without a promise.
 *
 * @example
 * const cached = cacheRenditionBytes(sqlite, { version: () => sqlite.dataVersion() });
 * createApp({ store: cached.store, readRendition: cached.read, … })
 */
export function cacheRenditionBytes(store: Store, options: RenditionBytesOptions) {
  const entries = createBytesLru<ServedRendition & { readonly size: number }>(
    options.maxBytes ?? DEFAULT_MAX_BYTES,
    (entry) => entry.size,
  );
  const keyOf = renditionKeys();
  let generation = 0;
  let seenVersion = options.version();
  const currentGeneration = () => {
    const version = options.version();
    if (version !== seenVersion) {
      seenVersion = version;
      entries.clear();
      generation++;
    }
    return generation;
  };
  const dropFeed = (feedId: string) => {
    generation++;
    for (const format of FEED_FORMATS) entries.delete(keyOf(feedId, format));
  };
  /** A rendition in memory, answered without a promise (Node's fast path); `undefined` when `read` must load it. */
  const peek = (feedId: string, format: FeedFormat): ServedRendition | undefined => {
    currentGeneration();
    return entries.get(keyOf(feedId, format));
  };
  const read: ReadRendition = async (feedId, format) => {
    const key = keyOf(feedId, format);
    const started = currentGeneration();
    const hit = entries.get(key);
    if (hit) return hit;
    const rendition = await store.getRendition(feedId, format);
    if (!rendition) return undefined;
    const served = toServed(rendition);
    // Only what no write has overtaken (see the module comment).
    if (currentGeneration() === started) entries.set(key, served);
    return served;
  };
  const cachedStore: Store = {
    // Backends are plain objects of closures (createSqlStore), so spreading keeps every other method working.
    ...store,
    async putRendition(rendition) {
      await store.putRendition(rendition);
      dropFeed(rendition.feedId);
    },
    async takeDown(takedown) {
      await store.takeDown(takedown);
      dropFeed(takedown.feedId);
    },
    async liftTakedown(feedId) {
      await store.liftTakedown(feedId);
      dropFeed(feedId);
    },
  };
  return { store: cachedStore, read, peek };
}
