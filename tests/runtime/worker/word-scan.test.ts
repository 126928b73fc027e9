/**
 * The fast word scan (src/core/license/simple-words.ts) inside workerd: its ICU data is the runtime's own,
 * so the equality with `Intl.Segmenter` that the Node tests prove is checked here too, on texts the scan
 * handles itself (Latin, Cyrillic with Kazakh letters, Greek, Arabic, digits, the UAX #29 Mid* characters, № ½ ™).
 * The excerpt cut from them equals the reference's too: the sentence segmenter read only up to the cut is
 * workerd's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentWords } from '../../helpers/word-spans.ts';
import { scanSimpleWords } from '../../../src/core/license/simple-words.ts';
import { buildExcerptReference, segmentWordsReference } from '../../helpers/excerpt-reference.ts';
import { buildExcerpt } from '../../../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';

const LETTERS = Array.from('abcxyzÉéçñßабвжыӘәҒғҚқҢңӨөҰұҮүҺһІіαβγΩابت0123456789');
const BETWEEN = [...Array.from(":·,;.'’-‐–—!?«»“”()/%&…№½™🎉"), ' ', '  ', '\n\n', '\t', '\u00A0'];
const text = fc
  .array(
    fc.oneof(
      fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 6 }).map((letters) => letters.join('')),
      fc.constantFrom(...BETWEEN),
    ),
    { maxLength: 50 },
  )
  .map((tokens) => tokens.join(''));

describe('the fast word scan in workerd', () => {
  it('handles these texts itself and gives the words Intl.Segmenter gives', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, 'en', 'kk', 'ru'), (sample, locale) => {
        expect(scanSimpleWords(sample)).toBeDefined();
        expect(segmentWords(sample, locale)).toEqual(segmentWordsReference(sample, locale));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts excerpts of such texts, in paragraphs, exactly as the reference (sentences read only up to the cut)', () => {
    const article = fc.array(text, { minLength: 1, maxLength: 8 }).map((paragraphs) => paragraphs.join('. \n\n'));
    const limits = fc.record({
      maxShare: fc.integer({ min: 1, max: 100 }).map((percent) => percent / 100),
      maxWords: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(article, limits, fc.constantFrom(undefined, 'en', 'kk'), (body, { maxShare, maxWords }, locale) => {
        const policy = resolvePolicy({ maxShare, maxWords, attribution: 'A' });
        expect(buildExcerpt(body, policy, locale)).toEqual(buildExcerptReference(body, policy, locale));
      }),
      { numRuns: 200 },
    );
  });
});
