/**
 * @module tests/contract/route-cases-reload
 * `POST /admin/reload` as both runtimes answer it (README, "Changing definitions while running"): behind the
 * admin token on both; Node re-reads FEEDS_DIR and answers what changed (here: nothing, and the broken
 * definition of the shared setup still listed as a problem); the Worker, whose definitions are bundled at
 * deploy, answers 501 saying to deploy. Run by tests/runtime/node/routes.test.ts and
 * tests/runtime/worker/routes.test.ts with the setup of the shared route cases (tests/contract/route-cases.ts).
 */
import { describe, expect, it } from 'vitest';
import { BROKEN_FEED, TEST_ADMIN_TOKEN } from '../runtime/worker/fixture-feeds.ts';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

/** How the runtime's definitions change: re-read from its folder, or bundled by a deploy. */
export type ReloadBehaviour = 'reloads' | 'deploy';

function reload(token?: string): Request {
  return new Request('http://lede.test/admin/reload', {
    method: 'POST',
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  });
}

export function describeReloadRouteCases(
  runtime: string,
  setup: () => Promise<SendRequest>,
  behaviour: ReloadBehaviour,
): void {
  describe(`Reload (${runtime})`, () => {
    const send = useSeededTarget(setup);

    it('POST /admin/reload: 401 without the admin token', async () => {
      const response = await send()(reload());
      expect(response.status).toBe(401);
      await response.body?.cancel();
    });

    it(`POST /admin/reload with the token: ${behaviour === 'reloads' ? 'what changed' : '501, deploy instead'}`, async () => {
      const response = await send()(reload(TEST_ADMIN_TOKEN));
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body: unknown = await response.json();
      if (behaviour === 'deploy') {
        expect(response.status).toBe(501);
        expect(body).toEqual({ error: expect.stringMatching(/deploy/) as string });
        return;
      }
      expect(response.status).toBe(200);
      expect(body).toMatchObject({ added: [], changed: [], removed: [], invalid: [] });
      expect(body).toHaveProperty('problems', [expect.objectContaining({ field: BROKEN_FEED.field })]);
    });
  });
}
