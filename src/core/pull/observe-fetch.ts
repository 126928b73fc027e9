/**
 * @module core/pull/observe-fetch
 * Every page Lede reads, made visible: a `debug` log event per fetch (url, outcome, status, bytes, ms,
 * conditional or not) and, where the runtime counts fetches (Prometheus on Node), its `onFetch` hook.
 * A decorator around the runtime's `FetchPage`, so both runtimes report fetches the same way.
 */
import { toLedeError } from '../errors.ts';
import type { FetchPage, FetchPageRequest, Log } from '../ports.ts';

export interface FetchEvent {
  readonly url: string;
  /** `ok`, `not-modified`, or the error code the fetch failed with (`timeout`, `http-status`, …). */
  readonly outcome: string;
  /** The HTTP status when one was answered: 200, 304, or the status an `http-status` error carries. */
  readonly status?: number;
  /** Bytes of the body as read, after content decoding (on the wire it may have been compressed). */
  readonly bytes?: number;
  readonly ms: number;
  /** Sent with If-None-Match / If-Modified-Since. */
  readonly conditional: boolean;
}

export type OnFetch = (event: FetchEvent) => void;

const elapsed = (started: number) => Math.round((performance.now() - started) * 1000) / 1000;

/**
 * @example const fetchPage = observeFetchPage(createNodeFetchPage(), log, metrics.onFetch)
 */
export function observeFetchPage(fetchPage: FetchPage, log: Log, onFetch?: OnFetch): FetchPage {
  const report = (event: FetchEvent) => {
    log('debug', 'fetch', { ...event });
    onFetch?.(event);
  };
  const observed = async (request: FetchPageRequest) => {
    const started = performance.now();
    const conditional = request.etag !== undefined || request.lastModified !== undefined;
    try {
      const page = await fetchPage(request);
      const ms = elapsed(started);
      if (page.status === 'not-modified')
        report({ url: page.url, outcome: 'not-modified', status: 304, ms, conditional });
      else
        report({
          url: page.url,
          outcome: 'ok',
          status: 200,
          ...(page.size === undefined ? {} : { bytes: page.size }),
          ms,
          conditional,
        });
      return page;
    } catch (error) {
      const { code, status } = toLedeError(error);
      report({
        url: request.url,
        outcome: code,
        ...(status === undefined ? {} : { status }),
        ms: elapsed(started),
        conditional,
      });
      throw error;
    }
  };
  return fetchPage.requestsSent ? Object.assign(observed, { requestsSent: fetchPage.requestsSent }) : observed;
}
