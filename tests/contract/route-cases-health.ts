/**
 * @module tests/contract/route-cases-health
 * `/healthz` as both runtimes must answer it (README, "Health"), with the setup of the shared route cases
 * (tests/contract/route-cases.ts): `monitor` refreshed from the fixture site, `queued` defined but never
 * refreshed, and one invalid definition, which makes the service `degraded` (still HTTP 200).
 * Run by tests/runtime/node/routes.test.ts and tests/runtime/worker/routes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { HealthBody } from '../helpers/health-body.ts';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/;

export function describeHealthRouteCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`Health (${runtime})`, () => {
    const send = useSeededTarget(setup);

    it('GET /healthz: degraded (200) with an invalid definition; per feed its last refresh and next run', async () => {
      const response = await send()(new Request('http://lede.test/healthz'));
      expect(response.status).toBe(200);
      const body = (await response.json()) as HealthBody;
      expect(body.status).toBe('degraded');
      const monitor = body.feeds.find((feed) => feed.id === 'monitor')!;
      expect(monitor).toMatchObject({ condition: 'ok', consecutiveFailures: 0, lastError: null, pending: 0 });
      expect(monitor.lastAttemptAt).toBe(monitor.lastRefreshAt);
      expect(monitor.lastSuccessAt).toBe(monitor.lastRefreshAt);
      expect(monitor.items).toBeGreaterThanOrEqual(6);
      expect(monitor.nextRunAt).toMatch(ISO_INSTANT);
      expect(Date.parse(monitor.nextRunAt!)).toBeGreaterThan(Date.now() - 60_000);
      expect(body.feeds.find((feed) => feed.id === 'queued')).toMatchObject({
        condition: 'not-built',
        lastAttemptAt: null,
        consecutiveFailures: 0,
        items: 0,
        lastError: null,
      });
    });
  });
}
