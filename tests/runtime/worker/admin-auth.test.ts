/**
 * @module tests/runtime/worker/admin-auth
 * The token doors in workerd: failed attempts counted per `CF-Connecting-IP` (the visitor's address at
 * Cloudflare's edge), 429 with `Retry-After` after ten, for that address only; 401 names the scheme.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../../src/runtime/worker/index.ts';
import { TEST_ADMIN_TOKEN } from './fixture-feeds.ts';

async function post(path: string, address: string, token?: string): Promise<Response> {
  const headers = { 'CF-Connecting-IP': address, ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`https://lede.example${path}`, { method: 'POST', headers }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

describe('Worker: failed token attempts', () => {
  it('turns an address away after ten failures with 429 and Retry-After, and only that address', async () => {
    const first = await post('/admin/refresh/nope', '203.0.113.9', 'wrong');
    expect(first.status).toBe(401);
    expect(first.headers.get('WWW-Authenticate')).toMatch(/^Bearer\b/);
    for (let attempt = 2; attempt <= 10; attempt++)
      expect((await post('/admin/refresh/nope', '203.0.113.9')).status).toBe(401);
    const blocked = await post('/admin/refresh/nope', '203.0.113.9', TEST_ADMIN_TOKEN);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another visitor is not held back by this one's failures.
    expect((await post('/admin/refresh/nope', '203.0.113.10', TEST_ADMIN_TOKEN)).status).toBe(404);
  });
});
