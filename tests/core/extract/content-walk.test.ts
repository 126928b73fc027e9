/**
 * @module tests/core/extract/content-walk
 * The walk before scoring compares each heading with the title by Readability's word similarity, the title's
 * words now read once per walk as a set: on generated titles and headings (repeated words, case, non-word
 * characters, Cyrillic, which `\W` splits, and empty texts) it is, to the bit, the previous version's value.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSimilarity, readWords } from '../../../src/core/extract/content-walk.ts';
import { readSimilarityBefore } from '../../helpers/similarity-before.ts';

const WORDS = ['Water', 'water', 'code', 'the', 'Senate', 'senate’s', 'Қазақ', '2025', '—', 'a-b', '', ' ', '!!'];
const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 4 })), { maxLength: 12 })
  .chain((words) => fc.constantFrom(' ', '  ', '-', '').map((separator) => words.join(separator)));

describe('readSimilarity', () => {
  it('equals the previous version, the title given as its set of words', () => {
    fc.assert(
      fc.property(text, text, (title, heading) => {
        expect(
          Object.is(readSimilarity(new Set(readWords(title)), heading), readSimilarityBefore(title, heading)),
        ).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
