/**
 * @module core/serve/feed-route
 * `GET|HEAD /feeds/{id}.{rss|atom|json}`: serves the stored rendition. The 304 decision is made from the
 * validators alone, before the body is read (RFC 9110 §13.2); a refresh failing never blanks a feed,
 * because the last rendition stays until a new one replaces it.
 *
 * A feed that is taken down answers 410 Gone (RFC 9110 §15.5.11: gone on purpose, and for good as far as
 * the server knows — subscribers should drop it). `no-store`, so lifting the takedown is seen at once.
 * A taken-down feed's renditions read as absent (the store hides them), so the takedown is only looked
 * up when there is nothing to serve.
 *
 * The hot path — a stored feed's own URL, answered from its validators and bytes — is one function,
 * `answerStoredFeed`, which the route calls first and Node's fast path calls in front of the app.
 */
import type { Context } from 'hono';
import { applyKillSwitch } from '../refresh/takedown.ts';
import type { FeedFormat } from '../types.ts';
import { COMBINED_FEED_ID } from '../feed-formats.ts';
import { rememberBounded } from '../remember.ts';
import { hasFeedQuery } from './feed-query.ts';
import { serveFeedVariant } from './feed-variant.ts';
import { CORS_HEADERS, isNotModified } from './http-cache.ts';
import { NAVIGATION_VARY, isNavigation, servePreview, withNavigationVary } from './pages/preview-page.ts';
import { answerPlainly, type PlainAnswer } from './plain-answer.ts';
import {
  readStoredRendition,
  type FullRendition,
  type ReadRendition,
  type ServedRendition,
} from './rendition-bytes.ts';
import { currentFeeds, type ServeEnv, type ServeOptions } from './serve-env.ts';

const FEED_FILE = /^([a-z0-9][a-z0-9_-]*)\.(rss|atom|json)$/;

/**
 * The feed a `/feeds/{file}` names, or `undefined` when the name is not `{id}.{rss|atom|json}`.
 * @example parseFeedFile('monitor.atom') // { id: 'monitor', format: 'atom' }
 */
export function parseFeedFile(file: string): { id: string; format: FeedFormat } | undefined {
  const match = FEED_FILE.exec(file);
  return match ? { id: match[1] as string, format: match[2] as FeedFormat } : undefined;
}

/**
 * `parseFeedFile`, remembered for 256 names (core/remember: they come from clients, so bounded): the hot path
 * parses the same few names on every request (no match array each). Frozen, as each answer is shared.
 */
const parseFeedFileOnce = rememberBounded(
  (file: string): { readonly id: string; readonly format: FeedFormat } | undefined => {
    const parsed = parseFeedFile(file);
    return parsed && Object.freeze(parsed);
  },
  256,
);

function answerGone(c: Context): Response {
  return c.json({ error: 'this feed has been taken down' }, 410, { 'Cache-Control': 'no-store', ...CORS_HEADERS });
}

function answerNotBuilt(c: Context): Response {
  // Defined but never refreshed yet: tell clients to come back soon (RFC 9110 §10.2.3).
  return c.json({ error: 'feed not built yet; try again shortly' }, 503, { 'Retry-After': '60' });
}

/** Each rendition's headers with the feed URL's `Vary`, made once per rendition (its header objects last as long). */
const varied = new WeakMap<Readonly<Record<string, string>>, Readonly<Record<string, string>>>();

function withVary(headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  let made = varied.get(headers);
  if (!made) varied.set(headers, (made = Object.freeze(withNavigationVary(headers))));
  return made;
}

function answerFull(full: FullRendition): PlainAnswer {
  // Bytes, with their length stated (the request log counts it without a read): never a string per request.
  return { status: 200, body: full.bytes, headers: withVary(full.headers) };
}

/**
 * The stored rendition's 304 or 200 as plain parts (no header object per request), or `undefined` when the
 * rendition went between the two reads; at once when its bytes are in memory.
 */
function answerServed(
  headers: Pick<Headers, 'get'>,
  served: ServedRendition,
): PlainAnswer | undefined | Promise<PlainAnswer | undefined> {
  const conditional = {
    ifNoneMatch: headers.get('If-None-Match') ?? undefined,
    ifModifiedSince: headers.get('If-Modified-Since') ?? undefined,
  };
  if (isNotModified(conditional, served.validators))
    return { status: 304, body: null, headers: withVary(served.notModifiedHeaders) };
  if (served.loaded) return answerFull(served.loaded);
  return served.full().then((full) => full && answerFull(full));
}

/** The pattern the feed route is mounted on: the request log and the metrics name it (src/core/serve/app.ts). */
export const FEED_ROUTE = '/feeds/:file';

/**
 * What the feed's answer reads from a request, and nothing more: the request URL (only whether it has a query),
 * `Headers.get` (a web `Request`'s headers, or Node's listener's view of an `IncomingMessage`, src/runtime/node/
 * fast-feeds.ts) and the route's `file`.
 */
