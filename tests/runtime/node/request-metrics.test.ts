/**
 * @module tests/runtime/node/request-metrics
 * The request metrics counted in plain numbers (src/runtime/node/request-metrics.ts) against prom-client's own
 * `Counter` and `Histogram` fed the same requests (tests/helpers/prom-client-request-metrics.ts, the previous
 * implementation): the same exposition text and the same JSON, byte for byte, for any sequence of requests —
 * routes with characters the format escapes, durations on and between the bucket bounds, a registry reset
 * midway — and the same refusal of a duration that is not a number.
 */
import fc from 'fast-check';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { OnRequest, RequestEvent } from '../../../src/core/serve/request-log.ts';
import { registerRequestMetrics } from '../../../src/runtime/node/request-metrics.ts';
import { registerPromClientRequestMetrics } from '../../helpers/prom-client-request-metrics.ts';
import { parseExposition } from '../../helpers/prometheus-text.ts';

const ROUTES = ['/feeds/:file', '/healthz', 'unmatched', '/a"b', 'back\\slash', 'new\nline', '/feeds/:file/'];
const STATUSES = [200, 304, 404, 410, 503, 500, 204];
/** Milliseconds on the bounds (×1000), around them, tiny, huge, zero. */
const BOUND_MS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

const duration = fc.oneof(
  fc.constantFrom(...BOUND_MS, 0, 0.001, 5000.001, 1e9),
  fc.constantFrom(...BOUND_MS).map((ms) => ms + 1e-9),
  fc.double({ min: 0, max: 10_000, noNaN: true }),
  fc.integer({ min: 0, max: 6000 }).map((us) => us / 1000),
);

const event = fc.record({
  method: fc.constant('GET'),
  path: fc.constant('/'),
  route: fc.constantFrom(...ROUTES),
  status: fc.constantFrom(...STATUSES),
  ms: duration,
  bytes: fc.constant(0),
});

type Step = { kind: 'event'; event: RequestEvent } | { kind: 'reset' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 30, arbitrary: event.map((e) => ({ kind: 'event' as const, event: e })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

/** Feed `steps` to metrics registered by `register` in a fresh registry; its text and JSON. */
async function scrape(register: (registry: Registry) => OnRequest, steps: readonly Step[]) {
  const registry = new Registry();
  const onRequest = register(registry);
  for (const s of steps) {
    if (s.kind === 'reset') registry.resetMetrics();
    else onRequest(s.event);
  }
  return { text: await registry.metrics(), json: JSON.stringify(await registry.getMetricsAsJSON()) };
}

describe('registerRequestMetrics', () => {
  it("scrapes as prom-client's Counter and Histogram fed the same requests", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 80 }), async (steps) => {
        const ours = await scrape(registerRequestMetrics, steps);
        const theirs = await scrape(registerPromClientRequestMetrics, steps);
        expect(ours.text).toBe(theirs.text);
        expect(ours.json).toBe(theirs.json);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a valid exposition with both families typed', async () => {
    const steps: Step[] = [
      { kind: 'event', event: { method: 'GET', path: '/', route: '/feeds/:file', status: 304, ms: 0.4, bytes: 0 } },
    ];
    const { text } = await scrape(registerRequestMetrics, steps);
    const exposition = parseExposition(text);
    expect(exposition.types.get('lede_http_requests_total')).toBe('counter');
    expect(exposition.types.get('lede_http_request_duration_seconds')).toBe('histogram');
  });

  it('refuses a duration that is not a number as prom-client does, after counting the request', async () => {
    for (const register of [registerRequestMetrics, registerPromClientRequestMetrics]) {
      const registry = new Registry();
      const onRequest = register(registry);
      const bad = { method: 'GET', path: '/', route: '/healthz', status: 200, ms: Number.NaN, bytes: 0 };
      expect(() => onRequest(bad)).toThrow(new TypeError('Value is not a valid number: NaN'));
      expect(await registry.metrics()).toContain('lede_http_requests_total{route="/healthz",status="200"} 1');
    }
  });
});
