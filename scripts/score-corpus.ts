/**
 * @module scripts/score-corpus
 * Score the extract stage on the shared corpus (../shared/corpus: 30 pages from Mozilla Readability's
 * test suite) and print a per-page table and the summary the README quotes: mean token F1, share of
 * pages with F1 ≥ 0.9, title accuracy, date accuracy, and the time to extract the largest page.
 *
 * Usage (from the repository root, Node 24): `npm run score:corpus` or `npx node scripts/score-corpus.ts`.
 */
import { extractArticle } from '../src/core/extract/extract-article.ts';
import {
  CORPUS_PAGE_URL,
  corpusDir,
  hasCorpus,
  loadCorpus,
  scorePage,
  summarize,
  toReferenceText,
  type CorpusPage,
  type PageScore,
} from '../tests/helpers/corpus.ts';
import { measureQuotedShare, summarizeQuotedShares } from '../tests/helpers/quoted-share.ts';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

function formatRow(score: PageScore, milliseconds: number): string {
  const date = score.dateOk === undefined ? '-' : score.dateOk ? 'ok' : 'MISS';
  const title = score.titleOk
    ? 'ok'
    : `MISS got ${JSON.stringify(score.title)} want ${JSON.stringify(score.expectedTitle)}`;
  return [
    score.name.padEnd(22),
    score.f1.toFixed(3).padStart(6),
    score.precision.toFixed(3).padStart(6),
    score.recall.toFixed(3).padStart(6),
    date.padStart(5),
    `${milliseconds.toFixed(0)} ms`.padStart(8),
    `  ${title}`,
  ].join(' ');
}

/** Median of several runs, so one garbage-collection pause does not set the number. */
async function timeExtraction(page: CorpusPage, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await extractArticle(page.sourceHtml, CORPUS_PAGE_URL);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  if (!hasCorpus()) {
    console.log(`No corpus at ${corpusDir}: nothing to score.`);
    return;
  }
  const pages = loadCorpus();
  console.log(
    `${'page'.padEnd(22)} ${'F1'.padStart(6)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'date'.padStart(5)} ${'time'.padStart(8)}   title`,
  );
  const scores = [];
  const quoted: number[] = [];
  for (const page of pages) {
    const started = performance.now();
    const article = await extractArticle(page.sourceHtml, CORPUS_PAGE_URL);
    const score = scorePage(page, article);
    console.log(formatRow(score, performance.now() - started));
    scores.push(score);
    const share = measureQuotedShare(article, toReferenceText(page.expectedHtml));
    if (share !== undefined) quoted.push(share);
  }
  const summary = summarize(scores);
  console.log('');
  console.log(`pages:            ${summary.pages}`);
  console.log(`mean F1:          ${summary.meanF1.toFixed(3)}`);
  console.log(`F1 >= 0.9:        ${percent(summary.shareF1AtLeast90)}`);
  console.log(`title accuracy:   ${percent(summary.titleAccuracy)}`);
  console.log(`date accuracy:    ${percent(summary.dateAccuracy)} of ${summary.datePages} pages with a publishedTime`);
  console.log(`a 30% excerpt quotes of the expected article: ${summarizeQuotedShares(quoted)}`);
  const largest = pages.reduce((a, b) => (b.sourceHtml.length > a.sourceHtml.length ? b : a));
  const kib = (largest.sourceHtml.length / 1024).toFixed(0);
  console.log(
    `largest page:     ${largest.name} (${kib} KiB), median of 5 extractions: ${(await timeExtraction(largest, 5)).toFixed(0)} ms`,
  );
}

await main();
