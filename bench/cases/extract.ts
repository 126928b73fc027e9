/**
 * @module bench/cases/extract
 * Extraction per page: `extractArticle` against a bare htmlparser2 parse of the same page (the least any
 * HTML work can cost) and against Readability on linkedom (the fallback Lede wraps), over the real pages
 * of ../shared/corpus (skipped with a message where absent) and the fixture site's pages. Each page's time
 * is the median of alternating rounds and its ratio the median of the rounds' ratios; a set's ratio is its
 * median page's (`reportSet`). Issue 11's targets: median ≤ 5× htmlparser2 and ≥ 1.5× faster than
 * Readability + linkedom.
 *
 * Each side runs in a worker thread of its own (bench/extract-thread.ts), so that all three run under the same
 * conditions: a fresh isolate each, none sharing htmlparser2's code (and its type feedback) with another.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { addDetails, addRow, type BenchCase, type CaseContext } from '../case.ts';
import { formatBytes, formatMs, interleave, median, pairedRatio, percentile } from '../measure.ts';
import type { ExtractRequest, ExtractSide } from '../extract-thread.ts';
import { ROOT } from '../processes.ts';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const FIXTURES = path.join(ROOT, 'tests/fixtures/site/public');
const FIXTURE_ORIGIN = 'http://127.0.0.1:8080';
/** Each side's time on each page before any is measured. */
const WARM_UP_MS = 40;

interface Page {
  readonly name: string;
  readonly html: string;
  readonly url: string;
}

/** A page's median times per side, and its ratios: medians of the per-round ratios (bench/measure.ts). */
interface PageTimes {
  readonly page: Page;
  readonly lede: number;
  readonly htmlparser2: number;
  readonly readability: number;
  /** Lede's time over the bare parse's. */
  readonly overBare: number;
  /** Readability's time over Lede's. */
  readonly speedUp: number;
}

async function readCorpus(): Promise<Page[]> {
  const names = (await readdir(CORPUS, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  const pages: Page[] = [];
  for (const { name } of names.sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(CORPUS, name, 'source.html');
    // Readability's own test suite serves these pages from this URL.
    if (existsSync(file))
      pages.push({ name, html: await readFile(file, 'utf8'), url: 'http://fakehost/test/page.html' });
  }
  return pages;
}

async function readFixtures(): Promise<Page[]> {
  const files = (await readdir(FIXTURES, { recursive: true }))
    .filter((file) => file.endsWith('.html') && !file.startsWith('_templates'))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file,
      html: (await readFile(path.join(FIXTURES, file), 'utf8')).replaceAll('{{origin}}', FIXTURE_ORIGIN),
      url: `${FIXTURE_ORIGIN}/${file.replace(/(index)?\.html$/, '')}`,
    })),
  );
}

/** A side's thread: `time(page, budgetMs)` answers its mean time per call there. */
interface SideThread {
  time(page: Page, budgetMs: number): Promise<number>;
  stop(): Promise<number>;
}

function startSide(side: ExtractSide): SideThread {
  const worker = new Worker(new URL('../extract-thread.ts', import.meta.url), { workerData: { side } });
  const time = ({ html, url }: Page, budgetMs: number) =>
    new Promise<number>((resolve, reject) => {
      const answered = (ms: number) => {
        worker.off('error', failed);
        resolve(ms);
      };
      const failed = (error: Error) => {
        worker.off('message', answered);
        reject(error);
      };
      worker.once('message', answered).once('error', failed);
      worker.postMessage({ html, url, budgetMs } satisfies ExtractRequest);
    });
  return { time, stop: () => worker.terminate() };
}

type Sides = Record<ExtractSide, SideThread>;

async function timePage(page: Page, quick: boolean, sides: Sides): Promise<PageTimes> {
  const budget = quick ? 0 : 60;
  const samples = await interleave(quick ? 1 : 5, {
    lede: () => sides.lede.time(page, budget),
    htmlparser2: () => sides.htmlparser2.time(page, budget),
    readability: () => sides.readability.time(page, budget),
  });
  return {
    page,
    lede: median(samples.lede),
    htmlparser2: median(samples.htmlparser2),
    readability: median(samples.readability),
    overBare: pairedRatio(samples.lede, samples.htmlparser2),
    speedUp: pairedRatio(samples.readability, samples.lede),
  };
}

