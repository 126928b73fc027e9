/**
 * One server per DATA_DIR, with real processes: a second `npm start` on the same folder refuses to start
 * with one line saying why, the first keeps serving, and the lock dies with its holder — even by `kill -9` —
 * so the next start needs no clean-up.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
const started: Awaited<ReturnType<typeof runStart>>[] = [];

async function start() {
  const server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
  });
  started.push(server);
  return server;
}

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
});

afterAll(async () => {
  for (const server of started) server.kill('SIGKILL');
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

describe('DATA_DIR lock (src/runtime/node/data-dir-lock.ts)', () => {
  it('refuses a second server on the same DATA_DIR, keeps the first, and frees the folder when the first dies', async () => {
    const first = await start();
    const url = await waitForUrl(first);

    const second = await runToEnd(await start());
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toContain(`another Lede server already uses DATA_DIR ${workspace.dataDir}`);
    expect((await fetch(`${url}/healthz`)).status).toBeLessThan(500);

    const gone = runToEnd(first);
    first.kill('SIGKILL');
    await gone;
    const third = await start();
    await expect(waitForUrl(third)).resolves.toMatch(/^http:/);
  }, 30_000);
});
