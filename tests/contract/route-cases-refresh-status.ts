/**
 * @module tests/contract/route-cases-refresh-status
 * The refresh status as both runtimes must answer it (README, "Routes"): `POST /admin/refresh/{id}?wait=0`
 * answers 202 with where to look, `GET /admin/refresh/{id}` says whether a run is in flight and shows the
 * last report. On Node the run goes on in the background of the process; in workerd the test's request
 * ends only when its `waitUntil` work has (tests/runtime/worker/routes.test.ts), so the first status read
 * may already be idle there: the cases poll until idle, as a client would.
 * Run by tests/runtime/node/routes.test.ts and tests/runtime/worker/routes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../runtime/worker/fixture-feeds.ts';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

const BASE = 'http://lede.test';
const AUTH = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface RefreshStatus {
  feedId: string;
  state: 'running' | 'idle';
  lastReport: { feedId: string; ok: boolean; startedAt: string; finishedAt: string } | null;
}

async function readStatus(send: SendRequest, id: string): Promise<RefreshStatus> {
  const response = await send(new Request(`${BASE}/admin/refresh/${id}`, { headers: AUTH }));
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as RefreshStatus;
}

/** Poll the status until no run is in flight (a client's loop), at most ~20 s. */
async function waitUntilIdle(send: SendRequest, id: string): Promise<RefreshStatus> {
  for (let i = 0; i < 200; i++) {
    const status = await readStatus(send, id);
    if (status.state === 'idle') return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the refresh of ${id} never ended`);
}

export function describeRefreshStatusCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`Refresh status (${runtime})`, () => {
    const send = useSeededTarget(setup);

    it('POST /admin/refresh/monitor?wait=0: 202 with Location and statusUrl; the status then shows the new report', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      const response = await send()(
        new Request(`${BASE}/admin/refresh/monitor?wait=0`, { method: 'POST', headers: AUTH }),
      );
      expect(response.status).toBe(202);
      expect(response.headers.get('location')).toBe('/admin/refresh/monitor');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({
        feedId: 'monitor',
        state: 'running',
        statusUrl: `${BASE}/admin/refresh/monitor`,
      });
      const status = await waitUntilIdle(send(), 'monitor');
      expect(status).toMatchObject({ feedId: 'monitor', state: 'idle', lastReport: { feedId: 'monitor', ok: true } });
      expect(status.lastReport!.startedAt >= before).toBe(true);
    });

    it('GET /admin/refresh/queued: idle with no report for a feed never refreshed', async () => {
      expect(await readStatus(send(), 'queued')).toEqual({ feedId: 'queued', state: 'idle', lastReport: null });
    });

    it('the status is behind the token, and 404 for an unknown feed', async () => {
      const anonymous = await send()(new Request(`${BASE}/admin/refresh/monitor`));
      expect(anonymous.status).toBe(401);
      await anonymous.body?.cancel();
      const unknown = await send()(new Request(`${BASE}/admin/refresh/nope`, { headers: AUTH }));
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: 'no such feed' });
    });

    it('POST /admin/refresh/monitor?wait=soon: 400, nothing started', async () => {
      const response = await send()(
        new Request(`${BASE}/admin/refresh/monitor?wait=soon`, { method: 'POST', headers: AUTH }),
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'wait must be 0 or 1' });
      expect((await readStatus(send(), 'monitor')).state).toBe('idle');
    });
  });
}
