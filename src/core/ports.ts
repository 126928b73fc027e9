/**
 * @module core/ports
 * The narrow capabilities the core receives from a runtime instead of importing them. Node and the
 * Worker each build one `CoreDeps`; tests build theirs from real parts (a SQLite file, a loopback site).
 *
 * `FetchPage` is the port through which the core reads the network, `PostForm` the one through which it
 * writes to it (a WebSub hub); only the pull stage calls them. Runtimes implement both (undici on Node,
 * `fetch` on Workers); the core never touches the network directly.
 */

export interface FetchPageRequest {
  readonly url: string;
  /** Validators from the previous fetch, sent as If-None-Match / If-Modified-Since (RFC 9110 §13.1). */
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
  /**
   * Redirects must stay on this host's site (the source's own); default: the request URL's host. `*` lets
   * them go anywhere over http(s): robots.txt is followed across hosts (RFC 9309 §2.3.1.2).
   */
  readonly allowedHost?: string;
  /**
   * Read at most this many bytes of the body and stop there, without failing (the body cap still applies
   * to what is read): RFC 9309 §2.5 has a crawler parse the first 500 KiB of a larger robots.txt.
   */
  readonly truncateAt?: number;
  readonly accept?: string;
}

export type FetchPageResult =
  | {
      readonly status: 'ok';
      /** Final URL after redirects. */
      readonly url: string;
      /** Body decoded to a string (charset from header, BOM or <meta>). */
      readonly body: string;
      readonly contentType: string;
      readonly etag?: string;
      readonly lastModified?: string;
      /** Response headers (lower-case names) that carry publisher signals: x-robots-tag, tdm-reservation, tdm-policy, content-usage, link. */
      readonly headers?: Readonly<Record<string, string>>;
      /** Seconds the response stays fresh by its Cache-Control (RFC 9111 §5.2.2.1); 0 for no-cache/no-store. */
      readonly maxAge?: number;
      /** Bytes of the body as read, after content decoding (what the body cap counts), before charset decoding. */
      readonly size?: number;
      /** Reached through redirects that were all permanent (301, 308): the requested URL has moved to `url`. */
      readonly movedPermanently?: true;
    }
  | { readonly status: 'not-modified'; readonly url: string; readonly movedPermanently?: true };

/**
 * Fetch one page politely. Rejects only with a `LedeError` (codes `timeout`, `network`, `http-status`,
 * `too-large`, `too-many-redirects`, `off-host-redirect`, `bad-charset`; `aborted` when the runtime stops).
 */
export interface FetchPage {
  (request: FetchPageRequest): Promise<FetchPageResult>;
  /**
   * Settles once the requests already asked of this fetcher are written to their connections, where the
   * runtime can tell (one waiting for a new connection's connect is not). A refresh awaits it before a page's
   * CPU work, so that the next page is on its way meanwhile. Absent: a refresh awaits nothing.
   */
  readonly requestsSent?: () => Promise<void>;
}
/**
 * POST `fields` as `application/x-www-form-urlencoded` to `url` and report the status. Rejects only with a
 * `LedeError` (`timeout`, `network`) when no answer came; any status is an answer.
 */
export type PostForm = (
  url: string,
  fields: readonly (readonly [string, string])[],
) => Promise<{ readonly status: number }>;

/** A WebSub hub (W3C WebSub) the feeds advertise and tell of their changes, and the port to reach it. */
export interface WebSubHub {
  /** The hub's URL (`WEBSUB_HUB`): `rel="hub"` in every format, and where publish pings go. */
  readonly url: string;
  readonly postForm: PostForm;
}

import type { Sha256Hex } from './hash.ts';
import type { Store } from './store.ts';

/** The current instant. An input, never `new Date()` inside the core, so output is reproducible. */
export type Clock = () => Date;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Structured logging: a message plus JSON-serialisable fields. */
export type Log = (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => void;

/** Keep work alive after a response is sent: `ctx.waitUntil` on Workers, a tracked promise on Node. */
export type Defer = (work: Promise<unknown>) => void;

export interface CoreDeps {
  readonly fetchPage: FetchPage;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Log;
  /** Set when `WEBSUB_HUB` is: feeds advertise the hub and a refresh that changes a feed notifies it. */
  readonly websub?: WebSubHub | undefined;
  /** `RETENTION_DAYS`: how long records stay past the plain feed (src/core/refresh/retention.ts). Unset: kept forever. */
  readonly retentionDays?: number | undefined;
  /** The hash port (src/core/hash.ts): node:crypto on Node; unset, Web Crypto (what workerd uses). */
  readonly sha256?: Sha256Hex | undefined;
}
