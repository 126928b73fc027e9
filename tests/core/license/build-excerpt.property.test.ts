/**
 * Property tests of the licence boundary with fast-check: random articles mixing Latin, Cyrillic with
 * Kazakh letters, CJK, emoji, numbers, hyphenated compounds, markup-like and punctuation tokens, in
 * random sentence and paragraph shapes, under a random maxShare in (0, 1].
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExcerpt, computeAllowance } from '../../../src/core/license/build-excerpt.ts';
import { DEFAULT_IMAGES, resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import { measureReproducedWords } from '../../helpers/measure-share.ts';
import { renderFeed } from '../../../src/core/render/render-feed.ts';
import type { FeedItem, FeedMeta, LicensePolicy } from '../../../src/core/types.ts';
import { article, maxShare } from '../../helpers/article-arbitraries.ts';
import {
  assertValidAtom,
  assertValidJsonFeed,
  assertValidRss,
  htmlToText,
  type ParsedFeed,
} from '../../helpers/feed-validity.ts';

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

const META_LINKS = {
  rss: 'https://lede.test/f.rss',
  atom: 'https://lede.test/f.atom',
  json: 'https://lede.test/f.json',
};

function renderAll(text: string, policy: LicensePolicy): { parsed: ParsedFeed[]; allowance: number } {
  const excerpt = buildExcerpt(text, resolvePolicy(policy));
  const item: FeedItem = {
    id: 'https://news.example/a/1',
    url: 'https://news.example/a/1',
    title: text.slice(0, 80),
    published: '2024-03-01T08:00:00Z',
    updated: '2024-03-01T09:00:00Z',
    categories: [],
    excerpt,
  };
  const meta: FeedMeta = {
    id: 'f',
    title: 'F',
    site: 'https://news.example/',
    license: { ...policy, images: policy.images ?? DEFAULT_IMAGES },
    links: META_LINKS,
    updated: item.updated,
  };
  const parsed = [
    assertValidRss(renderFeed('rss', meta, [item])),
    assertValidAtom(renderFeed('atom', meta, [item])),
    assertValidJsonFeed(renderFeed('json', meta, [item])),
  ];
  return { parsed, allowance: computeAllowance(policy.maxShare, excerpt.articleWords) };
}

describe('buildExcerpt properties', () => {
  it('never exceeds floor(maxShare × articleWords), and counts consistently', () => {
    fc.assert(
      fc.property(article, maxShare, (text, share) => {
        const excerpt = buildExcerpt(text, resolvePolicy({ maxShare: share, attribution: 'A' }));
        const articleWords = countWords(text);
        expect(excerpt.articleWords).toBe(articleWords);
        expect(excerpt.words).toBeLessThanOrEqual(Math.floor(share * articleWords));
        expect(countWords(excerpt.paragraphs.join('\n\n'))).toBe(excerpt.words);
        expect(excerpt.share).toBe(articleWords === 0 ? 0 : excerpt.words / articleWords);
      }),
      { numRuns: 300 },
    );
  });

  it('is a prefix of the article (modulo whitespace and the trailing ellipsis)', () => {
    fc.assert(
      fc.property(article, maxShare, (text, share) => {
        const excerpt = buildExcerpt(text, resolvePolicy({ maxShare: share, attribution: 'A' }));
        const joined = normalise(excerpt.paragraphs.join(' ')).replace(/…$/, '');
        expect(normalise(text).startsWith(joined)).toBe(true);
        expect(excerpt.paragraphs.length).toBeLessThanOrEqual(text.split('\n\n').length);
      }),
      { numRuns: 300 },
    );
  });

  it('publishes something whenever a word is allowed, and everything when all are', () => {
    fc.assert(
      fc.property(article, maxShare, (text, share) => {
        const excerpt = buildExcerpt(text, resolvePolicy({ maxShare: share, attribution: 'A' }));
        const allowance = computeAllowance(share, excerpt.articleWords);
        if (allowance > 0) expect(excerpt.words).toBeGreaterThan(0);
        if (allowance === excerpt.articleWords) expect(excerpt.words).toBe(allowance);
      }),
      { numRuns: 300 },
    );
  });
});

/** Word counts of every article prefix that ends at a sentence end (UAX #29, per paragraph). */
/** A subheading: a short paragraph closing on no punctuation, with text after it (no excerpt stops there). */
function isHeading(paragraphs: readonly string[], index: number): boolean {
  const paragraph = (paragraphs[index] ?? '').trim();
  const later = paragraphs.slice(index + 1).some((next) => next.trim() !== '');
  return later && paragraph.length <= 120 && !/[.!?…;:。！？؟।॥][\s"'»”’)\]）」』]*$/u.test(paragraph);
}

function countWordsAtSentenceEnds(text: string): number[] {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const paragraphs = text.split('\n\n');
  return paragraphs.flatMap((paragraph, index) => {
    const before = paragraphs.slice(0, index).join('\n\n');
    const ends = [...segmenter.segment(paragraph)].map((s) =>
      countWords(`${before}\n\n${paragraph.slice(0, s.index + s.segment.length)}`),
    );
    return isHeading(paragraphs, index) ? ends.slice(0, -1) : ends;
  });
}

describe('buildExcerpt fills the allowance', () => {
  it('stops at the last sentence end within the allowance, or cuts the first sentence with an ellipsis', () => {
    fc.assert(
      fc.property(article, maxShare, (text, share) => {
        const excerpt = buildExcerpt(text, resolvePolicy({ maxShare: share, attribution: 'A' }));
        const allowance = computeAllowance(share, excerpt.articleWords);
        const best = Math.max(0, ...countWordsAtSentenceEnds(text).filter((words) => words <= allowance));
        if (best > 0) expect(excerpt.words).toBe(best);
        else if (allowance > 0) expect(excerpt.paragraphs.at(-1)?.endsWith('…')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rendered items stay within the licence', () => {
  it('reproduce at most the allowance in every format (title and backlink excepted) and carry the backlink', () => {
    fc.assert(
      fc.property(article, maxShare, (text, share) => {
        const { parsed, allowance } = renderAll(text, { maxShare: share, attribution: 'Example News' });
        for (const feed of parsed) {
          expect(feed.items).toHaveLength(1);
          const [item] = feed.items;
          if (item === undefined) return;
          expect(item.html).toContain('Read the full article at <a href="https://news.example/a/1">Example News</a>');
          const texts = [
            htmlToText(item.html, { dropBacklink: true }),
            ...(item.summary === undefined ? [] : [item.summary]),
          ];
          expect(measureReproducedWords(text, texts)).toBeLessThanOrEqual(allowance);
        }
      }),
      { numRuns: 150 },
    );
  });
});
