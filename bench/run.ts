/**
 * `npm run bench`: Lede's hot paths against baselines measured in the same run.
 * - serve: a cached feed (200) and a conditional hit (304) vs a Hono route answering a constant string;
 * - extract: extractArticle vs parsing the same page with linkedom alone;
 * - license: buildExcerpt vs counting the words alone;
 * - render: each format of a 50-item feed vs JSON.stringify of the same items;
 * - schedule: the core's next fire time for rare schedules vs croner's nextRun for the same ones;
 * - compression (Node): a feed's bytes per coding, and a coded 200 from the cache vs the identity 200.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Cron } from 'croner';
import { Hono } from 'hono';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/core/extract/extract-article.ts';
import { buildExcerpt } from '../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../src/core/license/resolve-policy.ts';
import { countWords } from '../src/core/license/count-words.ts';
import { buildFeedMeta, publishFeed } from '../src/core/refresh/publish-feed.ts';
import { createRefreshRunner } from '../src/core/refresh/refresh-runner.ts';
import { renderFeed } from '../src/core/render/render-feed.ts';
import { createApp } from '../src/core/serve/app.ts';
import { withCompression } from '../src/runtime/node/compression.ts';
import { parseFeedDefinition } from '../src/core/config/feed-definition.ts';
import { parseCron } from '../src/core/schedule/cron.ts';
import { nextCronRun } from '../src/core/schedule/next-run.ts';
import type { CoreDeps } from '../src/core/ports.ts';
import { silentLog } from '../tests/helpers/silent-log.ts';
import type { FeedItem } from '../src/core/types.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { benchGroup } from './measure.ts';

const PAGE = path.resolve(
  import.meta.dirname,
  '../tests/fixtures/site/public/politics/1101/senate-backs-water-code-overhaul.html',
);
const ORIGIN = 'http://127.0.0.1:8080';

function makeItems(text: string, count: number): FeedItem[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${ORIGIN}/news/${i}`,
    url: `${ORIGIN}/news/${i}`,
    title: `Article number ${i} about the steppe`,
    published: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    updated: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    author: 'Aigerim Sadykova',
    categories: ['Politics'],
    excerpt: buildExcerpt(text, resolvePolicy({ maxShare: 0.3, attribution: 'Bench' }), 'en'),
  }));
}

/**
 * Rare schedules: a leap day, a leap day on a Sunday (up to 40 years apart), the 31st of two months;
 * with croner's spelling of the same schedule (`+` ANDs the day fields as Vixie cron's `*\/7` does).
 */
const RARE_SCHEDULES = [
  ['0 0 29 2 *', '0 0 29 2 *'],
  ['0 0 29 2 */7', '0 0 29 2 +*/7'],
  ['0 0 31 1,12 *', '0 0 31 1,12 *'],
] as const;

async function benchSchedule(): Promise<void> {
  const after = new Date('2029-03-01T00:00:00Z');
  const jobs = RARE_SCHEDULES.map(([, spelling]) => new Cron(spelling, { utcOffset: 0, paused: true }));
  const schedules = RARE_SCHEDULES.map(([expression]) => parseCron(expression));
  await benchGroup(
    `schedule (next fire time of ${RARE_SCHEDULES.map(([expression]) => expression).join(', ')})`,
    { name: 'croner nextRun', run: () => jobs.map((job) => job.nextRun(after)) },
    [{ name: 'nextCronRun', run: () => schedules.map((schedule) => nextCronRun(schedule, after)) }],
  );
}

