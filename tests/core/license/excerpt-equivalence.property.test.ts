/**
 * Licence first: `buildExcerpt`, with its fast word scan, sentences segmented only as far as a cut can
 * reach and characters measured only where a cap needs them, gives exactly the excerpt of the reference
 * (tests/helpers/excerpt-reference.ts: the licence boundary as it was, on `Intl.Segmenter` alone), for
 * random articles in the scripts the scan handles and with everything it hands back mixed in, under every
 * kind of limit, fresh and re-cut.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { article } from '../../helpers/article-arbitraries.ts';
import { expectCutAsReference, policies } from '../../helpers/excerpt-equality.ts';

const LETTERS = [
  ...Array.from('abcdefghijklmnopqrstuvwxyzéüçABCÉ'),
  ...Array.from('абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһіӘҚ'),
  ...Array.from('αβγΔ'),
];
const JOINERS = [...Array.from(".,;:'’·"), '-', '‐'];
const BETWEEN = [
  ' ',
  ' ',
  ' ',
  ', ',
  '; ',
  ' — ',
  ' – ',
  ' - ',
  ': ',
  ' «',
  '» ',
  ' (',
  ') ',
  ' "',
  '" ',
  ' 🎉 ',
  '\t',
  '\n',
];
const RARE = ['中国', 'ไทย', '_', '\u00AD', '\u0301', '\u202F', '👍🏽', 'שלום'];

const word = fc
  .array(fc.constantFrom(...LETTERS, ...Array.from('0123456789')), { minLength: 1, maxLength: 8 })
  .map((l) => l.join(''));
const compound = fc.tuple(word, fc.constantFrom(...JOINERS), word).map(([a, j, b]) => `${a}${j}${b}`);
const sentence = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.oneof({ weight: 5, arbitrary: word }, { weight: 1, arbitrary: compound }),
        fc.constantFrom(...BETWEEN),
      ),
      {
        minLength: 1,
        maxLength: 20,
      },
    ),
    fc.constantFrom('.', '!', '?', '…', '', '."', '. '),
  )
  .map(
    ([parts, end]) =>
      `${parts
        .map(([w, b]) => w + b)
        .join('')
        .trim()}${end}`,
  )
  .map((text) => text.charAt(0).toUpperCase() + text.slice(1));
const handledArticle = fc
  .tuple(
    fc.array(
      fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join(' ')),
      { minLength: 1, maxLength: 6 },
    ),
    fc.constantFrom('\n\n', '\n \n', '\n\n\n'),
  )
  .map(([paragraphs, separator]) => paragraphs.join(separator));
const mixedArticle = fc
  .tuple(handledArticle, fc.constantFrom(...RARE), fc.nat())
  .map(([text, rare, at]) => text.slice(0, at % (text.length + 1)) + rare + text.slice(at % (text.length + 1)));

/** Words between whitespace runs of every kind the excerpt folds (and a no-break space, which it keeps). */
const spacedArticle = fc
  .array(
    fc.tuple(
      fc.oneof(word, fc.constantFrom('End.', 'Why?', 'Да!')),
      fc.array(fc.constantFrom(' ', '\t', '\n', '\v', '\f', '\r', '\u00A0', '\n\n'), { minLength: 1, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 60 },
  )
  .map((parts) => parts.map(([w, spaces]) => w + spaces.join('')).join(''));
const policy = policies({ maxWords: 200, maxSnippet: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 600 })) });
const locale = fc.constantFrom(undefined, 'en', 'kk', 'ru', 'fr', 'en-US-u-va-posix');

describe('buildExcerpt equals the Intl.Segmenter reference', () => {
  it.each([
    ['articles of the scripts the fast scan handles', handledArticle],
    ['articles with a character it hands back', mixedArticle],
    ['words between runs of every kind of whitespace', spacedArticle],
    ['the shared generated articles (Latin, Cyrillic, CJK, emoji)', article],
  ])('%s: same excerpt, fresh and re-cut', (_, articles) => {
    fc.assert(
      fc.property(articles, policy, policy, locale, (text, first, second, lang) => {
        expectCutAsReference(text, first, second, lang);
      }),
      { numRuns: 400 },
    );
  });
});
