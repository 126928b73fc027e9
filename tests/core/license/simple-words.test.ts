/**
 * The fast word scan (src/core/license/simple-words.ts) against the definition it stands in for: the
 * word-like segments of `Intl.Segmenter`, joined across single hyphens. Licence first: every character the
 * scan classifies is checked in the contexts where its class matters, and fast-check compares whole texts
 * (counts and spans) over a rich alphabet, in several locales.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/core/license/count-words.ts';
import { segmentWords } from '../../helpers/word-spans.ts';
import { scanSimpleWords } from '../../../src/core/license/simple-words.ts';
import { segmentWordsReference } from '../../helpers/excerpt-reference.ts';

const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const segmentReference = segmentWordsReference;

const LOCALES = [
  undefined,
  'en',
  'kk',
  'ru',
  'de',
  'fr',
  'sv',
  'fi',
  'el',
  'ar',
  'hy',
  'ka',
  'en-US-u-va-posix',
  'en_US',
];

/** Letters of the scripts the scan handles, and ASCII digits. */
const HANDLED_LETTERS = [
  ...Array.from('abcxyzABCXYZéçñßøÆœıİªⅣ'),
  ...Array.from('абвжщыэюяЁЙӘәҒғҚқҢңӨөҰұҮүҺһІі'),
  ...Array.from('αβγωΩάΐ'),
  ...Array.from('աբգՀ'),
  ...Array.from('აბგ'),
  ...Array.from('ابتمحى'),
  ...Array.from('0123456789'),
];
/** Everything between words the scan classifies: UAX #29 Mid* classes, hyphens, dashes, quotes, spaces, emoji. */
const HANDLED_BETWEEN = [
  ...Array.from(":·‧,;;։،؍٬⁄.'‘’․"),
  ...Array.from('-‐‑–—―'),
  ...Array.from('!?"()[]/%&@#*+=<>«»“”„‹›…•°§©®€$£×÷→≠№™℃½²'),
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\u00A0',
  '\u2009',
  '\u2028',
  ...Array.from('؛؟٪۔'),
  '🎉',
  '👍',
  '🔥',
];
/** What the scan gives up on: dictionary scripts, Hebrew, marks, format characters, ExtendNumLet, other digits. */
const FALLBACK = [
  ...Array.from('中华人民共和国'),
  ...Array.from('ひらがなカタカナ'),
  ...Array.from('ภาษาไทย'),
  ...Array.from('ລາວ'),
  ...Array.from('ខ្មែរ'),
  ...Array.from('မြန်မာ'),
  ...Array.from('שלום״׳'),
  '\u0301',
  '\u064E',
  '\u200D',
  '\u200C',
  '\u200B',
  '\u00AD',
  '\uFE0F',
  '\u2060',
  '\uFEFF',
  ...Array.from('_‿⁀⁔︳︴﹍﹎﹏＿'),
  '\u202F',
  '\u180E',
  ...Array.from('٠١٢۳０１'),
  ...Array.from('︓﹕：︐︔﹐﹔，；﹒＇．'),
  '🏽',
  '👨‍👩‍👧',
  '🇰🇿',
  '❤️',
  'Ⓐ',
  '¸',
  '\uD800',
  '\uDC00',
  'ʼ',
  '՚',
  '՟',
  '߸',
];

/** Texts of up to `max` tokens drawn from `pieces`, some tokens being runs of letters (so words are long). */
function textOf(pieces: readonly string[], max: number): fc.Arbitrary<string> {
  const letters = fc.array(fc.constantFrom(...HANDLED_LETTERS), { minLength: 1, maxLength: 6 }).map((l) => l.join(''));
  return fc.array(fc.oneof(letters, fc.constantFrom(...pieces)), { maxLength: max }).map((tokens) => tokens.join(''));
}

