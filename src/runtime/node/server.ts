/**
 * @module runtime/node-server
 * Lede on Node: SQLite on disk, undici for HTTP, a node-cron ticker for schedules, @hono/node-server for HTTP
 * (with gzip and Brotli in front of the app).
 * `startLede` wires the ports and returns a handle; `node.ts` is the process entry around it.
 */
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { formatProblem } from '../../core/config/feed-definition.ts';
import type { ReloadReport } from '../../core/config/feed-registry.ts';
import type { RuntimeConfig } from '../../core/config/runtime-config.ts';
import { LedeError } from '../../core/errors.ts';
import { observeFetchPage, type OnFetch } from '../../core/pull/observe-fetch.ts';
import type { CoreDeps, Log } from '../../core/ports.ts';
import { createRefreshRunner, type RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import { publishFeed } from '../../core/refresh/publish-feed.ts';
import { applyKillSwitch } from '../../core/refresh/takedown.ts';
import { createApp } from '../../core/serve/app.ts';
import type { ReadNow } from '../../core/serve/feed-route.ts';
import { cacheRenditionBytes } from '../../core/serve/rendition-bytes.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { openReadOnlySqliteStore, openSqliteStore } from '../../store/sqlite.ts';
import { claimDataDir } from './data-dir-lock.ts';
import { readFeedDefinitions } from './feeds.ts';
import { createCompression } from './compression.ts';
import { withFastFeeds, withFastFeedsListener, type Listener } from './fast-feeds.ts';
import { createNodeFetchPage, createNodePostForm } from './fetch-page.ts';
import { createNodeLog } from './log.ts';
import { createNodeMetrics } from './metrics.ts';
import { compactAfterRefreshes } from './heap-compaction.ts';
import { recordPublicUrl, resolveAnyPort } from './public-url.ts';
import { openLiveDefinitions } from './reload-definitions.ts';
import { stopServing } from './shutdown.ts';
import { nodeSha256Hex } from './sha256-hex.ts';
import { startTicker } from './ticker.ts';
import { keepTickShape } from './tick-shape.ts';
import { keepRequestShape } from './request-shape.ts';

export interface LedeNode {
  readonly url: string;
  readonly runner: RefreshRunner;
  /** The definitions served now (they change when FEEDS_DIR does). */
  readonly feeds: ReadonlyMap<string, FeedDefinition>;
  /** Re-read FEEDS_DIR now (as the watch, `POST /admin/reload` and SIGHUP do). */
  reload(): Promise<ReloadReport>;
  /** Resolves when the start-up refresh of never-refreshed feeds is done. */
  readonly initialRefresh: Promise<void>;
  /** Stop: no new connections, refreshes in flight aborted (what they finished is kept), the store closed. */
  close(): Promise<void>;
}

/** How long a read of SQLite's data_version is reused: far below anything a person or a process could order against. */
const VERSION_CHECK_MS = 1;

/**
 * `read`, asked at most once per VERSION_CHECK_MS: a PRAGMA per request cost as much as the rest of a 304. So a
 * commit by another process (the CLI's refresh) is served at most 1 ms after it lands — while clients are told
 * they may keep a feed 300 s (`max-age`), and a CLI cannot even exit in that time.
 */
function throttle(read: () => number): () => number {
  let value = read();
  let checkedAt = performance.now();
  return () => {
    const now = performance.now();
    if (now - checkedAt >= VERSION_CHECK_MS) {
      value = read();
      checkedAt = now;
    }
    return value;
  };
}

export async function openNodeDeps(config: RuntimeConfig, log: Log, onFetch?: OnFetch, readOnly = false) {
  const { definitions, problems } = await readFeedDefinitions(config.feedsDir);
  for (const problem of problems) log('error', `bad feed definition: ${formatProblem(problem)}`);
  const database = path.join(config.dataDir, 'lede.sqlite');
  const sqlite = await (readOnly ? openReadOnlySqliteStore(database) : openSqliteStore(database));
  // Renditions served as bytes from memory; another process's commit is seen by SQLite's data_version
  // on every read, this one's writes through the wrapped store (src/core/serve/rendition-bytes.ts).
  const cached = cacheRenditionBytes(sqlite, { version: throttle(sqlite.dataVersion) });
  const { store, read: readRendition, peek } = cached;
  // The fast path's reader (src/runtime/node/fast-feeds.ts): a rendition in memory at once, else as the app reads it.
  const readNow: ReadNow = (feedId, format) => peek(feedId, format) ?? readRendition(feedId, format);
  const websub = config.websubHub === undefined ? undefined : { url: config.websubHub, postForm: createNodePostForm() };
  // Aborted at shutdown: fetches in flight stop, their articles stay pending (src/runtime/node/shutdown.ts).
  const stopping = new AbortController();
  const fetchPage = observeFetchPage(createNodeFetchPage({ signal: stopping.signal }), log, onFetch);
  const deps: CoreDeps = {
    fetchPage,
    store,
    clock: () => new Date(),
    log,
    websub,
    retentionDays: config.retentionDays,
    sha256: nodeSha256Hex,
  };
  const runner = createRefreshRunner(deps, {
    publicUrl: config.publicUrl,
    maxPages: config.maxPagesPerRun,
    signal: stopping.signal,
  });
  return { definitions, problems, store, readRendition, readNow, peek, deps, runner, stopping };
}

/**
 * Items a crash stored but never published — the process died between an article's write and its feed's
 * renditions — are published at start, without fetching anything: a feed's renditions record the key of
 * what they were rendered from, so a feed with nothing missing costs a key computation and no rendering.
 */
async function publishStored(deps: CoreDeps, feeds: ReadonlyMap<string, FeedDefinition>, publicUrl: string, log: Log) {
  for (const feed of feeds.values()) {
    const changed = await publishFeed(deps, feed, publicUrl, { sourceRead: false }).catch((error: unknown) => {
      log('error', 'start-up publish failed', { feed: feed.id, message: String(error) });
      return [];
    });
    if (changed.length > 0) log('info', 'published stored items at start', { feed: feed.id, formats: changed });
  }
}

async function refreshNeverRefreshed(deps: CoreDeps, runner: RefreshRunner, feeds: readonly FeedDefinition[]) {
  const refreshed = new Set(
    (await deps.store.listFeedStates(feeds.map((feed) => feed.id)))
      .filter((state) => state.lastRefreshAt)
      .map((state) => state.feedId),
  );
  await runner.refreshMany(feeds.filter((feed) => !refreshed.has(feed.id)));
}

/** Why the port could not be opened, in one line naming the variables to change (no stack trace). */
function describeListenError(error: unknown, config: RuntimeConfig): Error {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const where = `port ${String(config.port)} on ${config.host}`;
  const reason =
    code === 'EADDRINUSE'
      ? `${where} is already in use (PORT/HOST)`
      : code === 'EACCES'
        ? `${where} is not allowed for this user (PORT/HOST; ports below 1024 need privileges)`
        : code === 'EADDRNOTAVAIL'
          ? `${config.host} is not an address of this machine (HOST)`
          : `cannot listen on ${where} (PORT/HOST): ${error instanceof Error ? error.message : String(error)}`;
  return new LedeError('invalid-config', reason, { cause: error });
}

function listen(listener: Listener, config: RuntimeConfig): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    // Its requests' objects keep their properties in-object whatever the start's collections (./request-shape.ts).
    keepRequestShape(server);
    server.listen(config.port, config.host, () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : config.port });
    });
    // A busy or forbidden port is an 'error' event; unhandled, Node would crash with a stack trace.
    server.once('error', (error) => {
      reject(describeListenError(error, config));
    });
  });
}

