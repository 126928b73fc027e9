/**
 * @module bench/cases/micro
 * In-process hot paths without a target of their own, each against the simplest code doing part of its job,
 * in alternating rounds: cutting a licensed excerpt vs counting the article's words (which it must do
 * anyway); rendering each format of a 50-item feed vs JSON.stringify of the same items; the next fire time
 * of rare schedules vs croner's. The old in-process compression and publish cases are gone: the serve case
 * measures gzip and br over sockets against a baseline sending the same bytes, and the scale case measures
 * publishing against a store with little history.
 */
import { Cron } from 'croner';
import { parseFeedDefinition } from '../../src/core/config/feed-definition.ts';
import { extractArticle } from '../../src/core/extract/extract-article.ts';
import { buildExcerpt } from '../../src/core/license/build-excerpt.ts';
import { countWords } from '../../src/core/license/count-words.ts';
import { resolvePolicy } from '../../src/core/license/resolve-policy.ts';
import { buildFeedMeta } from '../../src/core/refresh/publish-feed.ts';
import { renderFeed } from '../../src/core/render/render-feed.ts';
import { parseCron } from '../../src/core/schedule/cron.ts';
import { nextCronRun } from '../../src/core/schedule/next-run.ts';
import type { FeedItem } from '../../src/core/types.ts';
import { addRow, type BenchCase, type CaseContext } from '../case.ts';
import { renderArticlePage } from '../fixture-pages.ts';
import { formatMs, interleave, median, pairedRatio, timePerCall } from '../measure.ts';

const ORIGIN = 'http://127.0.0.1:8080';
const LICENSE = { maxShare: 0.3, attribution: 'The Bench Monitor' };

/**
 * Rare schedules: a leap day, a leap day on a Sunday (up to 40 years apart), the 31st of two months;
 * with croner's spelling of the same schedule (`+` ANDs the day fields as Vixie cron's `*\/7` does).
 */
const RARE_SCHEDULES = [
  ['0 0 29 2 *', '0 0 29 2 *'],
  ['0 0 29 2 */7', '0 0 29 2 +*/7'],
  ['0 0 31 1,12 *', '0 0 31 1,12 *'],
] as const;

async function compare(context: CaseContext, measure: string, lede: () => unknown, baseline: () => unknown) {
  const budget = context.quick ? 0 : 200;
  const samples = await interleave(context.quick ? 1 : 7, {
    lede: () => timePerCall(lede, budget),
    baseline: () => timePerCall(baseline, budget),
  });
  addRow(context, {
    case: 'micro',
    measure,
    lede: formatMs(median(samples.lede)),
    baseline: formatMs(median(samples.baseline)),
    ratio: pairedRatio(samples.lede, samples.baseline),
  });
}

function makeItems(text: string, count: number): FeedItem[] {
  const excerpt = buildExcerpt(text, resolvePolicy(LICENSE), 'en');
  return Array.from({ length: count }, (_, i) => ({
    id: `${ORIGIN}/news/${String(i)}`,
    url: `${ORIGIN}/news/${String(i)}`,
    title: `Senate backs “water code” overhaul — part ${String(i)}`,
    published: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    updated: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
    author: 'Aigerim Sadykova',
    categories: ['Politics'],
    excerpt,
  }));
}

/** @example await benchMicro({ quick: false, report }) */
export const benchMicro: BenchCase = async (context) => {
  const text = (await extractArticle(renderArticlePage(ORIGIN, 1), `${ORIGIN}/news/1/`)).text;
  const policy = resolvePolicy(LICENSE);
  await compare(
    context,
    `licence: buildExcerpt (${String(countWords(text, 'en'))} words) vs countWords`,
    () => buildExcerpt(text, policy, 'en'),
    () => countWords(text, 'en'),
  );
  const parsed = parseFeedDefinition(
    'bench',
    { title: 'Bench', site: `${ORIGIN}/`, source: { type: 'feed', url: `${ORIGIN}/rss` }, license: LICENSE },
    'bench.json',
  );
  if (!parsed.ok) throw new Error('bench definition invalid');
  const items = makeItems(text, 50);
  const meta = buildFeedMeta(parsed.definition, items, 'http://lede.bench');
  for (const format of ['rss', 'atom', 'json'] as const) {
    await compare(
      context,
      `render: ${format}, 50 items vs JSON.stringify`,
      () => renderFeed(format, meta, items),
      () => JSON.stringify(items),
    );
  }
  const after = new Date('2029-03-01T00:00:00Z');
  const jobs = RARE_SCHEDULES.map(([, spelling]) => new Cron(spelling, { utcOffset: 0, paused: true }));
  const schedules = RARE_SCHEDULES.map(([expression]) => parseCron(expression));
  await compare(
    context,
    'schedule: next fire of 3 rare schedules vs croner',
    () => schedules.map((schedule) => nextCronRun(schedule, after)),
    () => jobs.map((job) => job.nextRun(after)),
  );
};
