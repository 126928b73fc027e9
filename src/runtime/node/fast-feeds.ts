/**
 * @module runtime/node/fast-feeds
 * Node's fast path for the requests a feed server mostly gets: a GET of a stored feed's own URL, answered from
 * the rendition bytes in memory without running the Hono app (its dispatch, context and middlewares cost more
 * than the rest of a 304, issue 11).
 *
 * It answers nothing by rules of its own: it makes the feed route's own first call, `answerStoredFeed`
 * (src/core/serve/feed-route.ts), on the same request, and when that has no plain answer (a query string, a
 * person's navigation, an unknown, disabled or taken-down feed, a store error…) the app answers instead. What
 * the app's middlewares would add to such an answer is added the same way: the request line and metrics through
 * the one `recordRequest` (src/core/serve/request-log.ts), compression by the wrapper around both
 * (src/runtime/node/compression.ts). HEAD and every other method go to the app (Hono runs a HEAD as its GET).
 * tests/runtime/node/fast-feeds.test.ts compares its answers with the app's over a matrix of requests.
 */
import { answerStoredFeed, FEED_ROUTE, type ReadNow } from '../../core/serve/feed-route.ts';
import { answerPlainly, type PlainAnswer } from '../../core/serve/plain-answer.ts';
import { msSince, recordRequest } from '../../core/serve/request-log.ts';
import type { ServeOptions } from '../../core/serve/serve-env.ts';
import type { Fetch } from './compression.ts';

/** What the fast path answers from: the app's own definitions, rendition reader, log and request hook. */
type FastFeedsOptions = Pick<ServeOptions, 'feeds' | 'log' | 'onRequest'> & {
  /** The app's rendition reader, answering at once for a rendition in memory (`peek ?? read`). */
  readonly read: ReadNow;
};

const FEEDS_PREFIX = '/feeds/';

/**
 * What follows `/feeds/` in an absolute request URL (@hono/node-server builds it from the Host header), or
 * `undefined` for any other path. Taken as it is spelled: the feed route's `parseFeedFile` accepts no `/`, `%`
 * or `?`, so whatever it accepts is the very `file` Hono's router would have given the route.
 */
function feedFileOf(url: string): string | undefined {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  return start >= 0 && url.startsWith(FEEDS_PREFIX, start) ? url.slice(start + FEEDS_PREFIX.length) : undefined;
}

/** The request's plain answer, logged and counted as the app's middleware would; the app's answer without one. */
function answered(parts: Parts, started: number, plain: PlainAnswer | undefined): Response | Promise<Response> {
  const { fetch, options, request, env, file } = parts;
  if (!plain) return fetch(request, env);
  const bytes = plain.body?.byteLength ?? 0;
  const event = { method: 'GET', path: FEEDS_PREFIX + file, route: FEED_ROUTE, status: plain.status };
  recordRequest(options.log, options.onRequest, { ...event, ms: msSince(started), bytes });
  return answerPlainly(plain);
}

interface Parts {
  readonly fetch: Fetch;
  readonly options: FastFeedsOptions;
  readonly request: Request;
  readonly env: unknown;
  readonly file: string;
}

/**
 * At once (no promise) when the rendition is in memory: @hono/node-server then writes the answer in the same
 * turn, without the bookkeeping it gives a pending one. A store error is the app's to answer (and log): it
 * runs the same read again and answers 503.
 */
function answerFast(parts: Parts): Response | Promise<Response> {
  const started = performance.now();
  const { fetch, options, request, env, file } = parts;
  let plain: ReturnType<typeof answerStoredFeed>;
  try {
    plain = answerStoredFeed(options, options.read, { raw: request, file });
  } catch {
    return fetch(request, env);
  }
  if (!(plain instanceof Promise)) return answered(parts, started, plain);
  return plain.then(
    (answer) => answered(parts, started, answer),
    () => fetch(request, env),
  );
}

/**
 * The app's `fetch`, with GETs of stored feeds answered in front of it (see the module comment).
 * @example serve({ fetch: withCompression(withFastFeeds(app.fetch, { feeds, read, log, onRequest })) })
 */
export function withFastFeeds(fetch: Fetch, options: FastFeedsOptions): Fetch {
  return (request, env) => {
    const file = request.method === 'GET' ? feedFileOf(request.url) : undefined;
    return file === undefined ? fetch(request, env) : answerFast({ fetch, options, request, env, file });
  };
}
