/**
 * @module bench/cases/refresh
 * A refresh that finds 200 new articles on a loopback site answering after 20 ms (its own process), 2
 * fetches at a time per host as Lede's defaults allow: the core's refresh runner with the Node fetcher and
 * a fresh SQLite file per round, against plain downloads of the same URLs (listing included) at the same
 * concurrency; and its CPU per article against extracting the same pages alone. Then a refresh with nothing
 * new, counted at the site. Issue 11's targets: wall ≤ 1.1× the downloads, CPU per article ≤ 1.5× the
 * extraction alone, and one conditional request with no article fetch when nothing is new.
 *
 * Then refreshes that each find one new article (bench/cases/refresh-one-new.ts), the refresh a running Lede does
 * most (over the generated pages). Twice: over the site's generated pages (≈ 14 KB), and over the real pages of ../shared/corpus served in turn
 * (300 KB on average; skipped with a message where absent), whose sizes set what downloads and extraction cost.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../../src/core/extract/extract-article.ts';
import { addDetails, addRow, type BenchCase, type CaseContext } from '../case.ts';
import { articlePath } from '../fixture-pages.ts';
import { download, startBenchSite, type BenchSite, type SiteStats } from '../fixture-site.ts';
import { benchFeed, openLedeParts } from '../lede-parts.ts';
import { benchOneNewArticle } from './refresh-one-new.ts';
import { formatMs, interleave, measureCpu, median, pairedRatio } from '../measure.ts';
import { ROOT } from '../processes.ts';

const LATENCY_MS = 20;
const PER_HOST = 2;
const CORPUS = path.resolve(ROOT, '../shared/corpus');

/** The pages a refresh runs over: the site's own, or real ones, and what the rows and details call them. */
interface PageSet {
  /** Added to each row's measure ('' for the site's own pages). */
  readonly label: string;
  readonly pagesDir?: string;
  readonly rounds: number;
  readonly description: string;
}

/** Download the listing, then every article with `PER_HOST` lanes. */
async function downloadAll(listingUrl: string, urls: readonly string[]): Promise<void> {
  await download(listingUrl);
  const queue = [...urls];
  const lane = async () => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) await download(url);
  };
  await Promise.all(Array.from({ length: PER_HOST }, lane));
}

interface RoundResult {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly noNews: SiteStats;
}

/** One Lede round: a refresh into a new store, checked to have fetched every article, then a no-news refresh. */
async function refreshRound(site: BenchSite, articles: number): Promise<RoundResult> {
  const lede = await openLedeParts();
  try {
    const feed = benchFeed('bench', site.origin, articles);
    await site.reset();
    const { wallMs, cpuMs } = await measureCpu(() => lede.runner.refresh(feed, { byHand: true }));
    const stats = await site.stats();
    if (stats.articles !== articles)
      throw new Error(`refresh fetched ${String(stats.articles)} of ${String(articles)}`);
    await site.reset();
    await lede.runner.refresh(feed, { byHand: true });
    return { wallMs, cpuMs, noNews: await site.stats() };
  } finally {
    await lede.close();
  }
}

function reportNoNews(context: CaseContext, noNews: SiteStats): void {
  const met =
    noNews.feed === 1 && noNews.feedConditional === 1 && noNews.feedNotModified === 1 && noNews.articles === 0;
  addRow(context, {
    case: 'refresh',
    measure: 'no-news refresh: requests at the site',
    lede: `${String(noNews.feed)} listing (${String(noNews.feedConditional)} conditional, ${String(noNews.feedNotModified)} × 304), ${String(noNews.articles)} articles, ${String(noNews.other)} other`,
    baseline: '',
    condition: { text: '1 conditional, 0 articles', met },
  });
}

interface Samples {
  readonly lede: RoundResult[];
  readonly plain: { wallMs: number; cpuMs: number }[];
  /** CPU ms of extracting every page, per round. */
  readonly extraction: number[];
}

