/**
 * @module tests/helpers/quoted-share
 * The licence's view of an extraction: how much of the true article (a page's labelled text) a 30% excerpt,
 * cut by the real licence stage from the extracted text, quotes. Whatever the extractor keeps besides the
 * article (comments, an author's bio, teasers of other stories) the licence counts as article words too, so
 * an excerpt of such a text may quote more of the article than its share; missing text only ever makes it
 * quote less. Words are the licence's own (`segmentWords`, over `findWordBounds`), lower-cased; the excerpt's words the label holds
 * are counted as a bag (a word as often as the label has it), over the label's words. A perfect extraction
 * reads at most 30%. Used by scripts/score-corpus.ts, scripts/score-benchmark.ts and the corpus test.
 */
import { buildExcerpt } from '../../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../../src/core/license/resolve-policy.ts';
import { joinParagraphs } from '../../src/core/paragraphs.ts';
import type { ExtractedArticle } from '../../src/core/types.ts';
import { segmentWords } from './word-spans.ts';

/** The share the scripts cut excerpts to: the reference site's licence (../shared/reference). */
export const QUOTED_SHARE = 0.3;
const POLICY = resolvePolicy({ maxShare: QUOTED_SHARE, attribution: 'corpus' });

function readWords(text: string, locale?: string): string[] {
  return segmentWords(text, locale).map((span) => span.word.toLowerCase());
}

/**
 * The share of the labelled article's words that a 30% excerpt of `article.text` quotes; undefined when the
 * label holds no words.
 * @example measureQuotedShare(await extractArticle(html, url), labelledText) // 0.298
 */
export function measureQuotedShare(article: ExtractedArticle, labelledText: string): number | undefined {
  const truth = readWords(labelledText, article.language);
  if (truth.length === 0) return undefined;
  const left = new Map<string, number>();
  for (const word of truth) left.set(word, (left.get(word) ?? 0) + 1);
  const excerpt = buildExcerpt(article.text, POLICY, article.language);
  let quoted = 0;
  for (const word of readWords(joinParagraphs(excerpt.paragraphs), article.language)) {
    const count = left.get(word) ?? 0;
    if (count === 0) continue;
    quoted += 1;
    left.set(word, count - 1);
  }
  return quoted / truth.length;
}

const percent = (value: number | undefined): string => `${((value ?? 0) * 100).toFixed(1)}%`;

/**
 * One line for a set of pages' quoted shares: median, 90th percentile, maximum, and how many pages quote more
 * than the share.
 * @example summarizeQuotedShares([0.28, 0.3, 0.31]) // 'median 30.0%, p90 31.0%, max 31.0%; over 30%: 1 of 3 pages, over 33%: 0'
 */
export function summarizeQuotedShares(shares: readonly number[]): string {
  const sorted = [...shares].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  // A hair over the share is rounding in the bag's favour, not a longer excerpt.
  const over = (limit: number) => sorted.filter((share) => share > limit + 1e-9).length;
  const counts = `over 30%: ${String(over(QUOTED_SHARE))} of ${String(sorted.length)} pages, over 33%: ${String(over(0.33))}`;
  return `median ${percent(at(0.5))}, p90 ${percent(at(0.9))}, max ${percent(sorted.at(-1))}; ${counts}`;
}
