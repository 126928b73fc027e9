/**
 * @module tests/helpers/article-arbitraries
 * fast-check generators of article bodies in the scripts Lede meets — Latin, Cyrillic with Kazakh
 * letters, CJK, emoji, numbers, hyphenated compounds, markup-like and punctuation tokens — in random
 * sentence and paragraph shapes, and of licence shares. Shared by the licence and policy properties.
 */
import fc from 'fast-check';

// One letter per code point (precomposed, all in the BMP), so Array.from splits letters.
const LATIN = Array.from('abcdefghijklmnopqrstuvwxyzéüç');
const CYRILLIC = Array.from('абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі');
const CJK = Array.from('中华人民共和国北京上海日本語東京の大学生新闻报道今天');
const EMOJI = ['🎉', '🇰🇿', '👍🏽', '😴', '👨‍👩‍👧'];
const PUNCTUATION = [',', ';', ':', '—', '–', '"', '«', '»', '(', ')', '&', '<b>', ']]>', '&amp;'];

const latinWord = fc.string({ unit: fc.constantFrom(...LATIN), minLength: 1, maxLength: 9 });
const cyrillicWord = fc.string({ unit: fc.constantFrom(...CYRILLIC), minLength: 1, maxLength: 9 });
const cjkWord = fc.string({ unit: fc.constantFrom(...CJK), minLength: 1, maxLength: 6 });
const numberWord = fc.oneof(
  fc.nat(100_000).map(String),
  fc.nat(999).map((n) => `${n}.${n % 10}`),
);
const hyphenated = fc
  .tuple(fc.oneof(latinWord, cyrillicWord), fc.oneof(latinWord, cyrillicWord, numberWord))
  .map(([a, b]) => `${a}-${b}`);

const token = fc.oneof(
  { weight: 6, arbitrary: latinWord },
  { weight: 6, arbitrary: cyrillicWord },
  { weight: 2, arbitrary: cjkWord },
  { weight: 2, arbitrary: numberWord },
  { weight: 1, arbitrary: hyphenated },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...PUNCTUATION) },
);

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const sentence = fc
  .tuple(
    fc.array(token, { minLength: 1, maxLength: 25 }),
    fc.constantFrom('.', '!', '?', '…', '。', ''),
    fc.constantFrom(' ', '  ', ' ', '\t', '\n'),
  )
  .map(([tokens, end, space]) => `${capitalise(tokens.join(space))}${end}`);

const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((sentences) => sentences.join(' '));
export const article = fc.array(paragraph, { minLength: 1, maxLength: 6 }).map((paragraphs) => paragraphs.join('\n\n'));
// fc.double alone favours extreme values (mostly tiny shares that allow nothing), so mix in percentages.
export const maxShare = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 100 }).map((percent) => percent / 100) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1, minExcluded: true, noNaN: true }) },
);
