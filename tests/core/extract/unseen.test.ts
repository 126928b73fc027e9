/**
 * The extract stage on pages it was not developed against (tests/fixtures/unseen): 94 article pages written for
 * this test, after the extractor, in batches, in the markup of today's publishing platforms (WordPress, Drupal,
 * Ghost, Next.js, AMP, Arc XP, Pangea, uCoz, a BBC- and a Guardian-like page, a live blog, a gallery, a legacy `<br>`
 * layout, Russian, Kazakh and other Central Asian sites…) and 30 languages, in the corpus's format. Each page's
 * `expected.html` is the body a careful reader would keep, written before Lede ran on it: no captions, credits,
 * standfirst or dateline, which Readability keeps; `expected-metadata.json` the title, date and author as named.
 *
 * Issue 11 asks that unseen pages do as well as the corpus (≥ 95% of pages at token F1 ≥ 0.9). The corpus's
 * expected output is Readability's own, so the like-for-like measure is agreement with Readability on the same
 * page, computed here (Readability on linkedom, the reference the corpus was made with); a page where Lede is
 * clearly closer than Readability to the reader's labels may depart from it. The reader's labels are the
 * stricter measure: there Lede must do at least as well as Readability itself. A page whose JSON-LD
 * marks parts as paywalled is held to the licence instead (those parts are never quoted, and a page whose
 * paywalled parts are its whole body is paywalled as a whole: README "Publisher signals"), not to either text. `npm run score:unseen` prints the per-page table against the reader's labels.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readArticle } from '../../../src/core/refresh/read-article.ts';
import { CORPUS_PAGE_URL, loadCorpus, scorePage, scoreTokens, toReferenceText } from '../../helpers/corpus.ts';

const UNSEEN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/unseen');

interface QueryableDocument {
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
}

function parse(html: string): QueryableDocument {
  return (parseHTML(html) as unknown as { document: QueryableDocument }).document;
}

/** The CSS selectors of the parts a page's JSON-LD marks `isAccessibleForFree: false` (read here, not by Lede). */
function paywalledSelectors(document: QueryableDocument): string[] {
  const selectors: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      const free = node['isAccessibleForFree'];
      if ((free === false || free === 'False' || free === 'false') && typeof node['cssSelector'] === 'string')
        selectors.push(node['cssSelector']);
      Object.values(node).forEach(visit);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]')))
    visit(JSON.parse(script.textContent ?? 'null'));
  return selectors;
}

function readabilityText(html: string): string {
  const article = new Readability(parse(html)).parse();
  return toReferenceText(article?.content ?? '');
}

const pages = await Promise.all(
  loadCorpus(UNSEEN).map(async (page) => {
    const article = await readArticle(page.sourceHtml, CORPUS_PAGE_URL);
    const document = parse(page.sourceHtml);
    const paywalled = paywalledSelectors(document).flatMap((selector) =>
      Array.from(document.querySelectorAll(selector), (element) => (element.textContent ?? '').trim()),
    );
    const reference = readabilityText(page.sourceHtml);
    const readerLabels = toReferenceText(page.expectedHtml);
    return {
      name: page.name,
      expected: page.expected,
      article,
      paywalled,
      score: scorePage(page, article),
      agreement: scoreTokens(article.text, reference).f1,
      readabilityOnLabels: scoreTokens(reference, readerLabels).f1,
    };
  }),
);
const scored = pages.filter((page) => page.paywalled.length === 0);

describe('extract stage on unseen pages (tests/fixtures/unseen)', () => {
  it('has the pages it expects', () => {
    expect(pages.length).toBeGreaterThanOrEqual(16);
  });

  it('agrees with Readability as on the corpus (95% of pages at token F1 ≥ 0.9), or departs from it towards the reader', () => {
    // A page where Lede leaves Readability's text because it is clearly closer to the reader's labels (a footer
    // Readability's container takes in) is not a miss: the corpus's measure stands in for labels it does not have.
    const closerToReader = (page: (typeof scored)[number]) => page.score.f1 >= page.readabilityOnLabels + 0.02;
    const weak = scored.filter((page) => page.agreement < 0.9 && !closerToReader(page));
    const share = 1 - weak.length / scored.length;
    const names = weak.map((page) => `${page.name}: ${page.agreement.toFixed(3)}`).join(', ');
    expect(share, `pages below 0.9: ${names}`).toBeGreaterThanOrEqual(0.95);
  });

  it("does at least as well as Readability against the reader's labels, page by page", () => {
    const worse = scored
      .filter((page) => page.score.f1 < page.readabilityOnLabels - 0.01)
      .map((page) => `${page.name}: ${page.score.f1.toFixed(3)} < ${page.readabilityOnLabels.toFixed(3)}`);
    expect(worse).toEqual([]);
  });

  it('finds every title and every publication day', () => {
    const wrong = pages
      .filter((page) => !page.score.titleOk || page.score.dateOk === false)
      .map((page) => `${page.name}: ${JSON.stringify(page.score.title)}`);
    expect(wrong).toEqual([]);
  });

  it('names the author as the reader labelled it on 85% of pages', () => {
    // Misses kept in view: a list written "A and B" (Lede writes "A, B"), a byline only in hashed classes or in
    // the first paragraph, a wire's upper-case name with its agency, an agency that the JSON-LD names as the author
    // of a story the reader credits to no one (README "Extraction").
    const wrong = pages.filter((page) => (page.article.author ?? null) !== (page.expected.byline ?? null));
    const names = wrong.map((page) => `${page.name}: ${JSON.stringify(page.article.author)}`).join(', ');
    expect(1 - wrong.length / pages.length, names).toBeGreaterThanOrEqual(0.85);
  });

  it('quotes nothing of the parts a page marks as paywalled', () => {
    const marked = pages.filter((page) => page.paywalled.length > 0);
    expect(marked.length).toBeGreaterThan(0);
    for (const page of marked)
      for (const part of page.paywalled.filter((text) => text.length >= 40))
        expect(page.article.text, page.name).not.toContain(part.replace(/\s+/g, ' ').slice(0, 80));
  });

  it('holds a page whose paywalled parts are its whole body to title and link', () => {
    // The long read's JSON-LD marks every paragraph of its body paywalled; what is left is a standfirst, a caption,
    // notes and the author's bio, which an excerpt would pass off as the article.
    const longRead = pages.find((page) => page.name === 'b-longread');
    expect(longRead?.article.signals?.paywalled).toBe(true);
  });
});
