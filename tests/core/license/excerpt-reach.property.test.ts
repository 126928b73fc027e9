/**
 * Licence first, for the cuts in licensing CPU: compounds joined in place by char code, characters counted
 * without building code points, and paragraphs and sentences read only up to the first word past the
 * allowance. Each is compared with the reference (tests/helpers/excerpt-reference.ts) on texts built to hit
 * its edges: hyphens of every kind next to every script, lone surrogates, long bodies of many short
 * paragraphs (blank and whitespace-only ones among them) under small word, share and character limits,
 * fresh and re-cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExcerpt, countExcerptChars } from '../../../src/core/license/build-excerpt.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import {
  buildExcerptReference,
  countExcerptCharsReference,
  segmentWordsReference,
} from '../../helpers/excerpt-reference.ts';
import { segmentWords } from '../../helpers/word-spans.ts';
import { expectCutAsReference, policies } from '../../helpers/excerpt-equality.ts';

const WORDS = [
  'water',
  'Senate',
  'қазақ',
  'тілі',
  'Әке',
  'ελλάς',
  'مرحبا',
  'שלום',
  '中华人民',
  '東京',
  'ไทย',
  '2025',
  '3.14',
  'don’t',
];
const JOINS = ['-', '\u2010', '\u2011', '--', ' - ', '-\u2010', '–', '—', ' ', ' ', ' ', ', ', '\u00A0'];
const ENDS = ['.', '!', '?', '…', '。', '؟', '', '.»', ' 🎉.', ' 👍🏽'];

const sentence = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...JOINS)), { minLength: 1, maxLength: 12 }))
  .chain(([parts]) => fc.constantFrom(...ENDS).map((end) => `${parts.map(([w, j]) => w + j).join('')}${end}`.trim()));
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((sentences) => sentences.join(' '));
/** Many short paragraphs, some blank or whitespace-only, with every separator a blank line may be. */
const longArticle = fc
  .array(fc.oneof({ weight: 6, arbitrary: paragraph }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t ') }), {
    minLength: 0,
    maxLength: 30,
  })
  .chain((paragraphs) =>
    fc
      .array(fc.constantFrom('\n\n', '\n \n', '\n\n\n', '\n\t\n'), {
        minLength: paragraphs.length,
        maxLength: paragraphs.length,
      })
      .map((separators) => paragraphs.map((p, i) => p + (separators[i] ?? '')).join('')),
  );

const policy = policies({ maxWords: 40, maxSnippet: fc.integer({ min: 0, max: 300 }) });
const locale = fc.constantFrom(undefined, 'en', 'kk', 'ru', 'ar', 'he', 'zh', 'ja', 'th', 'en-US-u-va-posix');

/** Any UTF-16: code units of every kind (lone surrogates included) and whole astral characters. */
const utf16 = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('🎉', '👨‍👩‍👧', '𝔸', 'a', 'қ', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDBFF\uDFFF'),
    ),
    { maxLength: 30 },
  )
  .map((units) => units.join(''));

describe('licensing cuts keep every output the same', () => {
  it('countExcerptChars counts code points as the string iterator does, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.array(utf16, { maxLength: 5 }), (paragraphs) => {
        expect(countExcerptChars(paragraphs)).toBe(countExcerptCharsReference(paragraphs));
      }),
      { numRuns: 1000 },
    );
  });

  it('joins hyphenated compounds exactly as the reference, on the fast scan and on Intl.Segmenter', () => {
    fc.assert(
      fc.property(paragraph, locale, (text, lang) => {
        expect(segmentWords(text, lang)).toEqual(segmentWordsReference(text, lang));
      }),
      { numRuns: 500 },
    );
  });

  it('cuts long bodies of many paragraphs exactly as the reference, fresh and re-cut', () => {
    fc.assert(
      fc.property(longArticle, policy, policy, locale, (text, first, second, lang) => {
        expectCutAsReference(text, first, second, lang);
      }),
      { numRuns: 400 },
    );
  });

  it('gives nothing of empty and whitespace-only text', () => {
    for (const text of ['', ' ', '\n\n', '\n \n\t\n', '\u00A0 \u2003'])
      expect(buildExcerpt(text, resolvePolicy({ maxShare: 1, attribution: 'A' }), 'kk')).toEqual(
        buildExcerptReference(text, resolvePolicy({ maxShare: 1, attribution: 'A' }), 'kk'),
      );
  });
});