function reportRounds(context: CaseContext, articles: number, samples: Samples, label: string): void {
  const ledeWall = samples.lede.map((round) => round.wallMs);
  const plainWall = samples.plain.map((round) => round.wallMs);
  const ledeCpu = samples.lede.map((round) => round.cpuMs / articles);
  const extractCpu = samples.extraction.map((cpu) => cpu / articles);
  const plainCpu = samples.plain.map((round) => round.cpuMs / articles);
  const row = (measure: string, lede: number[], baseline: number[], target?: number) =>
    addRow(context, {
      case: 'refresh',
      measure: `${measure}${label}`,
      lede: formatMs(median(lede)),
      baseline: formatMs(median(baseline)),
      ratio: pairedRatio(lede, baseline),
      ...(target === undefined ? {} : { target: { bound: 'max', value: target } as const }),
    });
  row(`${String(articles)} new articles: wall vs plain downloads`, ledeWall, plainWall, 1.1);
  row('CPU per article vs extraction alone', ledeCpu, extractCpu, 1.5);
  row('CPU per article vs plain downloads', ledeCpu, plainCpu);
  // What a refresh adds to the work no refresh can skip: each page downloaded and extracted once.
  const floorCpu = plainCpu.map((cpu, round) => cpu + (extractCpu[round] ?? 0));
  row('CPU per article vs plain downloads + extraction alone', ledeCpu, floorCpu);
}

/**
 * The refresh's rounds over one set of pages, reported as its rows; answers what the site counted of the last
 * round's refresh with nothing new.
 */
async function benchPageSet(context: CaseContext, set: PageSet): Promise<SiteStats> {
  const articles = context.quick ? 20 : 200;
  const site = await startBenchSite(LATENCY_MS, set.pagesDir);
  try {
    const listingUrl = `${site.origin}/feed/${String(articles)}.xml`;
    const urls = Array.from({ length: articles }, (_, index) => `${site.origin}${articlePath(index)}`);
    const pages = await Promise.all(urls.map(async (url) => ({ url, html: await download(url) })));
    const extractAll = () => Promise.all(pages.map((page) => extractArticle(page.html, page.url)));
    // Warm-up (JIT, connections, SQLite's first open), so that no side's first round is its cold one: each side
    // once over the same pages as a measured round (a 20-article refresh left ≈ 0.4–0.7 ms an article of the
    // refresh's JIT in its measured rounds, where the extraction side had warmed on every page).
    await extractAll();
    if (!context.quick) await refreshRound(site, articles);
    const samples: Samples = { lede: [], plain: [], extraction: [] };
    await interleave(set.rounds, {
      lede: async () => samples.lede.push(await refreshRound(site, articles)),
      plain: async () => samples.plain.push(await measureCpu(() => downloadAll(listingUrl, urls))),
      extract: async () => samples.extraction.push((await measureCpu(extractAll)).cpuMs),
    });
    reportRounds(context, articles, samples, set.label);
    // Generated pages only: a real page's own date, not the listing's, places its item, often below the feed's 50.
    if (set.pagesDir === undefined) await benchOneNewArticle(context, site, set.rounds);
    const none = { feed: 0, feedConditional: 0, feedNotModified: 0, articles: -1, other: 0 };
    addDetails(context, 'refresh', [
      `- Site${set.label}: ${String(articles)} article pages (${set.description}) listed in one RSS feed, each answer delayed ${String(LATENCY_MS)} ms; ${String(PER_HOST)} fetches at a time per host on both sides.`,
      `- ${set.rounds === 1 ? '1 round' : `${String(set.rounds)} alternating rounds`} of: Lede's refresh (runner.refresh, new SQLite file each round), plain downloads (undici request, listing + articles), extractArticle over the same pages in-process. CPU is the bench process's own (the site runs apart).`,
    ]);
    return samples.lede.at(-1)?.noNews ?? none;
  } finally {
    await site.close();
  }
}

/** @example await benchRefresh({ quick: false, report }) */
export const benchRefresh: BenchCase = async (context) => {
  const rounds = context.quick ? 1 : 5;
  const noNews = await benchPageSet(context, { label: '', rounds, description: '≈14 KB, generated, non-ASCII' });
  reportNoNews(context, noNews);
  if (context.quick) return;
  if (!existsSync(CORPUS)) {
    process.stdout.write(`  refresh: ${CORPUS} is absent: the refresh over real pages skipped\n`);
    addRow(context, {
      case: 'refresh',
      measure: 'real pages: skipped (../shared/corpus absent)',
      lede: '',
      baseline: '',
      verdict: 'skip',
    });
    return;
  }
  const description = "../shared/corpus's 30 real pages in turn, 300 KB on average, canonical links taken out";
  await benchPageSet(context, { label: ', real pages', pagesDir: CORPUS, rounds: 3, description });
};