/**
 * What a server on a writable DATA_DIR starts once it listens (a read-only one starts none of it): the one
 * ticker — the core decides which feeds are due, as on Workers (src/runtime/node/ticker.ts) —, the watch of
 * FEEDS_DIR, the refresh of feeds never refreshed, in the background, and the public URL recorded for
 * `npm run refresh` and the other commands (src/runtime/node/public-url.ts).
 */
async function startWriting(context: {
  config: RuntimeConfig;
  deps: CoreDeps;
  runner: RefreshRunner;
  live: ReturnType<typeof openLiveDefinitions>;
  definitions: ReadonlyMap<string, FeedDefinition>;
  log: Log;
}) {
  const { config, deps, runner, live, definitions, log } = context;
  const ticker = startTicker(deps, runner, () => live.registry.current().feeds, deps.clock());
  live.watch();
  const initialRefresh = refreshNeverRefreshed(deps, runner, [...definitions.values()]).catch((error: unknown) =>
    log('error', 'start-up refresh failed', { message: String(error) }),
  );
  await recordPublicUrl(config.dataDir, config.publicUrl, deps.clock());
  return { ticker, initialRefresh };
}

/**
 * Start serving and scheduling. Feeds never refreshed are refreshed in the background right away.
 * @example const lede = await startLede(parseRuntimeConfig(process.env))
 */
