/**
 * @module tests/helpers/similarity-before
 * src/core/extract/content-walk.ts `readSimilarity` as it was before it took the title's words as a set read
 * once per walk, kept verbatim as the reference tests/core/extract/text-measures.test.ts compares the new one with.
 */

/** Readability's word similarity: the share of `b`'s text made of words also in `a` (1: the same). */
export function readSimilarityBefore(a: string, b: string): number {
  const wordsA = a.toLowerCase().split(/\W+/).filter(Boolean);
  const wordsB = b.toLowerCase().split(/\W+/).filter(Boolean);
  if (wordsA.length === 0 || wordsB.length === 0) return 0;
  const unique = wordsB.filter((word) => !wordsA.includes(word));
  return 1 - unique.join(' ').length / wordsB.join(' ').length;
}