/**
 * The set's ratios are the median page's: the median over pages of each page's paired ratio. The ratio of the
 * sets' median times is shown too (info): it compares two different pages' times whenever the sides' medians
 * fall on different pages, and a slow spell of the machine over a few pages moves it (3.8× to 5.1× over two
 * back-to-back runs of the same code, where the paired figure read 4.1× and 3.6×).
 */
function reportSet(context: CaseContext, label: string, times: readonly PageTimes[]): void {
  const of = (field: Exclude<keyof PageTimes, 'page'>) => times.map((time) => time[field]);
  const spread = (values: number[]) => `${formatMs(median(values))} (p95 ${formatMs(percentile(values, 0.95))})`;
  addRow(context, {
    case: 'extract',
    measure: `${label}: time per page vs htmlparser2 parse, median page`,
    lede: spread(of('lede')),
    baseline: spread(of('htmlparser2')),
    ratio: median(of('overBare')),
    target: { bound: 'max', value: 5 },
  });
  addRow(context, {
    case: 'extract',
    measure: `${label}: median time per page vs median htmlparser2 parse`,
    lede: formatMs(median(of('lede'))),
    baseline: formatMs(median(of('htmlparser2'))),
    ratio: median(of('lede')) / median(of('htmlparser2')),
  });
  addRow(context, {
    case: 'extract',
    measure: `${label}: speed-up over Readability + linkedom, median page`,
    lede: spread(of('lede')),
    baseline: spread(of('readability')),
    ratio: median(of('speedUp')),
    target: { bound: 'min', value: 1.5 },
  });
  const lines = [
    `#### ${label}`,
    '',
    '| Page | Size | extractArticle | htmlparser2 | Readability + linkedom | vs htmlparser2 | speed-up over Readability |',
    '|---|---|---|---|---|---|---|',
    ...times.map(
      (time) =>
        `| ${time.page.name} | ${formatBytes(Buffer.byteLength(time.page.html))} | ${formatMs(time.lede)} | ${formatMs(time.htmlparser2)} | ${formatMs(time.readability)} | ${time.overBare.toFixed(2)}× | ${time.speedUp.toFixed(2)}× |`,
    ),
    '',
  ];
  addDetails(context, 'extract', lines);
}

async function benchSet(context: CaseContext, label: string, pages: readonly Page[], sides: Sides): Promise<void> {
  const chosen = context.quick ? pages.slice(0, 3) : pages;
  // Warm-up, in each thread, over every page: a long-running server's extraction runs compiled code, and
  // V8 takes seconds of varied input to settle its tiers (a single call of two pages left the first pages
  // measured on code still being optimised).
  for (const page of chosen)
    for (const side of Object.values(sides)) await side.time(page, context.quick ? 0 : WARM_UP_MS);
  const times: PageTimes[] = [];
  for (const page of chosen) times.push(await timePage(page, context.quick, sides));
  reportSet(context, `${label} (${String(chosen.length)} pages)`, times);
}

/** @example await benchExtract({ quick: false, report }) */
export const benchExtract: BenchCase = async (context) => {
  addDetails(context, 'extract', [
    `Per page: ${context.quick ? 'one call of each' : 'the median of 5 alternating rounds, each averaging the calls that fit in 60 ms'}, and the median of the per-round ratios; per set: median and p95 of the times over pages, and the median page’s ratio (the ratio of the sets’ median times is shown as info).`,
    'Each side (Lede and both baselines) runs in a worker thread of its own: a fresh isolate each, so none shares htmlparser2’s code (and its type feedback) with another, and Lede does not run in the bench’s thread after the serving cases.',
    '',
  ]);
  const sides: Sides = {
    lede: startSide('lede'),
    htmlparser2: startSide('htmlparser2'),
    readability: startSide('readability'),
  };
  try {
    await benchPages(context, sides);
  } finally {
    await Promise.all(Object.values(sides).map((side) => side.stop()));
  }
};

async function benchPages(context: CaseContext, sides: Sides): Promise<void> {
  if (existsSync(CORPUS)) await benchSet(context, 'corpus', await readCorpus(), sides);
  else {
    process.stdout.write(`  extract: ${CORPUS} is absent: corpus pages skipped\n`);
    addRow(context, {
      case: 'extract',
      measure: 'corpus: skipped (../shared/corpus absent)',
      lede: '',
      baseline: '',
      verdict: 'skip',
    });
  }
  await benchSet(context, 'fixture pages', await readFixtures(), sides);
}
