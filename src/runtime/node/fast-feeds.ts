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
 * the one `recordRequest` (src/core/serve/request-log.ts; the line's bytes made by the Node log's own writer of
 * request lines, src/runtime/node/log.ts), the coding through the one compression
 * (src/runtime/node/compression.ts). HEAD and every other method go to the app (Hono runs a HEAD as its GET).
 *
 * It sits at two places, each taking what it can answer there:
 * - `withFastFeedsListener`, at the node:http listener, before @hono/node-server: with the app's own
 *   dispatch gone, @hono/node-server's per-request work (its `Request` and `Headers` views, the URL, two
 *   `Response`s and two promises) was most of what a 304 still cost over a bare node:http server. It copies
 *   none of @hono/node-server's validation: it takes only requests that are trivially valid by a strict
 *   whitelist (a subset of what @hono/node-server accepts and builds its URL from unchanged, see the function)
 *   whose answer is known at once, and hands everything else to @hono/node-server's listener untouched.
 * - `withFastFeeds`, inside @hono/node-server around the app's `fetch`: what the listener left and the app
 *   would answer plainly — a rendition still to be read, coded bytes still to be made, a HEAD asking for a
 *   coding, a Host @hono/node-server had to parse.
 * tests/runtime/node/fast-feeds.test.ts compares their answers with the app's over a matrix of requests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rememberBounded } from '../../core/remember.ts';
import { answerStoredFeed, FEED_ROUTE, type ReadNow } from '../../core/serve/feed-route.ts';
import { answerPlainly, type PlainAnswer } from '../../core/serve/plain-answer.ts';
import type { ServedRendition } from '../../core/serve/rendition-bytes.ts';
import type { Log } from '../../core/ports.ts';
import { msSince, recordRequest, type OnRequest, type RequestEvent } from '../../core/serve/request-log.ts';
import type { ServeOptions } from '../../core/serve/serve-env.ts';
import type { FeedFormat } from '../../core/types.ts';
import type { Compression, Fetch } from './compression.ts';
import { requestLineWriterOf } from './log.ts';

/** What the fast path answers from: the app's own definitions, rendition reader, log and request hook. */
type FastFeedsOptions = Pick<ServeOptions, 'feeds' | 'log' | 'onRequest'> & {
  /** The app's rendition reader, answering at once for a rendition in memory (`peek ?? read`). */
  readonly read: ReadNow;
};

const FEEDS_PREFIX = '/feeds/';

/** What `recordRequest` does with a request event: its log line, then its metrics event. */
type RecordRequest = (event: RequestEvent) => void;

/**
 * `recordRequest(log, onRequest, event)`, writing the line through the Node log's own request-line writer
 * when `log` has one (./log.ts: the same bytes, at a fraction of the cost).
 */
function requestRecorder(log: Log, onRequest: OnRequest | undefined): RecordRequest {
  const writeLine = requestLineWriterOf(log);
  if (!writeLine) return (event) => recordRequest(log, onRequest, event);
  return (event) => {
    writeLine(event);
    onRequest?.(event);
  };
}

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
  const { fetch, record, request, env, file } = parts;
  if (!plain) return fetch(request, env);
  const bytes = plain.body?.byteLength ?? 0;
  const ms = msSince(started);
  record({ method: 'GET', path: FEEDS_PREFIX + file, route: FEED_ROUTE, status: plain.status, ms, bytes });
  return answerPlainly(plain);
}

interface Parts {
  readonly fetch: Fetch;
  readonly options: FastFeedsOptions;
  readonly record: RecordRequest;
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
    plain = answerStoredFeed(options, options.read, { url: request.url, headers: request.headers, file });
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
  const record = requestRecorder(options.log, options.onRequest);
  return (request, env) => {
    const file = request.method === 'GET' ? feedFileOf(request.url) : undefined;
    return file === undefined ? fetch(request, env) : answerFast({ fetch, options, record, request, env, file });
  };
}

/** A node:http request listener: @hono/node-server's `getRequestListener(fetch)`, or this module's in front of it. */
export type Listener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/** What the listener answers from: `FastFeedsOptions` with the cache's `peek` and compression's `codeNow`. */
type FastListenerOptions = Pick<ServeOptions, 'feeds' | 'log' | 'onRequest'> & {
  /** A rendition in memory, or `undefined` (src/core/serve/rendition-bytes.ts): the app then reads it. */
  readonly peek: (feedId: string, format: FeedFormat) => ServedRendition | undefined;
  /** The compression around the app, whose coded bytes are answered from once made. */
  readonly compression: Pick<Compression, 'codeNow'>;
};

/**
 * A Host @hono/node-server turns into its URL unchanged (its `reValidHost`, of which this is a subset: a
 * lower-case name or IPv4 address, with a port of 4 digits or of 5 below 60000): it neither parses nor
 * rejects it. Anything else (upper case, IPv6, ports like 80) is left to it.
 */
const PLAIN_HOST = /^[a-z0-9.-]+(?::(?:[1-9]\d{3}|[1-5]\d{4}))?$/;

