/**
 * @module tests/helpers/prom-client-request-metrics
 * The request metrics as src/runtime/node/metrics.ts kept them before src/runtime/node/request-metrics.ts:
 * prom-client's own `Counter` and `Histogram`, fed through their label children. Kept verbatim (the metric
 * definitions and `countRequests`, with `registers` as a parameter) as the reference the new metrics are
 * compared with (tests/runtime/node/request-metrics.test.ts).
 */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { OnRequest } from '../../src/core/serve/request-log.ts';

function createMetrics(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'lede_http_requests_total',
      help: 'Requests answered, by route pattern and HTTP status.',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'lede_http_request_duration_seconds',
      help: 'Time to answer a request, by route pattern.',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}

/**
 * Count a request on its labels' children, each looked up once: prom-client hashes a label object on every
 * `inc`/`observe`, which cost more than the rest of a cached feed's answer. Looked up by route, then by status
 * as a number (no key string made per request). Routes and statuses are bounded (see the module comment), so
 * the maps are too.
 */
function countRequests(metric: ReturnType<typeof createMetrics>): OnRequest {
  const routes = new Map<string, { timer: Histogram.Internal<'route'>; counters: Map<number, Counter.Internal> }>();
  return (event) => {
    let route = routes.get(event.route);
    if (!route)
      routes.set(event.route, (route = { timer: metric.requestSeconds.labels(event.route), counters: new Map() }));
    let counter = route.counters.get(event.status);
    if (!counter)
      route.counters.set(event.status, (counter = metric.requests.labels(event.route, String(event.status))));
    counter.inc();
    route.timer.observe(event.ms / 1000);
  };
}

/** @example const onRequest = registerPromClientRequestMetrics(new Registry()) */
export function registerPromClientRequestMetrics(registry: Registry): OnRequest {
  return countRequests(createMetrics(registry));
}
