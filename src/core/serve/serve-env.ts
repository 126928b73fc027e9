/**
 * @module core/serve/serve-env
 * What the serve routes are built from, split the way Hono splits an app's life (hono.dev, "Context"):
 *
 * - `ServeOptions`: fixed for the life of the app, given once when it is built (the definitions or the
 *   registry that holds them, the admin token, the log, the clock);
 * - `ServeVariables`: the request's own dependencies, which a runtime's middleware puts on the context
 *   with `c.set()` before any route runs. On Node they are the same for every request (one SQLite store,
 *   one runner); on Workers each invocation brings its own (a D1 store over its `env.DB`, a runner over its
 *   subrequest budget), while the app itself is built once per isolate.
 *
 * A module of its own so that the app and its admin sub-app both depend on it, not on each other.
 */
import type { Context } from 'hono';
import type { Clock, Defer, Log } from '../ports.ts';
import type { DefinitionProblem } from '../config/feed-definition.ts';
import type { FeedRegistry, FeedSet, ReloadReport } from '../config/feed-registry.ts';
import type { RefreshRunner } from '../refresh/refresh-runner.ts';
import type { FeedDefinition } from '../types.ts';
import type { Rendition, Store } from '../store.ts';
import type { CollectMetrics } from './metrics-route.ts';
import type { OnRequest } from './request-log.ts';
import type { ReadRendition } from './rendition-bytes.ts';

/**
 * Purge a feed's renditions from caches outside the store — the Worker's Cache API — on a takedown;
 * called with the validators the store held just before it purged them (the cache keys use the ETag).
 */
export type PurgeCache = (feedId: string, renditions: readonly Omit<Rendition, 'body'>[]) => Promise<void>;

export interface ServeOptions {
  /**
   * The definitions: a fixed map (the Worker's, bundled at deploy; tests; the bench), or Node's live registry,
   * replaced on reload. Routes read them per request through `currentFeeds`, never once at build.
   */
  readonly feeds: ReadonlyMap<string, FeedDefinition> | FeedRegistry;
  /** Unset: the admin routes refuse every request. */
  readonly adminToken?: string | undefined;
  /** With a fixed map: the definitions that failed validation, shown on /healthz. A registry carries its own. */
  readonly problems?: readonly DefinitionProblem[];
  /** Re-read the definitions (`POST /admin/reload`); unset where they are bundled at deploy (the Worker). */
  readonly reload?: (() => Promise<ReloadReport>) | undefined;
  readonly log: Log;
  /** The current instant, for takedown records, audits and embargoes: an input, like everywhere in the core. */
  readonly clock: Clock;
  /**
   * The public base URL the stored renditions were rendered with (PUBLIC_URL), for the absolute links made
   * per request (OPML, the self/next links of feed variants, the combined feed's); unset: the request's origin.
   */
  readonly publicUrl?: string | undefined;
  /** Told of every answered request (after its `info` log line): Node's Prometheus metrics count them. */
  readonly onRequest?: OnRequest | undefined;
  /** The runtime's metrics for `GET /metrics` (Node: prom-client); unset (Workers): the route is not there. */
  readonly metrics?: CollectMetrics | undefined;
  /** A token that opens `GET /metrics` only; `adminToken` opens it too. */
  readonly metricsToken?: string | undefined;
  /**
   * The client's address, for counting failed token attempts (src/core/serve/token-auth.ts): the socket's
   * peer on Node, `CF-Connecting-IP` on Workers. Unset: every client counts as one.
   */
  readonly clientAddress?: ((c: Context) => string | undefined) | undefined;
  /**
   * Why the store can only be read (Node on a read-only DATA_DIR), or unset: then the stored feeds are served,
   * /healthz says so, and every admin write (refresh, takedown, reload) answers 503 with this reason.
   */
  readonly readOnly?: string | undefined;
}

/**
 * The definitions and their problems as they are now: call it per request, not once, so a reload is seen.
 * @example const feed = currentFeeds(options).feeds.get(id)
 */
export function currentFeeds(options: Pick<ServeOptions, 'feeds' | 'problems'>): FeedSet {
  const { feeds } = options;
  return 'current' in feeds ? feeds.current() : { feeds, problems: options.problems ?? [] };
}

/** Set by the runtime's middleware on every request (`c.set('store', …)`), read by the routes with `c.get()`. */
export interface ServeVariables {
  store: Store;
  runner: RefreshRunner;
  purgeCache?: PurgeCache;
  /** Keeps work going after the answer (`waitUntil` on Workers); unset on Node, whose runner tracks its runs. */
  defer?: Defer;
  /** Where the feed route reads a stored rendition: Node's bytes cache; unset, the store (rendition-bytes.ts). */
  readRendition?: ReadRendition;
}

/** The Hono environment of the serve routes; a runtime's own extends it with its bindings and variables. */
export interface ServeEnv {
  Variables: ServeVariables;
}
