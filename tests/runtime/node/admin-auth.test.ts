/**
 * The token doors over real sockets (`startLede` on a free port): a 401 says how to authenticate
 * (`WWW-Authenticate: Bearer`, RFC 6750 §3), and after ten failed attempts within a minute the client's
 * address is answered 429 with `Retry-After` (RFC 6585 §4) — the right token included, until the window
 * ends — on the admin API and `/metrics` alike. The token itself is never in a log line or an answer.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { startLede, type LedeNode } from '../../../src/runtime/node/server.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace } from '../../helpers/spawn-lede.ts';

const TOKEN = 'door-token-never-logged';
let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let lede: LedeNode;
const logged: string[] = [];

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
  const env = { PORT: '0', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir, ADMIN_TOKEN: TOKEN };
  lede = await startLede(parseRuntimeConfig(env), (level, msg, fields) => {
    logged.push(JSON.stringify({ level, msg, ...fields }));
  });
  await lede.initialRefresh;
});
afterAll(async () => {
  await lede.close();
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

const post = (path: string, token?: string) =>
  fetch(`${lede.url}${path}`, { method: 'POST', headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('failed token attempts', () => {
  it('401 names the scheme; the tenth failure within a minute turns the address away with 429 and Retry-After', async () => {
    const first = await post('/admin/refresh/monitor', 'wrong');
    expect(first.status).toBe(401);
    expect(first.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(await first.json()).toEqual({ error: 'missing or wrong token' });
    const malformed = await fetch(`${lede.url}/admin/refresh/monitor`, {
      method: 'POST',
      headers: { Authorization: 'Basic eDp5' },
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'malformed Authorization header: use "Bearer <token>"' });
    for (let attempt = 3; attempt <= 10; attempt++) expect((await post('/admin/refresh/monitor')).status).toBe(401);

    const blocked = await post('/admin/refresh/monitor', TOKEN);
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await blocked.json()).toEqual({ error: 'too many failed attempts: try again later' });
    // The same count guards /metrics; the public routes stay open.
    expect((await fetch(`${lede.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(429);
    expect((await fetch(`${lede.url}/healthz`)).status).toBe(200);

    const everything = [...logged, JSON.stringify(await (await fetch(`${lede.url}/healthz`)).json())].join('\n');
    expect(everything).not.toContain(TOKEN);
  });
});
