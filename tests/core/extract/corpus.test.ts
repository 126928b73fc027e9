/**
 * The extract stage against the shared corpus (30 real pages with Mozilla Readability's expected
 * output, at ../shared/corpus). A fresh clone has no corpus: the suite is then skipped, saying why.
 * Scoring lives in tests/helpers/corpus.ts; `npm run score:corpus` prints the per-page table.
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/core/extract/extract-article.ts';
import {
  CORPUS_PAGE_URL,
  corpusDir,
  hasCorpus,
  loadCorpus,
  scorePage,
  scoreTokens,
  summarize,
  tokenize,
  toReferenceText,
} from '../../helpers/corpus.ts';
import { measureQuotedShare, QUOTED_SHARE } from '../../helpers/quoted-share.ts';

const available = hasCorpus();
if (!available) console.warn(`corpus.test.ts: skipped, no corpus at ${corpusDir} (it lives outside the repository).`);

const pages = available
  ? await Promise.all(
      loadCorpus().map(async (page) => {
        const article = await extractArticle(page.sourceHtml, CORPUS_PAGE_URL);
        const quoted = measureQuotedShare(article, toReferenceText(page.expectedHtml));
        return { score: scorePage(page, article), quoted };
      }),
    )
  : [];
const scores = pages.map((page) => page.score);

describe.skipIf(!available)(`extract stage on the corpus (${corpusDir})`, () => {
  const summary = summarize(scores);

  it('has the pages it expects', () => {
    expect(summary.pages).toBeGreaterThanOrEqual(30);
  });

  it('finds the body: at least 90% of pages have token F1 ≥ 0.9', () => {
    const weak = scores.filter((score) => score.f1 < 0.9).map((score) => `${score.name}: ${score.f1.toFixed(3)}`);
    expect(summary.shareF1AtLeast90, `pages below 0.9: ${weak.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  });

  it('finds the title on at least 85% of pages', () => {
    const wrong = scores
      .filter((score) => !score.titleOk)
      .map((score) => `${score.name}: ${JSON.stringify(score.title)}`);
    expect(summary.titleAccuracy, `wrong titles: ${wrong.join('; ')}`).toBeGreaterThanOrEqual(0.85);
  });

  it('finds the publication day wherever the page gives one (reported, loosely bounded)', () => {
    expect(summary.dateAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("never lets a 30% excerpt quote more than 30% of the expected article (what the body keeps besides it raises the licence's count)", () => {
    const over = pages
      .filter((page) => (page.quoted ?? 0) > QUOTED_SHARE + 1e-9)
      .map((page) => `${page.score.name}: ${((page.quoted ?? 0) * 100).toFixed(1)}%`);
    expect(over).toEqual([]);
  });
});

describe('corpus scoring helper', () => {
  it('scores a bag of words, not an order', () => {
    expect(scoreTokens('b a c', 'a b c').f1).toBe(1);
    expect(scoreTokens('a b', 'a b c d').recall).toBe(0.5);
    expect(scoreTokens('', 'a').f1).toBe(0);
  });

  it('extracts reference text with word boundaries between blocks', () => {
    expect(tokenize(toReferenceText('<p>One</p><p>Two <b>th</b>ree</p>'))).toEqual(['one', 'two', 'three']);
  });
});
