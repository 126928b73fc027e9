/**
 * @module core/serve/feed-route
 * `GET|HEAD /feeds/{id}.{rss|atom|json}`: serves the stored rendition. The 304 decision is made from the
 * validators alone, before the body is read (RFC 9110 §13.2); a refresh failing never blanks a feed,
 * because the last rendition stays until a new one replaces it.
 */
import type { Context } from 'hono';
import { FEED_CONTENT_TYPES } from '../render/render-feed.ts';
import type { FeedDefinition, FeedFormat } from '../types.ts';
import type { Store } from '../../store/store.ts';
import { isNotModified, validatorHeaders } from './http-cache.ts';

const FEED_FILE = /^([a-z0-9][a-z0-9_-]*)\.(rss|atom|json)$/;

/** Readers on other origins (web-based feed readers) may fetch feeds. */
const CORS = { 'Access-Control-Allow-Origin': '*' };

export function parseFeedFile(file: string): { id: string; format: FeedFormat } | undefined {
  const match = FEED_FILE.exec(file);
  return match ? { id: match[1] as string, format: match[2] as FeedFormat } : undefined;
}

/**
 * @example app.get('/feeds/:file', (c) => serveFeed(c, store, feeds))
 */
export async function serveFeed(c: Context, store: Store, feeds: ReadonlyMap<string, FeedDefinition>): Promise<Response> {
  const target = parseFeedFile(c.req.param('file') ?? '');
  if (!target || !feeds.has(target.id)) return c.json({ error: 'no such feed' }, 404);
  const validators = await store.getRenditionValidators(target.id, target.format);
  if (!validators) {
    // Defined but never refreshed yet: tell clients to come back soon (RFC 9110 §10.2.3).
    return c.json({ error: 'feed not built yet; try again shortly' }, 503, { 'Retry-After': '60' });
  }
  const headers = { ...validatorHeaders(validators), ...CORS };
  const conditional = { ifNoneMatch: c.req.header('If-None-Match'), ifModifiedSince: c.req.header('If-Modified-Since') };
  if (isNotModified(conditional, validators)) return c.body(null, 304, headers);
  const rendition = await store.getRendition(target.id, target.format);
  if (!rendition) return c.json({ error: 'feed not built yet; try again shortly' }, 503, { 'Retry-After': '60' });
  return c.body(rendition.body, 200, {
    ...validatorHeaders(rendition),
    ...CORS,
    'Content-Type': FEED_CONTENT_TYPES[target.format],
  });
}
