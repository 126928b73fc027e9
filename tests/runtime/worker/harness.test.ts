/**
 * @module tests/runtime/worker/harness
 * What the Workers end-to-end tests rely on, proven once: code inside workerd reaches the fixture news
 * site started in Node by tests/runtime/worker/fixture-origin.ts (plain `fetch` to 127.0.0.1, no outbound
 * mocking), and the `main` Worker of wrangler.toml can be called both integration-style and unit-style.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import worker from '../../../src/runtime/worker/index.ts';

describe('Workers test harness', () => {
  it('reaches the fixture site on 127.0.0.1 from inside workerd', async () => {
    const origin = inject('fixtureOrigin');
    const response = await fetch(`${origin}/echo?x=1`, { headers: { 'user-agent': 'harness' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      method: 'GET',
      url: '/echo?x=1',
      headers: { 'user-agent': 'harness' },
    });
  });

  it('calls the main Worker through its exports (integration style)', async () => {
    const response = await exports.default.fetch('https://lede.test/__no-such-route__');
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });

  it('calls the main Worker’s handler directly with a test ExecutionContext (unit style)', async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(new Request('https://lede.test/__no-such-route__'), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(404);
  });

  it('builds a ScheduledController for the cron trigger of wrangler.toml', () => {
    const scheduledTime = Date.UTC(2026, 0, 1, 0, 5);
    const controller = createScheduledController({ cron: '*/5 * * * *', scheduledTime });
    expect(controller.cron).toBe('*/5 * * * *');
    expect(controller.scheduledTime).toBe(scheduledTime);
  });
});
