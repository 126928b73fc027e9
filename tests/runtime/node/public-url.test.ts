/**
 * The CLI renders with the server's public URL: `npm start` on a free port (PORT=0, no PUBLIC_URL) records
 * `http://127.0.0.1:<port>` in DATA_DIR, and `npm run refresh` in another process, with the same DATA_DIR,
 * renders the feeds' self links with it; PUBLIC_URL overrides it; without either the CLI says it takes the
 * HOST/PORT default. Real processes over the fixture site.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runNode, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let server: Awaited<ReturnType<typeof runStart>>;
let url: string;

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
  server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
  });
  url = await waitForUrl(server);
});

afterAll(async () => {
  server.kill('SIGKILL');
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

/** The JSON Feed `feed_url` the server serves for monitor, once its start-up refresh built it. */
async function servedFeedUrl(): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${url}/feeds/monitor.json`);
    if (response.status === 200) return ((await response.json()) as { feed_url: string }).feed_url;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('monitor was never built');
}

const refresh = (env: Record<string, string>) =>
  runToEnd(runNode('src/runtime/node/cli.ts', ['refresh', 'monitor'], { FEEDS_DIR: workspace.feedsDir, ...env }));

describe('the public URL the CLI renders with', () => {
  it('is the one the server recorded in DATA_DIR: its real port, not :0 nor :8787', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toMatch(/:0$/);
    const recorded = JSON.parse(await readFile(path.join(workspace.dataDir, 'public-url.json'), 'utf8')) as unknown;
    expect(recorded).toMatchObject({ publicUrl: url });
    expect(await servedFeedUrl()).toBe(`${url}/feeds/monitor.json`);

    // PUBLIC_URL first: the CLI re-renders with it (so it does render), and says so.
    const elsewhere = await refresh({ DATA_DIR: workspace.dataDir, PUBLIC_URL: 'http://elsewhere.test' });
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stderr).toContain('lede: public URL http://elsewhere.test (from PUBLIC_URL)');
    expect(await servedFeedUrl()).toBe('http://elsewhere.test/feeds/monitor.json');

    const result = await refresh({ DATA_DIR: workspace.dataDir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`lede: public URL ${url} (the server's, recorded in`);
    expect(await servedFeedUrl()).toBe(`${url}/feeds/monitor.json`);
    const rss = await (await fetch(`${url}/feeds/monitor.rss`)).text();
    expect(rss).toContain(`<atom:link href="${url}/feeds/monitor.rss" rel="self"`);
  }, 60_000);

  it('without PUBLIC_URL nor a recorded one, is the HOST/PORT default, said on stderr', async () => {
    const result = await refresh({ DATA_DIR: path.join(workspace.dir, 'other-data'), PORT: '9999' });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /lede: public URL http:\/\/127\.0\.0\.1:9999 \(no PUBLIC_URL, and no server has recorded one in .*public-url\.json: the HOST\/PORT default\)/,
    );
  }, 30_000);
});
