/**
 * @module tests/runtime/node/huge-pages-probe
 * Run by huge-pages.test.ts in its own process, so its peak memory is its own: a refresh of a feed whose
 * `n` articles are endless HTML pages, `n` fetched at once (per-host concurrency and refresh concurrency
 * both raised to `n`), on the default 5 MiB body cap. Prints the report's error codes and the peak RSS.
 *
 *   node tests/runtime/node/huge-pages-probe.ts <site origin> <n> <data dir>
 */
import { join } from 'node:path';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { createNodeFetchPage } from '../../../src/runtime/node/fetch-page.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';

const [origin = '', count = '4', dataDir = ''] = process.argv.slice(2);
const n = Number(count);
const parsed = parseFeedDefinition(
  'huge',
  {
    title: 'Huge pages',
    site: `${origin}/`,
    source: { type: 'feed', url: `${origin}/huge-feed?n=${String(n)}` },
    license: { maxShare: 0.3, attribution: 'Huge' },
  },
  'huge.json',
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const store = await openSqliteStore(join(dataDir, 'lede.sqlite'));
const fetchPage = createNodeFetchPage({ perHostConcurrency: n });
const deps = { fetchPage, store, clock: () => new Date(), log: () => undefined };
const report = await refreshFeed(deps, parsed.definition, { publicUrl: 'http://127.0.0.1:8787', concurrency: n });
await fetchPage.close();
await store.close();
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ codes: report.errors.map((error) => error.code), peakRssMiB })}\n`);
