/**
 * @module runtime/node/metrics
 * Lede's Prometheus metrics on Node, kept with prom-client (the Prometheus client for Node.js) in a registry
 * of the server's own, and served by the core's `GET /metrics` route (src/core/serve/metrics-route.ts).
 * They are fed by the core's hooks — `onFetch` (src/core/pull/observe-fetch.ts), `onRequest`
 * (src/core/serve/request-log.ts) — and by the reports of a wrapped refresh runner, so the core never
 * imports prom-client and the Worker bundle never holds it.
 *
 * Every label is bounded, as Prometheus asks of labels (https://prometheus.io/docs/practices/naming/#labels):
 * `feed` is a definition's id, `route` a route pattern (`/feeds/:file`, never a path), `outcome` a fixed code,
 * `status` an HTTP status. The README ("/metrics") lists the metrics. The two every request feeds are counted
 * without prom-client's per-call work (src/runtime/node/request-metrics.ts).
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { OnFetch } from '../../core/pull/observe-fetch.ts';
import type { RefreshRequest, RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import type { CollectMetrics } from '../../core/serve/metrics-route.ts';
import type { OnRequest } from '../../core/serve/request-log.ts';
import type { RefreshReport } from '../../core/store.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { registerRequestMetrics } from './request-metrics.ts';

export interface NodeMetrics {
  readonly onFetch: OnFetch;
  readonly onRequest: OnRequest;
  /**
   * The runner, counting each refresh when it reports (`refreshMany`'s at the end of the batch); a caller who
   * joins a run in flight gets the same report, counted once.
   */
  observeRunner(runner: RefreshRunner): RefreshRunner;
  readonly collect: CollectMetrics;
}

/** A refresh's outcome: the source failed, answered 304, was not asked (its max-age or Retry-After), or was read. */
function refreshOutcome(report: RefreshReport): string {
  if (!report.ok) return 'failed';
  if (report.notModified) return 'not-modified';
  if (report.sourceDeferredUntil !== undefined) return 'deferred';
  return 'ok';
}

function createMetrics(registry: Registry) {
  const registers = [registry];
  return {
    refreshes: new Counter({
      name: 'lede_refreshes_total',
      help: 'Feed refreshes finished, by feed and outcome (ok, not-modified, deferred, failed).',
      labelNames: ['feed', 'outcome'] as const,
      registers,
    }),
    refreshSeconds: new Histogram({
      name: 'lede_refresh_duration_seconds',
      help: 'How long a feed refresh took, source and articles together.',
      labelNames: ['feed'] as const,
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    published: new Counter({
      name: 'lede_items_published_total',
      help: 'Articles fetched and published into a feed.',
      labelNames: ['feed'] as const,
      registers,
    }),
    fetches: new Counter({
      name: 'lede_fetches_total',
      help: 'Pages read from sources, by outcome (ok, not-modified, or the error code: timeout, http-status, …).',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
}

/** The runner, telling `record` of every report it gives. */
function countingRunner(runner: RefreshRunner, record: (report: RefreshReport) => void): RefreshRunner {
  return {
    ...runner,
    async refresh(feed: FeedDefinition, request?: RefreshRequest) {
      const report = await runner.refresh(feed, request);
      record(report);
      return report;
    },
    // The runner's own (its order and pacing); its reports are counted when the batch is done.
    async refreshMany(feeds, request) {
      const reports = await runner.refreshMany(feeds, request);
      for (const report of reports) record(report);
      return reports;
    },
  };
}

/**
 * A fresh registry with Lede's metrics and prom-client's default process metrics (CPU, memory, event loop,
 * GC: `process_*`, `nodejs_*`).
 * @example
 * const metrics = createNodeMetrics();
 * const runner = metrics.observeRunner(createRefreshRunner(deps, options));
 * createApp({ …, onRequest: metrics.onRequest, metrics: metrics.collect });
 */
export function createNodeMetrics(): NodeMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metric = createMetrics(registry);
  // The request metrics, after those: a scrape lists them in that order (./request-metrics.ts).
  const onRequest = registerRequestMetrics(registry);
  // Joined callers get the very same report object: count it once.
  const counted = new WeakSet<RefreshReport>();
  const record = (report: RefreshReport) => {
    if (counted.has(report)) return;
    counted.add(report);
    const feed = report.feedId;
    metric.refreshes.inc({ feed, outcome: refreshOutcome(report) });
    const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
    if (Number.isFinite(seconds)) metric.refreshSeconds.observe({ feed }, Math.max(0, seconds));
    metric.published.inc({ feed }, report.fetched);
  };
  return {
    onFetch: (event) => metric.fetches.inc({ outcome: event.outcome }),
    onRequest,
    observeRunner: (runner) => countingRunner(runner, record),
    collect: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
