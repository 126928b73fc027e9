/**
 * Smoke test of `npm start`'s entry as a real process: environment contract, start-up refresh,
 * feeds over real HTTP with caching, admin refresh, graceful shutdown.
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { assertValidRss } from '../../helpers/feed-validity.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let server: Awaited<ReturnType<typeof runStart>>;
let url: string;
const TOKEN = 'smoke-secret';

async function waitForFeed(path: string): Promise<Response> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${url}${path}`);
    if (response.status !== 503) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} never became available`);
}

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor', 'blog']);
  server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
    ADMIN_TOKEN: TOKEN,
  });
  url = await waitForUrl(server);
});

afterAll(async () => {
  server.kill('SIGKILL');
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

describe('npm start (dist/node/main.js, built from src/runtime/node/main.ts)', () => {
  it('refreshes never-refreshed feeds on start and serves them with caching headers', async () => {
    const response = await waitForFeed('/feeds/monitor.rss');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+, stale-while-revalidate=\d+/);
    const etag = response.headers.get('etag')!;
    expect(assertValidRss(await response.text()).items.length).toBeGreaterThan(0);
    const again = await fetch(`${url}/feeds/monitor.rss`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the index with autodiscovery links and a health report', async () => {
    const index = await (await fetch(`${url}/`)).text();
    expect(index).toContain('<link rel="alternate" type="application/atom+xml"');
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; feeds: { id: string }[] };
    expect(health.status).toBe('ok');
    expect(health.feeds.map((feed) => feed.id).sort()).toEqual(['blog', 'monitor']);
  });

  it('runs an admin refresh with the token and refuses without it', async () => {
    expect((await fetch(`${url}/admin/refresh/monitor`, { method: 'POST' })).status).toBe(401);
    const response = await fetch(`${url}/admin/refresh/monitor`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ feedId: 'monitor', ok: true, errors: [] });
  });

  it('stops cleanly on SIGTERM', async () => {
    const done = runToEnd(server);
    server.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});

describe('bad configuration', () => {
  it('exits with a message naming the variable', async () => {
    const result = await runToEnd(await runStart({ PORT: 'eighty', FEEDS_DIR: 'feeds', DATA_DIR: '/tmp/none' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
  });
});

describe('npm start under a process manager', () => {
  // A container runtime or a supervisor signals the process it started — npm — not its process group. The
  // script `exec`s node, so npm's child is Lede itself and the signal npm forwards reaches it.
  it('stops on a SIGTERM sent to npm alone, exit 0, the port closed', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        FEEDS_DIR: workspace.feedsDir,
        DATA_DIR: `${workspace.dataDir}-npm`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const served = await waitForUrl(npm);
    const done = runToEnd(npm);
    npm.kill('SIGTERM');
    const ended = await done;
    expect(ended, ended.stderr).toMatchObject({ code: 0 });
    await expect(fetch(`${served}/healthz`)).rejects.toThrow();
  }, 30_000);
});
