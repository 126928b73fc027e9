/**
 * @module runtime/worker/fetch-page
 * The Workers implementation of the `FetchPage` port: workerd's global `fetch` plugged into the
 * runtime-neutral `createPolicyFetchPage` (core/pull/fetch-with-policy), which is also what the Node
 * fetcher uses. So the User-Agent, the limits, conditional headers, `redirect: 'manual'` with every hop
 * checked against the source's host, the `AbortSignal.timeout` over the whole fetch, the body cap read
 * from the stream, the status errors and their codes are the same on both runtimes by construction.
 *
 * What is Worker-specific:
 * - there is no connection pool to configure (and no connect timeout to set: the total timeout bounds an
 *   unreachable host too); workerd reports network failures as a plain TypeError or "internal error",
 *   which the shared classifier turns into `network`;
 * - each redirect hop is a subrequest of its own on Workers (Workers docs, "Limits"), so every request,
 *   hops included, is announced to `onSubrequest`, where the invocation's budget counts (and may refuse) it;
 * - which of its errors mean a cut-short or undecodable body (`classifyBodyError`).
 */
import type { FetchPage, PostForm } from '../../core/ports.ts';
import { createPolicyFetchPage } from '../../core/pull/fetch-with-policy.ts';
import { createPolicyPostForm } from '../../core/pull/ping-hub.ts';
import type { HttpLimits } from '../../core/pull/http-policy.ts';

export interface WorkerFetchPageOptions extends Partial<HttpLimits> {
  readonly userAgent?: string;
  /** Called before every outgoing request, redirect hops included; may throw a `LedeError` to refuse it. */
  readonly onSubrequest?: (url: string) => void;
}

/**
 * Create the Workers fetcher. Defaults as on Node (core/pull/http-policy): 30 s total, 5 MiB body,
 * 5 redirects, 2 requests per host at once, the Lede User-Agent. One fetcher serves one invocation.
 *
 * @example
 * const fetchPage = createWorkerFetchPage({ onSubrequest: (url) => budget.take(url) });
 * const page = await fetchPage({ url: 'https://en.qazmonitor.com/rss', etag: state.sourceEtag });
 */
export function createWorkerFetchPage(options: WorkerFetchPageOptions = {}): FetchPage {
  return createPolicyFetchPage({ ...options, send: (url, init) => fetch(url, init), classifyBodyError });
}

/**
 * workerd decodes gzip and Brotli itself and says what went wrong only in words (a TypeError's message):
 * "Gzip compressed stream ended prematurely", "Gzip decompression failed", "Brotli decompression failed".
 * A body shorter than its Content-Length ("Network connection lost") is told by the shared reader.
 */
function classifyBodyError(error: unknown): 'truncated' | 'bad-encoding' | undefined {
  const message = error instanceof Error ? error.message : '';
  if (/ended prematurely/i.test(message)) return 'truncated';
  if (/decompression failed/i.test(message)) return 'bad-encoding';
  return undefined;
}

/**
 * The Workers `PostForm` (WebSub hub pings): workerd's `fetch`, each ping a subrequest announced to
 * `onSubrequest` like any fetch.
 * @example const postForm = createWorkerPostForm({ onSubrequest: (url) => budget.take(url) });
 */
export function createWorkerPostForm(options: Pick<WorkerFetchPageOptions, 'onSubrequest'> = {}): PostForm {
  return createPolicyPostForm({ ...options, send: (url, init) => fetch(url, init) });
}
