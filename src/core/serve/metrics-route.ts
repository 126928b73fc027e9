/**
 * @module core/serve/metrics-route
 * `GET /metrics`, where the runtime keeps metrics: the app mounts the route, the runtime supplies what it
 * answers (`ServeOptions.metrics`: Node renders prom-client's registry in the Prometheus text format). The
 * core knows no metrics library; a runtime without one (Workers, whose replacement is Workers Analytics and
 * Workers Logs: docs/workers.md) gives none, and `/metrics` is then not found there, as any other path.
 *
 * Behind `Authorization: Bearer` (RFC 6750) with `METRICS_TOKEN` — a token a scraper may hold without
 * reaching the admin API — or `ADMIN_TOKEN`. With neither set it answers 403 to everyone, as the admin API
 * does: the numbers describe the operator's sources and traffic, and are not published by default.
 */
import { Hono } from 'hono';
import { requireBearer, type TokenGuard } from './token-auth.ts';

/** A scrape: the exposition text and its media type (`text/plain; version=0.0.4; charset=utf-8` for Prometheus). */
export interface MetricsScrape {
  readonly contentType: string;
  readonly body: string;
}

export type CollectMetrics = () => Promise<MetricsScrape>;

/** As much of `ServeOptions` as the route reads (its own type, so serve-env can name `CollectMetrics`). */
interface MetricsRouteOptions {
  readonly metrics?: CollectMetrics | undefined;
  readonly metricsToken?: string | undefined;
  readonly adminToken?: string | undefined;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * The route as a sub-app, empty when the runtime keeps no metrics.
 * @example routes.route('/', createMetricsRoute({ ...options, metrics: () => registry.metrics().then(…) }, guard))
 */
export function createMetricsRoute(options: MetricsRouteOptions, guard: TokenGuard): Hono {
  const route = new Hono();
  const { metrics } = options;
  if (!metrics) return route;
  const tokens = [options.metricsToken, options.adminToken].filter((token): token is string => !!token);
  const disabled = 'metrics disabled: neither METRICS_TOKEN nor ADMIN_TOKEN is set';
  route.get('/metrics', requireBearer(tokens, disabled, guard), async (c) => {
    const { contentType, body } = await metrics();
    return c.body(body, 200, { 'Content-Type': contentType, ...NO_STORE });
  });
  return route;
}
