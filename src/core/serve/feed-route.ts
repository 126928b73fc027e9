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
 */
import type { Context } from 'hono';
import type { Clock } from '../ports.ts';
import { applyKillSwitch } from '../refresh/takedown.ts';
import { FEED_CONTENT_TYPES } from '../feed-formats.ts';
import type { FeedDefinition, FeedFormat } from '../types.ts';
import type { Store } from '../store.ts';
import { isNotModified, validatorHeaders } from './http-cache.ts';

const FEED_FILE = /^([a-z0-9][a-z0-9_-]*)\.(rss|atom|json)$/;

/** Readers on other origins (web-based feed readers) may fetch feeds. */
const CORS = { 'Access-Control-Allow-Origin': '*' };

export function parseFeedFile(file: string): { id: string; format: FeedFormat } | undefined {
  const match = FEED_FILE.exec(file);
  return match ? { id: match[1] as string, format: match[2] as FeedFormat } : undefined;
}

function answerGone(c: Context): Response {
  return c.json({ error: 'this feed has been taken down' }, 410, { 'Cache-Control': 'no-store', ...CORS });
}

/**
 * @example app.get('/feeds/:file', (c) => serveFeed(c, store, feeds, clock))
 */
export async function serveFeed(
  c: Context,
  store: Store,
  feeds: ReadonlyMap<string, FeedDefinition>,
  clock: Clock,
): Promise<Response> {
  const target = parseFeedFile(c.req.param('file') ?? '');
  const feed = target && feeds.get(target.id);
  if (!target || !feed) return c.json({ error: 'no such feed' }, 404);
  if (feed.enabled === false) {
    // The definition says so: gone at once; the first request after a deploy also purges what is stored.
    await applyKillSwitch(store, feed, clock());
    return answerGone(c);
  }
  const validators = await store.getRenditionValidators(target.id, target.format);
  if (!validators) {
    if (await store.getTakedown(target.id)) return answerGone(c);
    // Defined but never refreshed yet: tell clients to come back soon (RFC 9110 §10.2.3).
    return c.json({ error: 'feed not built yet; try again shortly' }, 503, { 'Retry-After': '60' });
  }
  const headers = { ...validatorHeaders(validators), ...CORS };
  const conditional = {
    ifNoneMatch: c.req.header('If-None-Match'),
    ifModifiedSince: c.req.header('If-Modified-Since'),
  };
  if (isNotModified(conditional, validators)) return c.body(null, 304, headers);
  const rendition = await store.getRendition(target.id, target.format);
  if (!rendition) return c.json({ error: 'feed not built yet; try again shortly' }, 503, { 'Retry-After': '60' });
  return c.body(rendition.body, 200, {
    ...validatorHeaders(rendition),
    ...CORS,
    'Content-Type': FEED_CONTENT_TYPES[target.format],
  });
}
