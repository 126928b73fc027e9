/**
 * @module bench/cases/refresh-one-new
 * The refresh a running Lede does most: its schedule comes round and the source lists one article more. The
 * 200-article refresh of bench/cases/refresh.ts spreads publishing the feed (50 items in three formats, the
 * listing read and recorded) over 200 articles; here it falls on one. The site's `/feed/rolling.xml` lists its 20
 * newest articles and `/__publish` adds one; each round starts a store and fills its feed to 50 items before the
 * measured refreshes, so every measured one publishes a full feed.
 *
 * Against the work no such refresh can skip: extracting that article alone, and that plus downloading the listing
 * and the article (undici, as plain downloads do in the other rows). The rows are reported, not held to the
 * issue's 1.5×: publishing a feed is a fixed cost per refresh, which one article cannot amortise.
 */
import { extractArticle } from '../../src/core/extract/extract-article.ts';
import { addDetails, addRow, type CaseContext } from '../case.ts';
import { articlePath } from '../fixture-pages.ts';
import { download, type BenchSite } from '../fixture-site.ts';
import { benchFeed, openLedeParts } from '../lede-parts.ts';
import { formatMs, interleave, measureCpu, median, pairedRatio } from '../measure.ts';

const FEED_ITEMS = 50;
const LISTED = 20;

/** Publish one article at the site; answers its URL. */
async function publishOne(site: BenchSite): Promise<string> {
  const { published } = (await (await fetch(`${site.origin}/__publish`)).json()) as { published: number };
  return `${site.origin}${articlePath(published - 1)}`;
}

/** One round of Lede: a new store filled to a full feed, then `refreshes` refreshes finding one article each. */
async function ledeRound(site: BenchSite, refreshes: number): Promise<{ cpuMs: number; urls: string[] }> {
  const lede = await openLedeParts();
  try {
    const listing = { type: 'feed', url: `${site.origin}/feed/rolling.xml` } as const;
    const feed = { ...benchFeed('bench', site.origin, FEED_ITEMS), source: listing };
    await lede.runner.refresh(feed, { byHand: true });
    for (let filled = LISTED; filled < FEED_ITEMS; filled++) {
      await publishOne(site);
      await lede.runner.refresh(feed, { byHand: true });
    }
    const urls: string[] = [];
    const { cpuMs } = await measureCpu(async () => {
      for (let index = 0; index < refreshes; index++) {
        urls.push(await publishOne(site));
        const report = await lede.runner.refresh(feed, { byHand: true });
        if (report.fetched !== 1 || !report.changed)
          throw new Error(`a refresh fetched ${String(report.fetched)} articles, not 1, or changed no format`);
      }
    });
    return { cpuMs, urls };
  } finally {
    await lede.close();
  }
}

/** The floor of one such refresh: the listing and the article downloaded (extraction is measured apart). */
async function downloadRound(site: BenchSite, urls: readonly string[]): Promise<number> {
  const { cpuMs } = await measureCpu(async () => {
    for (const url of urls) {
      await download(`${site.origin}/feed/rolling.xml`);
      await download(url);
    }
  });
  return cpuMs;
}

/**
 * Rows for refreshes that find one new article each, over `site`'s generated pages (dated by the listing's order,
 * so each new article tops the feed).
 * @example await benchOneNewArticle(context, site, 5)
 */
export async function benchOneNewArticle(context: CaseContext, site: BenchSite, rounds: number): Promise<void> {
  const refreshes = context.quick ? 2 : 20;
  // Each side takes the pages of the last Lede round (the first round's before any: a warm-up round of Lede).
  let pages = (await ledeRound(site, refreshes)).urls;
  const samples = await interleave(rounds, {
    lede: async () => {
      const round = await ledeRound(site, refreshes);
      pages = round.urls;
      return round.cpuMs / refreshes;
    },
    downloads: async () => (await downloadRound(site, pages)) / refreshes,
    extract: async () => {
      const htmls = await Promise.all(pages.map(async (url) => ({ url, html: await download(url) })));
      const { cpuMs } = await measureCpu(async () => {
        for (const page of htmls) await extractArticle(page.html, page.url);
      });
      return cpuMs / refreshes;
    },
  });
  const { lede, downloads, extract: extraction } = samples;
  const floor = downloads.map((cpu, round) => cpu + (extraction[round] ?? 0));
  const row = (measure: string, baseline: number[]) =>
    addRow(context, {
      case: 'refresh',
      measure,
      lede: formatMs(median(lede)),
      baseline: formatMs(median(baseline)),
      ratio: pairedRatio(lede, baseline),
    });
  row('1 new article: CPU a refresh vs extraction alone', extraction);
  row('1 new article: CPU a refresh vs listing + article downloads + extraction alone', floor);
  addDetails(context, 'refresh', [
    `- 1 new article: the site's /feed/rolling.xml lists its ${String(LISTED)} newest articles; each round a new store is filled to a ${String(FEED_ITEMS)}-item feed, then ${String(refreshes)} refreshes each find one article published just before (so each publishes the feed in three formats); against extracting those articles alone, and against that plus downloading the listing and the article once each (undici). ${String(rounds)} alternating rounds.`,
  ]);
}
