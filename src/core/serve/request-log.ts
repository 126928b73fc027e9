/**
 * @module core/serve/request-log
 * One event per answered request, on both runtimes: an `info` log line (method, path, route, status, ms,
 * bytes) and, where the runtime counts requests (Prometheus on Node), its `onRequest` hook. Mounted first,
 * so answers a runtime's own middleware gives (the Worker's cached feeds) are counted too.
 *
 * The path is logged without its query string: a query may carry what an operator never wants in a log
 * (Lede's own routes take no secret there, but a client may put anything in it).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Log } from '../ports.ts';
import { plainAnswerOf } from './plain-answer.ts';

/** A type, not an interface: it is then a record of fields the log takes as it is, without a copy per request. */
export type RequestEvent = {
  readonly method: string;
  readonly path: string;
  /** The route pattern that answered (`/feeds/:file`), or `unmatched` for a 404 no route claimed: bounded, for metrics. */
  readonly route: string;
  readonly status: number;
  readonly ms: number;
  /** The body's length in bytes, before any compression on the way out (0 for a 304 or 204). */
  readonly bytes: number;
};

export type OnRequest = (event: RequestEvent) => void;

/** The answering route's pattern; middleware-only matches (`*`, `/*`) mean no route answered. */
function answeringRoute(c: Context): string {
  const route = routePath(c);
  return route === '' || route === '*' || route === '/*' ? 'unmatched' : route;
}

/**
 * The body's length: its Content-Length when the answer states it — a stored feed (the feed route and the
 * Worker's cache hits state it, so the hot path reads nothing here), a HEAD (measured by the app) — else the
 * body read once and put back. Hono states no length for `c.json()`, `c.html()` or `c.body()`, and every other
 * answer Lede gives is already whole in memory (a page, a JSON document, a rendered variant), so reading it
 * costs a copy, not a stream.
 */
async function measureBody(c: Context): Promise<number> {
  // A plain answer (the feed route's 200s and 304s) has its bytes at hand: its headers are not even looked at.
  const plain = plainAnswerOf(c.res);
  if (plain) return plain.body?.byteLength ?? 0;
  const length = c.res.headers.get('Content-Length');
  if (length !== null) return Number(length);
  if (!c.res.body) return 0;
  const body = await c.res.arrayBuffer();
  // Hono's `c.res` setter keeps the answer's headers; the status and headers are the same, the body re-wrapped.
  c.res = new Response(body, c.res);
  return body.byteLength;
}

/**
 * Milliseconds since `started` (a `performance.now()`), to the microsecond. `performance.now()` is a
 * web-platform global on both runtimes; on Workers it advances only with I/O, so a Worker's CPU-bound time
 * reads as 0 there, as Cloudflare documents.
 * @example const ms = msSince(started)
 */
export function msSince(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/**
 * Log and count one answered request: the one request line and `onRequest` event, written by the middleware
 * below and by Node's fast path for stored feeds (src/runtime/node/fast-feeds.ts).
 * @example recordRequest(log, onRequest, { method: 'GET', path, route, status: 304, ms: msSince(started), bytes: 0 })
 */
export function recordRequest(log: Log, onRequest: OnRequest | undefined, event: RequestEvent): void {
  log('info', 'request', event);
  onRequest?.(event);
}

/** @example app.use(logRequests(log, onRequest)) */
export function logRequests(log: Log, onRequest?: OnRequest): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = msSince(started);
    const event = { method: c.req.method, path: c.req.path, route: answeringRoute(c), status: c.res.status, ms };
    recordRequest(log, onRequest, { ...event, bytes: await measureBody(c) });
  };
}