/**
 * `PLAIN_HOST.test`, remembering the last Host it passed: clients send the same one request after request, and
 * comparing it costs a fraction of the pattern (which took ≈ 1% of a busy server's CPU on cached 304s).
 */
function plainHostTest(): (host: string) => boolean {
  let passed: string | undefined;
  return (host) => {
    if (host === passed) return true;
    if (!PLAIN_HOST.test(host)) return false;
    passed = host;
    return true;
  };
}

function isTrimmed(value: string): boolean {
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  return first !== 9 && first !== 32 && last !== 9 && last !== 32;
}

/**
 * The few header names the hot path asks for, lower-cased once (not per request); bounded all the same
 * (core/remember): the names are the core's constants, but a map must not grow with input.
 */
const toLowerCaseOnce = rememberBounded((name: string) => name.toLowerCase(), 64);

/**
 * `Headers.get` over a Node request's raw headers for the few names the hot path reads. It answers for the
 * plain case only, a name sent at most once, without surrounding whitespace: there node's `headers`, what
 * @hono/node-server's `Request.headers` gives (node's joined value, or its own ", "-join of the raw lines for
 * the names node keeps once, such as If-Modified-Since) and a fetch `Headers` are all the very raw value.
 * A name sent twice, or padded, makes the request not `plain`, and the app answers it. One object per request,
 * its method on the prototype; a name sent in lower case, as most clients send them, is compared as it is.
 */
class RawHeaders {
  plain = true;
  readonly #raw: readonly string[];

  constructor(raw: readonly string[]) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    const lower = toLowerCaseOnce(name);
    const raw = this.#raw;
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i] ?? '';
      if (key !== lower && (key.length !== lower.length || key.toLowerCase() !== lower)) continue;
      const found = raw[i + 1] ?? '';
      if (value !== null || !isTrimmed(found)) this.plain = false;
      value = found;
    }
    return value;
  }
}

/**
 * The answer to a GET of `/feeds/{file}` when it is plain and known at once, logged and counted as the app
 * would; `undefined` for anything the app must see (see `withFastFeedsListener`).
 */
function answerAtOnce(
  options: FastListenerOptions,
  hooks: { readonly record: RecordRequest; readonly isPlainHost: (host: string) => boolean },
  incoming: IncomingMessage,
  url: string,
): PlainAnswer | undefined {
  const { record, isPlainHost } = hooks;
  const started = performance.now();
  const headers = new RawHeaders(incoming.rawHeaders);
  const host = headers.get('Host');
  if (host === null || !isPlainHost(host)) return undefined;
  const plain = answerStoredFeed(options, options.peek, { url, headers, file: url.slice(FEEDS_PREFIX.length) });
  // A body not in memory yet: the app reads it again (and logs any error); this read's outcome is dropped.
  if (plain instanceof Promise) void plain.catch(() => undefined);
  if (!plain || plain instanceof Promise) return undefined;
  const answer = options.compression.codeNow(plain, headers.get('Accept-Encoding'));
  if (!answer || !headers.plain) return undefined;
  // One object for the line and the metrics, its fields in the app's order (`ms` before `bytes`).
  const bytes = plain.body?.byteLength ?? 0;
  const ms = msSince(started);
  record({ method: 'GET', path: url, route: FEED_ROUTE, status: answer.status, ms, bytes });
  return answer;
}

/**
 * `listener` (@hono/node-server's, around the app) with the plainest GETs of stored feeds answered before it:
 * see the module comment. Only a request that is trivially valid is taken — method `GET`, a request target
 * `/feeds/{file}` that the feed route's own `parseFeedFile` accepts (lower-case letters, digits, `_`, `-` and
 * one `.`: no query, `%`, `//` or dot segment, so @hono/node-server builds its URL verbatim and Hono's router
 * gives the route that very `file`), a plain Host (`PLAIN_HOST`), each header read sent once — and only when
 * its answer is known at once: the rendition in memory, and for gzip or br its coded bytes made.
 * @example createServer(withFastFeedsListener(getRequestListener(fetch), { feeds, peek, compression, log }))
 */
export function withFastFeedsListener(listener: Listener, options: FastListenerOptions): Listener {
  const hooks = { record: requestRecorder(options.log, options.onRequest), isPlainHost: plainHostTest() };
  return (incoming, outgoing) => {
    const url = incoming.url ?? '';
    let answer: PlainAnswer | undefined;
    try {
      if (incoming.method === 'GET' && url.startsWith(FEEDS_PREFIX))
        answer = answerAtOnce(options, hooks, incoming, url);
    } catch {
      // Any error (a store that cannot be read…) is the app's to answer and log, as it would be without this.
    }
    if (!answer) return listener(incoming, outgoing);
    // What @hono/node-server does with a plain answer (writeHead with the header record, end with the bytes).
    outgoing.writeHead(answer.status, answer.headers);
    if (answer.body) outgoing.end(answer.body);
    else outgoing.end();
    return undefined;
  };
}
