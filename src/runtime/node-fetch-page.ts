/**
 * @module runtime/node-fetch-page
 * The Node implementation of the `FetchPage` port, on undici's `fetch` with its own `Agent`. Policy
 * (User-Agent, limits, redirect checks, status errors, Retry-After) comes from `core/pull/http-policy`
 * so the Workers fetcher behaves the same; this file only does the I/O and classifies undici's failures.
 *
 * Redirects are followed by hand (`redirect: 'manual'`), so every hop is checked before it is taken.
 * One `AbortSignal.timeout` covers the whole fetch — hops and body — which is what stops a server that
 * trickles bytes; the Agent's connect timeout catches unreachable hosts early.
 */
import { Agent, fetch, type Response } from 'undici';
import { LedeError } from '../core/errors.ts';
import type { FetchPage, FetchPageRequest, FetchPageResult } from '../core/pull/fetch-page.ts';
import { decodeBody } from '../core/pull/decode-body.ts';
import { createHostLimiter } from '../core/pull/host-limiter.ts';
import {
  buildRequestHeaders,
  DEFAULT_HTTP_LIMITS,
  DEFAULT_USER_AGENT,
  isRedirectStatus,
  resolveRedirect,
  toStatusError,
  toTooLargeError,
  type HttpLimits,
} from '../core/pull/http-policy.ts';

export interface NodeFetchPageOptions extends Partial<HttpLimits> {
  readonly userAgent?: string;
}

/** A FetchPage that can also release its connection pool (at shutdown, or at the end of a test). */
export type NodeFetchPage = FetchPage & { close(): Promise<void> };

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Whether an error (or anything in its `cause` chain) is a timeout: ours (TimeoutError) or undici's. */
function isTimeout(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { name, code, cause } = current as { name?: string; code?: string; cause?: unknown };
    if (name === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) return true;
    current = cause;
  }
  return false;
}

/** Classify a thrown value once: our own errors pass, timeouts become `timeout`, the rest `network`. */
function classify(error: unknown, url: string): LedeError {
  if (error instanceof LedeError) return error;
  if (isTimeout(error)) return new LedeError('timeout', `Timed out fetching ${url}`, { cause: error });
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new LedeError('network', `Could not fetch ${url}: ${detail}`, { cause: error });
}

/** Read the body as a stream, giving up at the cap (also when Content-Length announces too much). */
async function readBody(response: Response, url: string, maxBodyBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBodyBytes) {
    await response.body?.cancel();
    throw toTooLargeError(url, maxBodyBytes, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    size += chunk.value.byteLength;
    if (size > maxBodyBytes) {
      await reader?.cancel();
      throw toTooLargeError(url, maxBodyBytes, size);
    }
    chunks.push(chunk.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Turn a final (non-redirect) response into the port's result, or its error. */
async function settle(response: Response, url: string, limits: HttpLimits): Promise<FetchPageResult> {
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 'not-modified', url };
  }
  if (response.status >= 300) {
    await response.body?.cancel();
    throw toStatusError(response.status, response.headers.get('retry-after'), url, Date.now());
  }
  const bytes = await readBody(response, url, limits.maxBodyBytes);
  const contentType = response.headers.get('content-type') ?? '';
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  return {
    status: 'ok',
    url,
    body: decodeBody(bytes, contentType),
    contentType,
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}

async function fetchFollowingRedirects(
  request: FetchPageRequest,
  agent: Agent,
  limits: HttpLimits,
  userAgent: string,
): Promise<FetchPageResult> {
  const signal = AbortSignal.timeout(limits.totalTimeoutMs);
  const headers = buildRequestHeaders(request, userAgent);
  const allowedHost = request.allowedHost ?? new URL(request.url).hostname;
  let url = request.url;
  for (let hops = 0; ; hops++) {
    const response = await fetch(url, { headers, signal, redirect: 'manual', dispatcher: agent });
    if (!isRedirectStatus(response.status)) return await settle(response, url, limits);
    await response.body?.cancel();
    url = resolveRedirect(url, response.headers.get('location'), allowedHost, hops, limits.maxRedirects);
  }
}

/**
 * Create the Node fetcher. Defaults: 10 s connect, 30 s total, 5 MiB body, 5 redirects, 2 requests
 * per host at once (more wait), the Lede User-Agent.
 *
 * @example
 * const fetchPage = createNodeFetchPage();
 * const page = await fetchPage({ url: 'https://en.qazmonitor.com/rss', etag: state.sourceEtag });
 * if (page.status === 'ok') parse(page.body);
 */
export function createNodeFetchPage(options: NodeFetchPageOptions = {}): NodeFetchPage {
  const { userAgent = DEFAULT_USER_AGENT, ...overrides } = options;
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...Object.fromEntries(given) };
  const agent = new Agent({
    connect: { timeout: limits.connectTimeoutMs },
    headersTimeout: limits.totalTimeoutMs,
    bodyTimeout: limits.totalTimeoutMs,
  });
  const limiter = createHostLimiter(limits.perHostConcurrency);
  const fetchPage = async (request: FetchPageRequest): Promise<FetchPageResult> => {
    let host: string;
    try {
      host = new URL(request.url).host;
    } catch (error) {
      throw new LedeError('network', `Not a URL: ${JSON.stringify(request.url)}`, { cause: error });
    }
    return limiter.run(host, async () => {
      try {
        return await fetchFollowingRedirects(request, agent, limits, userAgent);
      } catch (error) {
        throw classify(error, request.url);
      }
    });
  };
  return Object.assign(fetchPage, { close: () => agent.close() });
}
