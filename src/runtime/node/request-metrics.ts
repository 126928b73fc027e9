/**
 * @module runtime/node/request-metrics
 * The two metrics every request feeds, `lede_http_requests_total` and `lede_http_request_duration_seconds`,
 * counted in plain numbers and handed to prom-client's registry (src/runtime/node/metrics.ts) as metrics of
 * its own kinds. prom-client's `Counter` and `Histogram` validate and hash the labels and allocate on every
 * `inc` and `observe`, even through a child of `labels()`: about a µs and 300 bytes per request, a fifth of
 * what Lede's own code cost a 304 (issue 11). Here a request finds its counts by two map lookups and adds to
 * them, allocating nothing.
 *
 * A scrape reads the very values prom-client would hold — each request counted once, each duration added to
 * its route's sum in the order requests ended, label sets in the order they were first seen — in the shape
 * prom-client's own metrics give its registry, so `/metrics` is what prom-client's metrics made of the same
 * requests, byte for byte (tests/runtime/node/request-metrics.test.ts compares the two).
 */
import type { Metric, Registry } from 'prom-client';
import type { OnRequest } from '../../core/serve/request-log.ts';

const REQUESTS = {
  name: 'lede_http_requests_total',
  help: 'Requests answered, by route pattern and HTTP status.',
};

const DURATIONS = {
  name: 'lede_http_request_duration_seconds',
  help: 'Time to answer a request, by route pattern.',
};

/** The duration histogram's upper bounds, in seconds. */
const BOUNDS: readonly number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** A (route, status) count, as prom-client's counter keeps one: its value and its label set. */
interface Count {
  value: number;
  readonly labels: { readonly route: string; readonly status: string };
}

/** A route's durations, as prom-client's histogram keeps them: a count per bucket (not cumulative), sum, count. */
interface Durations {
  readonly labels: { readonly route: string };
  readonly buckets: number[];
  sum: number;
  count: number;
}

/** One route's counts by status and its durations (`undefined` until a duration is added). */
interface Route {
  readonly statuses: Map<number, Count>;
  durations: Durations | undefined;
}

/** Everything counted, label sets in the order first seen (the order prom-client's maps keep them in). */
interface Counts {
  readonly routes: Map<string, Route>;
  readonly counted: Count[];
  readonly timed: Durations[];
}

/**
 * What prom-client's registry reads of a metric: its name, `get()` — or `getForPromString()` for the text
 * format, where prom-client's histogram has one — and `reset()` on `resetMetrics`.
 */
interface RegistryMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  get(): Promise<unknown>;
  getForPromString?(): Promise<unknown>;
  reset(): void;
}

/** The registry takes any such metric; its types name only prom-client's own classes. */
function register(registry: Registry, metric: RegistryMetric): void {
  registry.registerMetric(metric as unknown as Metric);
}

type Labels = Readonly<Record<string, string | number>>;

/** A sample as prom-client's histogram exports one (its `setValuePair`), its route in `sharedLabels`. */
function sample(labels: Labels, value: number, metricName: string, exemplar: null | undefined, sharedLabels: Labels) {
  return { labels, sharedLabels, value, metricName, exemplar };
}

/** One route's samples, in prom-client's order: the cumulative buckets, `+Inf`, the sum, the count. */
function histogramSamples({ labels, buckets, sum, count }: Durations) {
  const bucketName = `${DURATIONS.name}_bucket`;
  let cumulative = 0;
  const bounded = BOUNDS.map((le, index) => {
    cumulative += buckets[index] ?? 0;
    return sample({ le }, cumulative, bucketName, null, labels);
  });
  return [
    ...bounded,
    sample({ le: '+Inf' }, count, bucketName, null, labels),
    sample({}, sum, `${DURATIONS.name}_sum`, undefined, labels),
    sample({}, count, `${DURATIONS.name}_count`, undefined, labels),
  ];
}

/** A sample with its route among its own labels, as prom-client's `splayLabels` gives it for JSON. */
function splay({ sharedLabels, labels, ...rest }: ReturnType<typeof sample>) {
  return { ...rest, labels: { ...labels, ...sharedLabels } };
}

function histogramMetric(counts: Counts): RegistryMetric {
  const { name, help } = DURATIONS;
  const [type, aggregator] = ['histogram', 'sum'] as const;
  // Keys in prom-client's order, which a JSON scrape shows.
  const scrape = (values: unknown[]) => ({ name, help, type, values, aggregator });
  const samples = () => counts.timed.flatMap(histogramSamples);
  const reset = () => {
    counts.timed.length = 0;
    for (const route of counts.routes.values()) route.durations = undefined;
  };
  return {
    name,
    help,
    type,
    aggregator,
    // What the registry formats, as it does for prom-client's histograms; `get` (JSON) splays the labels.
    getForPromString: () => Promise.resolve(scrape(samples())),
    get: () => Promise.resolve(scrape(samples().map(splay))),
    reset,
  };
}

function counterMetric(counts: Counts): RegistryMetric {
  const { name, help } = REQUESTS;
  const [type, aggregator] = ['counter', 'sum'] as const;
  const reset = () => {
    counts.counted.length = 0;
    for (const route of counts.routes.values()) route.statuses.clear();
  };
  // Keys in prom-client's order, which a JSON scrape shows.
  return {
    name,
    help,
    type,
    aggregator,
    get: () => Promise.resolve({ help, name, type, values: [...counts.counted], aggregator }),
    reset,
  };
}

/** The bucket a duration falls in (the first whose bound it does not exceed), or -1 above them all. */
function bucketOf(seconds: number): number {
  for (let index = 0; index < BOUNDS.length; index++) if (seconds <= (BOUNDS[index] ?? 0)) return index;
  return -1;
}

/**
 * Register the request metrics in `registry` (after the metrics that come before them in a scrape) and return
 * the `onRequest` hook that feeds them.
 * @example const onRequest = registerRequestMetrics(registry); onRequest({ route: '/feeds/:file', status: 304, ms: 0.4, … })
 */
export function registerRequestMetrics(registry: Registry): OnRequest {
  const counts: Counts = { routes: new Map(), counted: [], timed: [] };
  const { routes, counted, timed } = counts;
  register(registry, counterMetric(counts));
  register(registry, histogramMetric(counts));
  return (event) => {
    let route = routes.get(event.route);
    if (!route) routes.set(event.route, (route = { statuses: new Map(), durations: undefined }));
    let count = route.statuses.get(event.status);
    if (!count) {
      count = { value: 0, labels: { route: event.route, status: String(event.status) } };
      route.statuses.set(event.status, count);
      counted.push(count);
    }
    count.value += 1;
    const seconds = event.ms / 1000;
    // As prom-client's histogram refuses one (after the request was counted).
    if (!Number.isFinite(seconds)) throw new TypeError(`Value is not a valid number: ${String(seconds)}`);
    let durations = route.durations;
    if (!durations) {
      durations = { labels: { route: event.route }, buckets: BOUNDS.map(() => 0), sum: 0, count: 0 };
      route.durations = durations;
      timed.push(durations);
    }
    const bucket = bucketOf(seconds);
    durations.sum += seconds;
    durations.count += 1;
    if (bucket >= 0) durations.buckets[bucket] = (durations.buckets[bucket] ?? 0) + 1;
  };
}
