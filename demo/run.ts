/**
 * @module demo/run
 * `npm run demo`: the demo news site on a free loopback port, Lede over it in the same process with its
 * own data folder (`DATA_DIR`, default `.data/demo`; definitions in `<DATA_DIR>/feeds`), every feed
 * refreshed once, and the URLs to open printed. `PORT` (default 8787), `HOST` and `DATA_DIR` work as for
 * `npm start`. SIGINT (Ctrl-C) or SIGTERM closes both servers and exits 0.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseRuntimeConfig, type RuntimeConfig } from '../src/core/config/runtime-config.ts';
import { startLede, type LedeNode } from '../src/runtime/node/server.ts';
import { formatReady, formatUrls, type FeedSummary } from './announce.ts';
import { demoFeeds, writeDemoFeeds } from './definitions.ts';
import { startDemoSite, type DemoSite } from './site/server.ts';

const DEFAULT_DATA_DIR = '.data/demo';

/** A free port on `host`, so that the feeds' self links name the real port when `PORT=0`. */
function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error(host))));
    });
  });
}

/**
 * The site takes the port it had last time in this data folder when it is free: the stored items' links
 * then still lead somewhere after a restart.
 */
async function startSite(dataDir: string): Promise<DemoSite> {
  await mkdir(dataDir, { recursive: true });
  const memory = path.join(dataDir, 'demo-site.json');
  const remembered = await readFile(memory, 'utf8').then(
    (text) => Number((JSON.parse(text) as { port?: unknown }).port) || 0,
    () => 0,
  );
  const site = await startDemoSite({ port: remembered }).catch(() => startDemoSite());
  if (remembered !== 0 && site.port !== remembered) {
    process.stderr.write(
      `lede demo: port ${String(remembered)} of the last run is taken; items stored then link to it (delete ${dataDir} to start afresh)\n`,
    );
  }
  await writeFile(memory, `${JSON.stringify({ port: site.port })}\n`);
  return site;
}

async function readConfig(dataDir: string): Promise<RuntimeConfig> {
  const env = process.env;
  const host = env.HOST ?? '127.0.0.1';
  const port = env.PORT === '0' ? String(await findFreePort(host)) : env.PORT;
  // Quiet by default (warnings and errors only), so the URLs stay readable; LOG_LEVEL still wins.
  return parseRuntimeConfig({
    LOG_LEVEL: 'warn',
    ...env,
    ...(port === undefined ? {} : { PORT: port }),
    DATA_DIR: dataDir,
    FEEDS_DIR: path.join(dataDir, 'feeds'),
    // One refresh reads every article of the demo (about 25 pages): no page budget to wait for.
    MAX_PAGES_PER_RUN: undefined,
  });
}

interface HealthFeed {
  readonly id: string;
  readonly condition: string;
  readonly lastAttemptAt: string | null;
}

async function readHealth(ledeUrl: string): Promise<readonly HealthFeed[]> {
  const response = await fetch(`${ledeUrl}/healthz`);
  return ((await response.json()) as { feeds: HealthFeed[] }).feeds;
}

/** Items a feed carries now, as a reader gets them (embargoed articles are stored but not yet published). */
async function countItems(ledeUrl: string, id: string): Promise<number> {
  const response = await fetch(`${ledeUrl}/feeds/${id}.json`);
  return response.ok ? ((await response.json()) as { items: unknown[] }).items.length : 0;
}

/** Refresh the feeds the start-up refresh left alone (refreshed by an earlier run), then count items. */
async function refreshAll(lede: LedeNode, ids: readonly string[], since: Date): Promise<readonly FeedSummary[]> {
  await lede.initialRefresh;
  const stale = (await readHealth(lede.url)).filter(
    (feed) => feed.lastAttemptAt === null || new Date(feed.lastAttemptAt) < since,
  );
  await lede.runner.refreshMany(stale.map((feed) => lede.feeds.get(feed.id)).filter((feed) => feed !== undefined));
  const health = await readHealth(lede.url);
  return Promise.all(
    ids.map(async (id) => ({
      id,
      items: await countItems(lede.url, id),
      condition: health.find((feed) => feed.id === id)?.condition ?? 'unknown',
    })),
  );
}

/** Stop on the first SIGINT/SIGTERM; Ctrl-C reaches this process twice under npm (terminal and npm), so repeats are ignored. */
function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`lede demo: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
  const started = new Date();
  const dataDir = process.env.DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  const servers: { site?: DemoSite; lede?: LedeNode } = {};
  stopOnSignals(async () => {
    await servers.lede?.close();
    await servers.site?.close();
  });
  servers.site = await startSite(dataDir);
  const feeds = demoFeeds(servers.site.origin);
  await writeDemoFeeds(path.join(dataDir, 'feeds'), feeds);
  const config = await readConfig(dataDir);
  servers.lede = await startLede(config);
  // The public URL: what a person opens (HOST=0.0.0.0 listens everywhere but is not an address to visit).
  process.stdout.write(formatUrls(servers.site.origin, config.publicUrl, feeds));
  const summaries = await refreshAll(
    servers.lede,
    feeds.map((feed) => feed.id),
    started,
  );
  process.stdout.write(formatReady(summaries, performance.now() / 1000, config.publicUrl));
}

try {
  await main();
} catch (error) {
  process.stderr.write(`lede demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
