/**
 * The licence counts and cuts an article without its repeated paragraphs (src/core/license/unique-paragraphs.ts):
 * a page repeating itself (a live blog's pinned post, a pull quote) gets no longer excerpt for it, and no
 * excerpt shows a paragraph twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExcerpt, computeAllowance } from '../../../src/core/license/build-excerpt.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { withoutRepeatedParagraphs } from '../../../src/core/license/unique-paragraphs.ts';
import { article, maxShare } from '../../helpers/article-arbitraries.ts';

const LEDE =
  'Good morning and welcome to our live coverage of the storm, which brings the strongest winds of the year.';
const BEFORE = 'The senate passed the water code on Tuesday after a long debate about canals and farms.';
const AFTER = 'The code takes effect in January.';

describe('withoutRepeatedParagraphs', () => {
  it('keeps the first copy of a prose paragraph the page repeats (a pinned post, a pull quote)', () => {
    expect(withoutRepeatedParagraphs([LEDE, BEFORE, LEDE, AFTER].join('\n\n'))).toBe(
      [LEDE, BEFORE, AFTER].join('\n\n'),
    );
  });

  it('lets short lines recur, but not back to back', () => {
    const text = ['Q: When?', AFTER, 'Q: When?', 'Yes.', 'Yes.'].join('\n\n');
    expect(withoutRepeatedParagraphs(text)).toBe(['Q: When?', AFTER, 'Q: When?', 'Yes.'].join('\n\n'));
  });

  it('gives the very same text when nothing repeats, whatever its spacing', () => {
    const text = `  ${BEFORE}\n \n${AFTER}\n\n\n${LEDE.toUpperCase()}\n\n${LEDE} `;
    expect(withoutRepeatedParagraphs(text)).toBe(text);
  });

  it('drops a paragraph only when it repeats the one kept before it, or a kept one of 80 characters or more', () => {
    const paragraph = fc.constantFrom(LEDE, BEFORE, AFTER, 'Yes.', BEFORE.toUpperCase());
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 12 }), (paragraphs) => {
        const expected: string[] = [];
        for (const text of paragraphs)
          if (text !== expected.at(-1) && (text.length < 80 || !expected.includes(text))) expected.push(text);
        const kept = withoutRepeatedParagraphs(paragraphs.join('\n\n'));
        expect(kept === '' ? [] : kept.split('\n\n')).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('buildExcerpt on a page that repeats itself', () => {
  it('allows no more words than the same article without the copies, and shows no paragraph twice', () => {
    const copies = fc.array(fc.nat(), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(article, maxShare, copies, (text, share, picks) => {
        const paragraphs = text.split('\n\n');
        const long = paragraphs.map((paragraph) => `${paragraph} ${'and so it went on. '.repeat(5)}`.trim());
        const repeated = [...long];
        for (const pick of picks) {
          const copy = long[pick % long.length] ?? '';
          repeated.splice((pick * 7) % (repeated.length + 1), 0, copy);
        }
        const policy = resolvePolicy({ maxShare: share, attribution: 'A' });
        const excerpt = buildExcerpt(repeated.join('\n\n'), policy, 'en');
        const unique = withoutRepeatedParagraphs(long.join('\n\n'));
        expect(excerpt.words).toBeLessThanOrEqual(computeAllowance(share, countWords(unique, 'en')));
        expect(excerpt.articleWords).toBe(countWords(unique, 'en'));
        expect(new Set(excerpt.paragraphs).size).toBe(excerpt.paragraphs.length);
      }),
      { numRuns: 200 },
    );
  });
});