async function main() {
  await benchSchedule();

  const html = (await readFile(PAGE, 'utf8')).replaceAll('{{origin}}', ORIGIN);
  const pageUrl = `${ORIGIN}/politics/1101/senate-backs-water-code-overhaul`;
  const article = extractArticle(html, pageUrl);
  const license = { maxShare: 0.3, attribution: 'Bench' };

  await benchGroup('extract (one news page)', { name: 'linkedom parseHTML only', run: () => void parseHTML(html) }, [
    { name: 'extractArticle', run: () => extractArticle(html, pageUrl) },
  ]);

  await benchGroup(
    `license (${countWords(article.text)} words)`,
    { name: 'countWords only', run: () => countWords(article.text, 'en') },
    [{ name: 'buildExcerpt', run: () => buildExcerpt(article.text, resolvePolicy(license), 'en') }],
  );

  const definition = parseFeedDefinition(
    'bench',
    {
      title: 'Bench',
      site: `${ORIGIN}/`,
      source: { type: 'feed', url: `${ORIGIN}/rss` },
      license,
    },
    'bench.json',
  );
  if (!definition.ok) throw new Error('bench definition invalid');
  const feed = definition.definition;
  const items = makeItems(article.text, 50);
  const meta = buildFeedMeta(feed, items, 'http://lede.test');
  await benchGroup('render (50 items)', { name: 'JSON.stringify(items)', run: () => JSON.stringify(items) }, [
    { name: 'renderFeed rss', run: () => renderFeed('rss', meta, items) },
    { name: 'renderFeed atom', run: () => renderFeed('atom', meta, items) },
    { name: 'renderFeed json', run: () => renderFeed('json', meta, items) },
  ]);

  const store = await openSqliteStore(':memory:');
  const deps: CoreDeps = {
    store,
    clock: () => new Date('2025-03-12T12:00:00Z'),
    log: silentLog,
    fetchPage: () => Promise.reject(new Error('offline')),
  };
  for (const [i, item] of items.entries()) {
    await store.putArticle({
      feedId: 'bench',
      sourceUrl: item.url,
      entryHash: `h${i}`,
      entry: { url: item.url },
      state: 'ready',
      attempts: 0,
      discoveredAt: item.published,
      item,
    });
  }
  await publishFeed(deps, feed, 'http://lede.test');
  // A feed whose inputs changed renders all three formats; one whose inputs did not (most refreshes)
  // only reads its records and hashes them. The retitled definition forces a render on every run.
  let round = 0;
  await benchGroup(
    'publish (50 items, SQLite in memory)',
    { name: 'listPublished(50) only', run: () => store.listPublished('bench', 50) },
    [
      {
        name: 'publishFeed, nothing changed (input key matches)',
        run: () => publishFeed(deps, feed, 'http://lede.test'),
      },
      {
        name: 'publishFeed, definition changed (renders 3 formats)',
        run: () => publishFeed(deps, { ...feed, title: `Bench ${round++}` }, 'http://lede.test'),
      },
    ],
  );
  await publishFeed(deps, feed, 'http://lede.test');
  const app = createApp({
    store,
    feeds: new Map([['bench', feed]]),
    runner: createRefreshRunner(deps, { publicUrl: 'http://lede.test' }),
    log: silentLog,
    clock: deps.clock,
  });
  const etag = (await app.request('/feeds/bench.rss')).headers.get('etag') ?? '';
  const constant = new Hono().get('/', (c) => c.text('ok'));
  await benchGroup(
    'serve (in-process, SQLite in memory)',
    { name: 'Hono route answering a constant', run: () => constant.request('/') },
    [
      { name: 'GET /feeds/bench.rss → 200', run: async () => (await app.request('/feeds/bench.rss')).arrayBuffer() },
      {
        name: 'GET /feeds/bench.rss If-None-Match → 304',
        run: () => app.request('/feeds/bench.rss', { headers: { 'If-None-Match': etag } }),
      },
    ],
  );
  await benchCompression(app);
  await store.close();
}

/** Node's compression (src/runtime/node/compression.ts): the bytes of each coding, and a coded 200 once cached. */
async function benchCompression(app: ReturnType<typeof createApp>): Promise<void> {
  const coded = withCompression(app.fetch);
  const get = (coding: string) =>
    coded(new Request('http://lede.test/feeds/bench.rss', { headers: { 'Accept-Encoding': coding } }));
  for (const coding of ['identity', 'gzip', 'br'])
    console.log(
      `  bytes of /feeds/bench.rss, ${coding.padEnd(8)} ${(await (await get(coding)).arrayBuffer()).byteLength}`,
    );
  await benchGroup(
    'serve with compression (Node, in-process)',
    { name: 'GET /feeds/bench.rss → 200, identity', run: async () => (await get('identity')).arrayBuffer() },
    [
      { name: 'GET /feeds/bench.rss → 200, gzip (cached)', run: async () => (await get('gzip')).arrayBuffer() },
      { name: 'GET /feeds/bench.rss → 200, br (cached)', run: async () => (await get('br')).arrayBuffer() },
    ],
  );
}

await main();