export async function startLede(
  requested: RuntimeConfig,
  log: Log = createNodeLog(requested.logLevel, { format: requested.logFormat }),
): Promise<LedeNode> {
  // Before the start's collections: Node's per-request `nextTick`s stay fast (./tick-shape.ts).
  keepTickShape();
  // A read-only DATA_DIR that holds a database is served read-only: no lock, no writes, no refreshes.
  const { lock = { release: () => undefined }, readOnly } = await claimDataDir(requested.dataDir);
  const metrics = createNodeMetrics();
  const opened = await (async () => {
    const config = await resolveAnyPort(requested).catch((error: unknown) => {
      throw describeListenError(error, requested);
    });
    return { config, ...(await openNodeDeps(config, log, metrics.onFetch, readOnly !== undefined)) };
  })().catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const { config, definitions, problems, store, readRendition, readNow, deps, stopping } = opened;
  // After each batch of refreshes, young-generation pages go back to the system (./heap-compaction.ts).
  const runner = compactAfterRefreshes(metrics.observeRunner(opened.runner));
  const { adminToken, publicUrl, metricsToken } = config;
  if (readOnly === undefined) {
    // A definition changed to "enabled": false purges its feed now; one re-enabled is lifted.
    for (const feed of definitions.values()) await applyKillSwitch(store, feed, deps.clock());
    await publishStored(deps, definitions, publicUrl, log);
  } else {
    log('warn', 'DATA_DIR is read-only: serving the stored feeds, refreshes are off', { reason: readOnly });
  }
  // The one live set of definitions every route and the ticker read (src/runtime/node/reload-definitions.ts).
  const initial = { feeds: definitions, problems };
  const live = openLiveDefinitions({ feedsDir: config.feedsDir, initial, store, runner, log, clock: deps.clock });
  const { registry } = live;
  const reload = () => live.reload();
  const { onRequest } = metrics;
  const app = createApp({
    store,
    readRendition,
    feeds: registry,
    reload,
    runner,
    log,
    clock: deps.clock,
    adminToken,
    publicUrl,
    onRequest,
    metrics: metrics.collect,
    metricsToken,
    // The socket's peer, for counting failed token attempts (behind a proxy: the proxy's address).
    clientAddress: (c) => getConnInfo(c).remote.address,
    readOnly,
  });
  // gzip/br by Accept-Encoding, each rendition compressed once (src/runtime/node/compression.ts); stored feeds
  // answered in front of the app: at the node:http listener when plain and in memory, else inside
  // @hono/node-server when they only wait for a read (src/runtime/node/fast-feeds.ts).
  const compression = createCompression();
  const fast = { feeds: registry, log, onRequest };
  const fetch = compression.wrap(withFastFeeds(app.fetch, { ...fast, read: readNow }));
  // `hostname` stands in for a missing Host header, as `serve()` from @hono/node-server sets it.
  const hono = getRequestListener(fetch, { hostname: config.host });
  const listener = withFastFeedsListener(hono, { ...fast, peek: opened.peek, compression });
  const { server, port } = await listen(listener, config).catch(async (error: unknown) => {
    await store.close();
    lock.release();
    throw error;
  });
  const { ticker, initialRefresh } =
    readOnly === undefined
      ? await startWriting({ config, deps, runner, live, definitions, log })
      : { ticker: undefined, initialRefresh: Promise.resolve() };
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log('info', 'serving', { url, feeds: definitions.size, problems: problems.length });
  return {
    url,
    runner,
    get feeds() {
      return registry.current().feeds;
    },
    reload,
    initialRefresh,
    async close() {
      await live.close();
      await ticker?.stop();
      await stopServing(server, stopping, runner);
      await store.close();
      lock.release();
    },
  };
}
