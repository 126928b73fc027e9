/**
 * @module tests/runtime/node/start-modules
 * Starting Lede and serving must not load linkedom (a full DOM, ≈ 22 MB of a process's memory) or
 * Readability: listings are read with the light tree, and the Readability fallback is imported only when a
 * page's own scoring finds no text. `npm start`'s entry runs as a child process with a module recorder
 * preloaded; it refreshes the fixture site's HTML listing and its articles, serves the feed, stops, and
 * the modules it loaded are checked.
 */
import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Preloaded with `node --import`: records the URL of every module the process loads (ES modules and
 * CommonJS alike, through Node's synchronous module hooks) and writes them, one a line, when it exits.
 */
const RECORDER = `
import { writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({ load(url, context, nextLoad) { loaded.add(url); return nextLoad(url, context); } });
process.on('exit', () => writeFileSync(process.env.LEDE_MODULES_FILE, [...loaded].join('\\n')));
`;

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['listing']);
});

afterAll(async () => {
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

async function waitForFeed(url: string): Promise<Response> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await fetch(url);
    if (response.status !== 503) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never became available`);
}

describe('modules loaded by npm start', () => {
  it('refreshes an HTML listing and serves its feed without loading linkedom or Readability', async () => {
    const modulesFile = path.join(workspace.dir, 'modules.txt');
    const hook = path.join(workspace.dir, 'record-modules.mjs');
    await writeFile(hook, RECORDER);
    const server = spawn(process.execPath, ['--import', hook, path.join(ROOT, 'src/runtime/node/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        FEEDS_DIR: workspace.feedsDir,
        DATA_DIR: workspace.dataDir,
        LEDE_MODULES_FILE: modulesFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await waitForUrl(server);
    const feed = await waitForFeed(`${url}/feeds/listing.rss`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<item>');
    const done = runToEnd(server);
    server.kill('SIGTERM');
    expect((await done).code).toBe(0);
    const modules = (await readFile(modulesFile, 'utf8')).split('\n');
    // The recorder saw the libraries that did the work: the check below is not vacuous.
    expect(modules.some((module) => module.includes('/node_modules/htmlparser2/'))).toBe(true);
    expect(modules.some((module) => module.includes('/src/core/pull/parse-listing.ts'))).toBe(true);
    const heavy = modules.filter((module) =>
      /\/node_modules\/(linkedom|@mozilla\/readability)\/|\/readability-fallback\.ts$/.test(module),
    );
    expect(heavy).toEqual([]);
  });
});