describe('scanSimpleWords', () => {
  it('classifies every character it knows as Intl.Segmenter does, in every context its class matters', () => {
    const points = [
      ...Array.from({ length: 0x3000 }, (_, i) => i),
      ...Array.from({ length: 0xb00 }, (_, i) => 0x1f000 + i),
    ];
    let known = 0;
    for (const point of points) {
      const c = String.fromCodePoint(point);
      if (scanSimpleWords(c) === undefined) continue;
      known += 1;
      const contexts = [c, `a${c}b`, `1${c}2`, `${c}a`, `a${c}`, `${c}${c}`, `a${c}${c}b`, `ж${c}ж`, `${c}1`, `1${c}`];
      contexts.push(`a.${c}`, `1.${c}`, `${c}.a`, `${c}.1`, `${c},1`, `1,${c}`, `a:${c}`, `${c}:a`, `x ${c} y`);
      for (const text of contexts) {
        const spans = scanSimpleWords(text);
        if (spans === undefined) continue;
        const expected = segmentReference(text, 'en').flatMap((w) => [w.start, w.end]);
        // The reference joins across hyphens; the scan does not, so compare texts without them.
        if (!Array.from(text).some((char) => HYPHENS.has(char))) expect([text, spans]).toEqual([text, expected]);
      }
    }
    expect(known).toBeGreaterThan(5000);
  });

  it('gives up on what it does not handle', () => {
    for (const char of FALLBACK) expect([char, scanSimpleWords(`a${char}b`)]).toEqual([char, undefined]);
  });
});

describe('segmentWords: the fast path is the definition', () => {
  it('handles texts of the scripts it knows itself (the properties below are not vacuous)', () => {
    fc.assert(
      fc.property(textOf(HANDLED_BETWEEN, 40), (text) => {
        expect(scanSimpleWords(text)).toBeDefined();
      }),
    );
  });

  it('gives the same spans and counts as Intl.Segmenter on texts it handles, in every locale', () => {
    fc.assert(
      fc.property(textOf(HANDLED_BETWEEN, 60), fc.constantFrom(...LOCALES), (text, locale) => {
        const expected = segmentReference(text, locale);
        expect(segmentWords(text, locale)).toEqual(expected);
        expect(countWords(text, locale)).toBe(expected.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same spans and counts on texts that mix in everything else', () => {
    fc.assert(
      fc.property(textOf([...HANDLED_BETWEEN, ...FALLBACK], 60), fc.constantFrom(...LOCALES), (text, locale) => {
        const expected = segmentReference(text, locale);
        expect(segmentWords(text, locale)).toEqual(expected);
        expect(countWords(text, locale)).toBe(expected.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same spans and counts when only some lines hold what the scan gives up on (each line alone)', () => {
    const line = fc.oneof(textOf(HANDLED_BETWEEN, 12), textOf([...HANDLED_BETWEEN, ...FALLBACK], 12));
    const breaks = fc.constantFrom('\n', '\n\n', '\r\n', ' \n', '\n\u0301', '\n\u00AD', '\n-', '-\n', '.\n');
    const lines = fc.array(fc.tuple(line, breaks), { maxLength: 8 }).map((parts) => parts.flat().join(''));
    fc.assert(
      fc.property(lines, fc.constantFrom(...LOCALES), (text, locale) => {
        const expected = segmentReference(text, locale);
        expect(segmentWords(text, locale)).toEqual(expected);
        expect(countWords(text, locale)).toBe(expected.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('segments a line the scan gives up on with Intl.Segmenter, and scans the others', () => {
    const text = 'Приказ № 5 вступил в силу.\n\nОн опубликован на gov.kz и на my_site.kz.\n\n北京 — столица.';
    expect(segmentWords(text, 'ru')).toEqual(segmentReference(text, 'ru'));
    expect(segmentWords(text, 'ru').map((w) => w.word)).toContain('my_site.kz');
  });

  it('keeps a tailored locale on Intl.Segmenter (POSIX breaks "a.b" and "a:b" apart)', () => {
    expect(segmentWords('a.b a:b', 'en-US-u-va-posix').map((w) => w.word)).toEqual(['a', 'b', 'a', 'b']);
    expect(segmentWords('a.b a:b', 'en').map((w) => w.word)).toEqual(['a.b', 'a:b']);
  });
});
