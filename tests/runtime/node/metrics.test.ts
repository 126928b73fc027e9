/**
 * `GET /metrics` where no token opens it: Lede on Node without ADMIN_TOKEN or METRICS_TOKEN answers 403, as
 * its admin API does; an app built without metrics (as the Worker's is) has no such route: 404.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { createRefreshRunner } from '../../../src/core/refresh/refresh-runner.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import { startLede, type LedeNode } from '../../../src/runtime/node/server.ts';
import { openHarness, PUBLIC_URL } from '../../helpers/lede-harness.ts';
import { silentLog } from '../../helpers/silent-log.ts';

let dir: string;
let lede: LedeNode;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lede-metrics-'));
  await mkdir(path.join(dir, 'feeds'));
  const config = parseRuntimeConfig({
    PORT: '0',
    FEEDS_DIR: path.join(dir, 'feeds'),
    DATA_DIR: path.join(dir, 'data'),
  });
  lede = await startLede(config, silentLog);
});

afterAll(async () => {
  await lede.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /metrics without a token configured', () => {
  it('answers 403 to everyone, saying which variables open it', async () => {
    for (const headers of [{}, { Authorization: 'Bearer guess' }]) {
      const response = await fetch(`${lede.url}/metrics`, { headers });
      expect(response.status).toBe(403);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({
        error: 'metrics disabled: neither METRICS_TOKEN nor ADMIN_TOKEN is set',
      });
    }
  });
});

describe('an app built without metrics', () => {
  it('has no /metrics: 404, as any unknown path', async () => {
    const h = await openHarness();
    try {
      const runner = createRefreshRunner(h.deps, { publicUrl: PUBLIC_URL });
      const app = createApp({
        store: h.store,
        feeds: h.feeds,
        runner,
        log: silentLog,
        clock: h.deps.clock,
        adminToken: 't',
      });
      const response = await app.request('/metrics', { headers: { Authorization: 'Bearer t' } });
      expect(response.status).toBe(404);
    } finally {
      await h.close();
    }
  });
});
