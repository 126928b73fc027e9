/**
 * @module bench/cases/scale
 * History: a generated store of 100 feeds × 10,000 items against one of 100 feeds × 100 items
 * (bench/scale-store.ts), both SQLite files, both in this process, measured in alternating rounds:
 * publishing a feed (a changed definition, so all three formats render) and a refresh that finds nothing
 * new (the listing answers 304). Also the database bytes each further item costs, and the resident memory
 * of Lede as `npm start` runs it on each store. Issue 11's targets: ≤ 1.2× for both operations, RSS after
 * start with 100 feeds ≤ 120 MB.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publishFeed } from '../../src/core/refresh/publish-feed.ts';
import type { FeedDefinition } from '../../src/core/types.ts';
import { addDetails, addRow, type BenchCase, type CaseContext } from '../case.ts';
import { startBenchSite } from '../fixture-site.ts';
import { PUBLIC_URL, rawBenchFeed, type LedeParts } from '../lede-parts.ts';
import { formatBytes, formatMs, interleave, median, pairedRatio, timePerCall } from '../measure.ts';
import { spawnLede } from '../processes.ts';
import { generateStore, readSeedRecords, scaleFeeds, SEED_ARTICLES } from '../scale-store.ts';

const MB = 1e6;

interface Side {
  readonly lede: LedeParts;
  readonly dir: string;
  readonly items: number;
}

/** Alternate `operation` over the feeds of both stores; returns per-round ms of the large and the small one. */
function compare(
  context: CaseContext,
  feeds: readonly FeedDefinition[],
  operation: (lede: LedeParts, feed: FeedDefinition) => Promise<unknown>,
) {
  let next = 0;
  const run = (side: Side) => () =>
    timePerCall(() => operation(side.lede, feeds[next++ % feeds.length]!), context.quick ? 0 : 400);
  return (large: Side, small: Side) => interleave(context.quick ? 1 : 5, { large: run(large), small: run(small) });
}