interface FeedRequest {
  /** The request URL, absolute or as the request target (`/feeds/x.rss?limit=2`): only its `?` is looked for. */
  readonly url: string;
  readonly headers: Pick<Headers, 'get'>;
  /** The path segment after `/feeds/`, decoded (Hono's `c.req.param('file')`). */
  readonly file: string;
}

/** A rendition reader that may answer at once: Node's reads a rendition in memory without a promise. */
export type ReadNow = (
  feedId: string,
  format: FeedFormat,
) => ServedRendition | undefined | Promise<ServedRendition | undefined>;

/**
 * The plain answer (src/core/serve/plain-answer.ts: a 200 or 304 of the stored bytes) to a request for a stored
 * feed's own URL — no query string, not a person's navigation, the feed defined and enabled, a rendition stored —
 * or `undefined`, for the route's other rules to decide (a 404, 410 or 503, the preview page, a variant).
 * The one decision of the hot path: the route makes it first, and Node's fast path in front of the app makes
 * the very same call (src/runtime/node/fast-feeds.ts), so the two cannot answer differently. Given a `read`
 * that answers at once, it answers at once too (no promise), when the rendition's bytes are in memory.
 * @example const plain = await answerStoredFeed(options, read, { url: c.req.url, headers: c.req.raw.headers, file: 'monitor.rss' })
 */
export function answerStoredFeed(
  options: Pick<ServeOptions, 'feeds' | 'problems'>,
  read: ReadNow,
  request: FeedRequest,
): PlainAnswer | undefined | Promise<PlainAnswer | undefined> {
  const target = parseFeedFileOnce(request.file);
  if (!target || target.id === COMBINED_FEED_ID || request.url.includes('?')) return undefined;
  const feed = currentFeeds(options).feeds.get(target.id);
  if (!feed || feed.enabled === false || isNavigation(request)) return undefined;
  const served = read(target.id, target.format);
  if (served instanceof Promise) return served.then((loaded) => loaded && answerServed(request.headers, loaded));
  return served && answerServed(request.headers, served);
}

/** What the route answers when `answerStoredFeed` has no plain answer: every rule of the feed URL in order. */
async function serveFeedRules(c: Context<ServeEnv>, options: ServeOptions, read: ReadRendition, file: string) {
  const store = c.get('store');
  const target = parseFeedFile(file);
  // The combined feed and a feed's URL with parameters are rendered per request (feed-variant.ts).
  if (target?.id === COMBINED_FEED_ID)
    return (await serveFeedVariant(c, options, { format: target.format })) ?? answerNotBuilt(c);
  const feed = target && currentFeeds(options).feeds.get(target.id);
  if (!target || !feed) return c.json({ error: 'no such feed' }, 404);
  if (feed.enabled === false) {
    // The definition says so: gone at once; the first request after a deploy also purges what is stored.
    await applyKillSwitch(store, feed, options.clock());
    return answerGone(c);
  }
  // A person opening the feed in a browser gets its preview page; everything else gets the feed (Vary tells them apart).
  const page = isNavigation(c.req.raw) ? await servePreview(c, feed, target.format) : undefined;
  if (page) return page;
  const served = await read(target.id, target.format);
  if (!served) {
    c.header('Vary', NAVIGATION_VARY, { append: true });
    return (await store.getTakedown(target.id)) ? answerGone(c) : answerNotBuilt(c);
  }
  // Only a URL with a query can ask for a variant: most requests skip parsing it.
  if (c.req.url.includes('?') && hasFeedQuery(new URL(c.req.url).searchParams)) {
    c.header('Vary', NAVIGATION_VARY, { append: true });
    return (await serveFeedVariant(c, options, { format: target.format, feed })) ?? answerNotBuilt(c);
  }
  const answer = await answerServed(c.req.raw.headers, served);
  if (answer) return answerPlainly(answer);
  c.header('Vary', NAVIGATION_VARY, { append: true });
  return answerNotBuilt(c);
}

/**
 * The handler of `GET /feeds/:file`, over the request's store (`c.get('store')`).
 * @example app.get(FEED_ROUTE, serveFeed(options))
 */
export function serveFeed(options: ServeOptions) {
  return async (c: Context<ServeEnv>): Promise<Response> => {
    const store = c.get('store');
    const read: ReadRendition =
      c.get('readRendition') ?? ((feedId, format) => readStoredRendition(store, feedId, format));
    const file = c.req.param('file') ?? '';
    // The hot path first: a stored feed's own URL (the one decision Node's fast path makes too).
    const plain = await answerStoredFeed(options, read, { url: c.req.url, headers: c.req.raw.headers, file });
    return plain ? answerPlainly(plain) : serveFeedRules(c, options, read, file);
  };
}
