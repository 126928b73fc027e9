/**
 * @module runtime/node-fetch-page
 * The Node implementation of the `FetchPage` port: undici's `request` on an `Agent` of our own (with strict
 * decoding of the body's content coding, src/runtime/node/send-request.ts), plugged
 * into the runtime-neutral `createPolicyFetchPage` (core/pull/fetch-with-policy), which decides
 * everything else — per-host queueing, redirect checks, the total timeout, the body cap, status errors,
 * decoding. What is Node-specific lives here: the connection pool with its connect timeout, and which
 * of undici's errors mean "timed out".
 */
import { Agent, fetch } from 'undici';
import type { FetchPage, PostForm } from '../../core/ports.ts';
import { createPolicyFetchPage } from '../../core/pull/fetch-with-policy.ts';
import { createPolicyPostForm } from '../../core/pull/ping-hub.ts';
import { resolveHttpLimits, type HttpLimits } from '../../core/pull/http-policy.ts';
import { classifyBodyError, createNodeSendRequest } from './send-request.ts';

export interface NodeFetchPageOptions extends Partial<HttpLimits> {
  readonly userAgent?: string;
  /** Aborts every fetch in flight or waiting (shutdown): they reject with `aborted`. */
  readonly signal?: AbortSignal;
}

/** A FetchPage that can also release its connection pool (at shutdown, or at the end of a test). */
export type NodeFetchPage = FetchPage & { close(): Promise<void> };

/**
 * When a refresh asks, the next request is usually still a few promise steps from undici, and undici writes a
 * request on a kept-alive connection in an immediate of its own (it first lets the event loop show whether the
 * server closed the idle connection). An immediate queued from inside an immediate runs after every immediate
 * queued before it: by then those requests are written (but one opening a new connection, which waits for its
 * connect).
 */
const requestsSent = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(() => setImmediate(resolve));
  });

/** undici's own timeouts (connect, headers, body) and the socket's. */
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function isUndiciTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && TIMEOUT_CODES.has(code);
}

/**
 * Create the Node fetcher. Defaults (core/pull/http-policy): 10 s connect, 30 s total, 5 MiB body,
 * 5 redirects, 2 requests per host at once (more wait), the Lede User-Agent.
 *
 * @example
 * const fetchPage = createNodeFetchPage();
 * const page = await fetchPage({ url: 'https://en.qazmonitor.com/rss', etag: state.sourceEtag });
 * if (page.status === 'ok') parse(page.body);
 * await fetchPage.close();
 */
export function createNodeFetchPage(options: NodeFetchPageOptions = {}): NodeFetchPage {
  const limits = resolveHttpLimits(options);
  // The total timeout (an AbortSignal) bounds each fetch; the Agent's own timers only back it up.
  const agent = new Agent({
    connect: { timeout: limits.connectTimeoutMs },
    headersTimeout: limits.totalTimeoutMs,
    bodyTimeout: limits.totalTimeoutMs,
  });
  const fetchPage = createPolicyFetchPage({
    ...limits,
    // An empty User-Agent falls back to Lede's, as an absent one does (the policy fetcher reads it with `??`).
    ...(options.userAgent ? { userAgent: options.userAgent } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    send: createNodeSendRequest(agent),
    isTimeout: isUndiciTimeout,
    classifyBodyError,
  });
  return Object.assign(fetchPage, { close: () => agent.close(), requestsSent });
}

/**
 * The Node `PostForm` (WebSub hub pings): undici's `fetch` on its global dispatcher, through the
 * runtime-neutral `createPolicyPostForm`.
 * @example const postForm = createNodePostForm(); await postForm(hub, [['hub.mode', 'publish'], ['hub.url', url]]);
 */
export function createNodePostForm(): PostForm {
  return createPolicyPostForm({ send: (url, init) => fetch(url, init) });
}
