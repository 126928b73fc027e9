/**
 * @module bench/cases/extract
 * Extraction per page: `extractArticle` against a bare htmlparser2 parse of the same page (the least any
 * HTML work can cost) and against Readability on linkedom (the fallback Lede wraps), over the real pages
 * of ../shared/corpus (skipped with a message where absent) and the fixture site's pages. Each page's time
 * is the median of alternating rounds; the set's figures are the median and p95 over its pages. Issue 11's
 * targets: median ≤ 5× htmlparser2 and ≥ 1.5× faster than Readability + linkedom.
 *
 * Each baseline runs in a worker thread of its own (bench/extract-baseline.ts), so that it does not share
 * htmlparser2's code, and its type feedback, with Lede's tokenizer subclass in this thread.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { extractArticle } from '../../src/core/extract/extract-article.ts';
import { addDetails, addRow, type BenchCase, type CaseContext } from '../case.ts';
import { formatBytes, formatMs, interleave, median, percentile, timePerCall } from '../measure.ts';
import type { BaselineKind, BaselineRequest } from '../extract-baseline.ts';
import { ROOT } from '../processes.ts';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const FIXTURES = path.join(ROOT, 'tests/fixtures/site/public');
const FIXTURE_ORIGIN = 'http://127.0.0.1:8080';

interface Page {
  readonly name: string;
  readonly html: string;
  readonly url: string;
}

interface PageTimes {
  readonly page: Page;
  readonly lede: number;
  readonly htmlparser2: number;
  readonly readability: number;
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

/** A baseline's thread: `time(html, budgetMs)` answers its mean time per call there. */
interface BaselineThread {
  time(html: string, budgetMs: number): Promise<number>;
  stop(): Promise<number>;
}

function startBaseline(kind: BaselineKind): BaselineThread {
  const worker = new Worker(new URL('../extract-baseline.ts', import.meta.url), { workerData: { kind } });
  const time = (html: string, budgetMs: number) =>
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
      worker.postMessage({ html, budgetMs } satisfies BaselineRequest);
    });
  return { time, stop: () => worker.terminate() };
}

type Baselines = Record<BaselineKind, BaselineThread>;

async function timePage(page: Page, quick: boolean, baselines: Baselines): Promise<PageTimes> {
  const budget = quick ? 0 : 60;
  const samples = await interleave(quick ? 1 : 5, {
    lede: () => timePerCall(() => extractArticle(page.html, page.url), budget),
    htmlparser2: () => baselines.htmlparser2.time(page.html, budget),
    readability: () => baselines.readability.time(page.html, budget),
  });
  return {
    page,
    lede: median(samples.lede),
    htmlparser2: median(samples.htmlparser2),
    readability: median(samples.readability),
  };
}

function reportSet(context: CaseContext, label: string, times: readonly PageTimes[]): void {
  const of = (side: 'lede' | 'htmlparser2' | 'readability') => times.map((time) => time[side]);
  const lede = median(of('lede'));
  const bare = median(of('htmlparser2'));
  const readability = median(of('readability'));
  const spread = (values: number[]) => `${formatMs(median(values))} (p95 ${formatMs(percentile(values, 0.95))})`;
  addRow(context, {
    case: 'extract',
    measure: `${label}: median time per page vs htmlparser2 parse`,
    lede: spread(of('lede')),
    baseline: spread(of('htmlparser2')),
    ratio: lede / bare,
    target: { bound: 'max', value: 5 },
  });
  addRow(context, {
    case: 'extract',
    measure: `${label}: speed-up over Readability + linkedom`,
    lede: spread(of('lede')),
    baseline: spread(of('readability')),
    ratio: readability / lede,
    target: { bound: 'min', value: 1.5 },
  });
  const lines = [
    `#### ${label}`,
    '',
    '| Page | Size | extractArticle | htmlparser2 | Readability + linkedom |',
    '|---|---|---|---|---|',
    ...times.map(
      (time) =>
        `| ${time.page.name} | ${formatBytes(Buffer.byteLength(time.page.html))} | ${formatMs(time.lede)} | ${formatMs(time.htmlparser2)} | ${formatMs(time.readability)} |`,
    ),
    '',
  ];
  addDetails(context, 'extract', lines);
}

async function benchSet(
  context: CaseContext,
  label: string,
  pages: readonly Page[],
  baselines: Baselines,
): Promise<void> {
  const chosen = context.quick ? pages.slice(0, 3) : pages;
  // Warm-up (JIT), in each thread.
  for (const page of chosen.slice(0, 2)) {
    await extractArticle(page.html, page.url);
    for (const baseline of Object.values(baselines)) await baseline.time(page.html, 0);
  }
  const times: PageTimes[] = [];
  for (const page of chosen) times.push(await timePage(page, context.quick, baselines));
  reportSet(context, `${label} (${String(chosen.length)} pages)`, times);
}

/** @example await benchExtract({ quick: false, report }) */
export const benchExtract: BenchCase = async (context) => {
  addDetails(context, 'extract', [
    `Per page: ${context.quick ? 'one call of each' : 'the median of 5 alternating rounds, each averaging the calls that fit in 60 ms'}; per set: median and p95 over pages. Ratios compare the sets' medians.`,
    'Each baseline runs in a worker thread of its own, so it does not share htmlparser2’s code (and its type feedback) with Lede’s tokenizer subclass.',
    '',
  ]);
  const baselines: Baselines = { htmlparser2: startBaseline('htmlparser2'), readability: startBaseline('readability') };
  try {
    await benchPages(context, baselines);
  } finally {
    await Promise.all(Object.values(baselines).map((baseline) => baseline.stop()));
  }
};

async function benchPages(context: CaseContext, baselines: Baselines): Promise<void> {
  if (existsSync(CORPUS)) await benchSet(context, 'corpus', await readCorpus(), baselines);
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
  await benchSet(context, 'fixture pages', await readFixtures(), baselines);
}
