/**
 * @module tests/runtime/node/start-modules
 * Starting Lede and serving must not load linkedom (a full DOM, ≈ 22 MB of a process's memory) or
 * Readability: listings are read with the light tree, and the Readability fallback is imported only when a
 * page's own scoring finds no text. `npm start` runs the build (scripts/build-node.ts), whose code splitting
 * must keep that import a chunk of its own: the built entry runs as a child process with a module recorder
 * preloaded; it refreshes the fixture site's HTML listing and its articles, serves the feed, stops, and the
 * files it loaded are checked against what each output file bundles (esbuild marks each bundled source with
 * a `// path` comment).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_OUT_DIR } from '../../../scripts/build-node.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

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

/** The built files (URLs) whose bundled sources match `source`: `// node_modules/linkedom/…` and the like. */
async function outputsBundling(source: RegExp): Promise<string[]> {
  const names = (await readdir(NODE_OUT_DIR)).filter((name) => name.endsWith('.js'));
  const found: string[] = [];
  for (const name of names) {
    const text = await readFile(path.join(NODE_OUT_DIR, name), 'utf8');
    if (text.split('\n').some((line) => line.startsWith('// ') && source.test(line)))
      found.push(pathToFileURL(path.join(NODE_OUT_DIR, name)).href);
  }
  return found;
}

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
    const env = {
      PORT: '0',
      FEEDS_DIR: workspace.feedsDir,
      DATA_DIR: workspace.dataDir,
      LEDE_MODULES_FILE: modulesFile,
    };
    const server = await runStart(env, ['--import', hook]);
    const url = await waitForUrl(server);
    const feed = await waitForFeed(`${url}/feeds/listing.rss`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<item>');
    const done = runToEnd(server);
    server.kill('SIGTERM');
    expect((await done).code).toBe(0);
    const modules = (await readFile(modulesFile, 'utf8')).split('\n');
    // The recorder saw the built files that did the work, and the heavy ones exist: the check is not vacuous.
    const parsers = await outputsBundling(/^\/\/ (node_modules\/htmlparser2\/|src\/core\/pull\/parse-listing\.ts)/);
    expect(parsers.length).toBeGreaterThan(0);
    for (const file of parsers) expect(modules).toContain(file);
    const heavy = await outputsBundling(
      /^\/\/ (node_modules\/(linkedom|@mozilla\/readability)\/|src\/.*\/readability-fallback\.ts)/,
    );
    expect(heavy.length).toBeGreaterThan(0);
    expect(heavy.filter((file) => modules.includes(file))).toEqual([]);
    // Nothing came from the sources or node_modules' own files: the process ran the build alone.
    expect(modules.filter((module) => /\/(src|node_modules)\//.test(module))).toEqual([]);
  });
});