/** A `kB` field of a /proc file's text, in bytes (NaN when absent). */
function readKbField(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/**
 * What the RSS is made of: anonymous memory (the heaps, SQLite's cache, buffers) and file-backed pages, of which
 * `FilePmdMapped` is file text mapped in huge pages. Linux collapses a long-used binary's page cache into huge
 * pages (khugepaged, read-only THP for files), and a process of that binary then maps ≈ 20–35 MB more of node's
 * text than one of a fresh copy: the same code reads 104 or 128 MB of RSS by where its node binary lies.
 */
interface RssParts {
  readonly anon: number;
  readonly file: number;
  readonly hugeText: number;
}

/**
 * A process's resident memory from one read of /proc (Linux; NaN elsewhere): its RSS, its peak (VmHWM: what a
 * container limit must allow) and the RSS's parts.
 */
async function readMemory(pid: number): Promise<{ rss: number; peak: number; parts: RssParts }> {
  const status = await readFile(`/proc/${String(pid)}/status`, 'utf8').catch(() => '');
  const rollup = await readFile(`/proc/${String(pid)}/smaps_rollup`, 'utf8').catch(() => '');
  return {
    rss: readKbField(status, 'VmRSS'),
    peak: readKbField(status, 'VmHWM'),
    parts: {
      anon: readKbField(status, 'RssAnon'),
      file: readKbField(status, 'RssFile'),
      hugeText: readKbField(rollup, 'FilePmdMapped'),
    },
  };
}

async function measureRss(side: Side, feedsDir: string): ReturnType<typeof readMemory> {
  const lede = await spawnLede(
    { FEEDS_DIR: feedsDir, DATA_DIR: side.dir, PUBLIC_URL },
    path.join(side.dir, 'lede.log'),
  );
  try {
    await new Promise((resolve) => setTimeout(resolve, 2000)); // let start-up garbage be collected
    return await readMemory(lede.process.pid ?? 0);
  } finally {
    await lede.stop();
  }
}

async function measureOperations(context: CaseContext, feeds: readonly FeedDefinition[], large: Side, small: Side) {
  const label = `${String(large.items)} vs ${String(small.items)} items per feed`;
  const refresh = compare(context, feeds, (lede, feed) => lede.runner.refresh(feed, { byHand: true }));
  const noNews = await refresh(large, small);
  let version = 0;
  const publish = compare(context, feeds, (lede, feed) =>
    publishFeed(lede.deps, { ...feed, title: `${feed.title} ${String(version++)}` }, PUBLIC_URL),
  );
  const published = await publish(large, small);
  for (const [name, samples] of [
    ['no-news refresh', noNews],
    ['publish (3 formats rendered)', published],
  ] as const) {
    addRow(context, {
      case: 'scale',
      measure: `${name}: ${label}`,
      lede: formatMs(median(samples.large)),
      baseline: formatMs(median(samples.small)),
      ratio: pairedRatio(samples.large, samples.small),
      target: { bound: 'max', value: 1.2 },
    });
  }
}

async function writeDefinitions(dir: string, origin: string, feeds: readonly FeedDefinition[]): Promise<string> {
  const feedsDir = path.join(dir, 'feeds');
  await mkdir(feedsDir, { recursive: true });
  for (const feed of feeds)
    await writeFile(
      path.join(feedsDir, `${feed.id}.json`),
      JSON.stringify(rawBenchFeed(feed.id, origin, SEED_ARTICLES)),
    );
  return feedsDir;
}

function describeRssParts({ anon, file, hugeText }: RssParts): string {
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  return `${mb(anon)} anonymous, ${mb(file)} file-backed (${mb(hugeText)} of it file text in huge pages: see RssParts)`;
}

/** Stored items per feed (what a retention rule left), database bytes per item, and RSS of `npm start`. */
async function reportFootprint(context: CaseContext, feedsDir: string, large: Side, small: Side): Promise<void> {
  const feedCount = (await readdir(feedsDir)).length;
  const kept = await large.lede.store.countPublished('feed-000');
  // Closed first: the last connection's close checkpoints the WAL into the database file.
  await large.lede.close();
  await small.lede.close();
  const [largeBytes, smallBytes] = [await large.lede.databaseBytes(), await small.lede.databaseBytes()];
  const perItem = (largeBytes - smallBytes) / (feedCount * (large.items - small.items));
  addRow(context, {
    case: 'scale',
    measure: 'database bytes per further item',
    lede: formatBytes(perItem),
    baseline: '',
  });
  const [largeStart, smallStart] = [await measureRss(large, feedsDir), await measureRss(small, feedsDir)];
  const [largeRss, smallRss] = [largeStart.rss, smallStart.rss];
  addRow(context, {
    case: 'scale',
    measure: `Node RSS after start, ${String(feedCount)} feeds × ${String(large.items)} items (vs × ${String(small.items)})`,
    lede: `${(largeRss / MB).toFixed(0)} MB`,
    baseline: `${(smallRss / MB).toFixed(0)} MB`,
    ratio: largeRss / smallRss,
    condition: { text: '≤ 120 MB', met: largeRss <= 120 * MB },
  });
  addDetails(context, 'scale', [
    `- Stores: ${String(feedCount)} feeds × ${String(large.items)} items (${formatBytes(largeBytes)}) and × ${String(small.items)} (${formatBytes(smallBytes)}), the first feed's written through Store.putArticle from real records, the others' copied from it in SQL; each feed's listing (${String(SEED_ARTICLES)} entries, all stored) then answers 304. Published items of a large feed after its first refresh (a retention rule may prune): ${String(kept)}.`,
    `- Operations cycle through the feeds; ${context.quick ? 'one call each' : '5 alternating rounds, each averaging the calls that fit in 400 ms'}. No-news refreshes are measured before the publishes (a publish with a changed definition would make the next refresh render).`,
    `- RSS: Lede started as \`npm start\` runs it (dist/node/main.js, built from src/runtime/node/main.ts, with the script's Node flags) on each store, read from /proc 2 s after it answers /healthz; the stores' renditions were rendered from other definitions (the publishes above change each title), so the start re-renders every feed. Peak RSS (VmHWM): ${(largeStart.peak / MB).toFixed(0)} MB and ${(smallStart.peak / MB).toFixed(0)} MB. The large store's RSS: ${describeRssParts(largeStart.parts)}.`,
  ]);
}

/** @example await benchScale({ quick: false, report }) */
export const benchScale: BenchCase = async (context) => {
  const [feedCount, largeItems, smallItems] = context.quick ? [2, 200, 20] : [100, 10_000, 100];
  const root = await mkdtemp(path.join(tmpdir(), 'lede-bench-scale-'));
  const site = await startBenchSite(0);
  try {
    const feeds = scaleFeeds(site.origin, feedCount);
    const seed = await readSeedRecords(site.origin);
    const open = async (items: number): Promise<Side> => {
      const dir = path.join(root, String(items));
      await mkdir(dir);
      const started = performance.now();
      const side = { lede: await generateStore(dir, feeds, items, seed), dir, items };
      process.stdout.write(
        `  scale: generated ${String(feedCount)} × ${String(items)} items in ${formatMs(performance.now() - started)}\n`,
      );
      return side;
    };
    const small = await open(smallItems);
    const large = await open(largeItems);
    await measureOperations(context, feeds, large, small);
    await reportFootprint(context, await writeDefinitions(root, site.origin, feeds), large, small);
  } finally {
    await site.close();
    await rm(root, { recursive: true, force: true });
  }
};
