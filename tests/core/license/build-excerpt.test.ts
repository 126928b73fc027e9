/**
 * Table tests of the licence stage: how words are counted, where excerpts stop, and how reproduction
 * is measured. The random counterpart is license.property.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { buildExcerpt, computeAllowance } from '../../../src/core/license/build-excerpt.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import { segmentWords } from '../../helpers/word-spans.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import type { EffectivePolicy } from '../../../src/core/types.ts';
import { measureReproducedWords } from '../../helpers/measure-share.ts';

const policy = (maxShare: number): EffectivePolicy => resolvePolicy({ maxShare, attribution: 'Example News' });

/** `count` sentences of `size` words each: "W1s1 w2s1 w3s1. W1s2 …" (capitalised, or UAX #29 sees no sentence break). */
function makeSentences(count: number, size: number): string {
  return Array.from(
    { length: count },
    (_, s) => `${Array.from({ length: size }, (_, w) => `${w === 0 ? 'W' : 'w'}${w + 1}s${s + 1}`).join(' ')}.`,
  ).join(' ');
}

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\n  ', 0],
    ['… — !!! ?', 0],
    ['Hello, world!', 2],
    ['The well-known café opened in 1998.', 6],
    ['well-known', 1],
    ['Алма-Ата', 1],
    ['COVID-19 and e-mail', 3],
    ['non\u2011breaking\u2010hyphens', 1],
    ['1990–2000', 2],
    ['word -- word', 2],
    ['word - word', 2],
    ["don't stop", 2],
    ['3.14 and 1,000 and 2024', 5],
    ['Қазақстан Республикасы — әлемдегі ең ірі мемлекеттердің бірі', 7],
    ['әңгіме ғасыр қала ұлт үй һәм іс өнер', 8],
    ['Привет, мир! Как дела?', 4],
    ['🎉🎉🎉', 0],
    ['Great news 🎉🇰🇿 for everyone 👍🏽!', 4],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('splits CJK runs into several words (dictionary segmentation)', () => {
    const words = segmentWords('中华人民共和国成立了。').map((w) => w.word);
    expect(words.length).toBeGreaterThan(1);
    expect(words.join('')).toBe('中华人民共和国成立了');
  });

  it('reports offsets into the original text', () => {
    const text = 'Алма-Ата, 2024: well-known!';
    for (const span of segmentWords(text, 'kk')) expect(text.slice(span.start, span.end)).toBe(span.word);
    expect(segmentWords(text, 'kk').map((w) => w.word)).toEqual(['Алма-Ата', '2024', 'well-known']);
  });

  it('tolerates a malformed locale tag', () => {
    expect(countWords('one two', 'en_US!!')).toBe(2);
  });
});

describe('buildExcerpt', () => {
  it('gives an empty excerpt for an article without countable words', () => {
    for (const text of ['', '   ', '🎉 🎉', '—']) {
      expect(buildExcerpt(text, policy(1))).toEqual({ paragraphs: [], words: 0, articleWords: 0, share: 0 });
    }
  });

  it('lets nothing out when floor(maxShare × words) is 0 (3 words at 0.3)', () => {
    expect(buildExcerpt('One two three.', policy(0.3))).toEqual({
      paragraphs: [],
      words: 0,
      articleWords: 3,
      share: 0,
    });
  });

  it('handles a one-word article', () => {
    expect(buildExcerpt('Hello.', policy(1)).paragraphs).toEqual(['Hello.']);
    expect(buildExcerpt('Hello.', policy(0.99)).words).toBe(0);
  });

  it('stops exactly at the limit when a sentence boundary falls on it', () => {
    const excerpt = buildExcerpt(makeSentences(10, 3), policy(0.3));
    expect(excerpt).toMatchObject({ words: 9, articleWords: 30, share: 0.3 });
    expect(excerpt.paragraphs).toEqual([makeSentences(3, 3)]);
  });

  it('stops at the last whole sentence under the limit, without an ellipsis', () => {
    const excerpt = buildExcerpt(makeSentences(10, 4), policy(0.25));
    expect(excerpt.words).toBe(8);
    expect(excerpt.paragraphs).toEqual([makeSentences(2, 4)]);
  });

  it('cuts one giant sentence at a word boundary with an ellipsis', () => {
    const giant = `${Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ')}.`;
    const excerpt = buildExcerpt(giant, policy(0.3));
    expect(excerpt.words).toBe(30);
    expect(excerpt.paragraphs).toEqual([`${Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')}…`]);
  });

  it('does not use an ellipsis once a sentence fits, even if the next one is long', () => {
    const text = `Short one. ${Array.from({ length: 50 }, () => 'Long').join(' ')}.`;
    expect(buildExcerpt(text, policy(0.5)).paragraphs).toEqual(['Short one.']);
  });

  it('keeps paragraphs and folds whitespace inside them', () => {
    const text =
      'First  para one.\nStill first.\r\n\r\nSecond para. More words here.\n\n\n\nThird para is long enough.';
    const excerpt = buildExcerpt(text, policy(0.6));
    expect(excerpt.articleWords).toBe(15);
    expect(excerpt.paragraphs).toEqual(['First para one. Still first.', 'Second para.']);
    expect(excerpt.words).toBe(7);
  });

  it('counts Kazakh text right and cuts it at a sentence end', () => {
    const text =
      'Алматы — Қазақстанның ең үлкен қаласы. Қалада әдемі таулар бар.\n\nҰлттық өнер мұражайы һәм театр жұмыс істейді.';
    const excerpt = buildExcerpt(text, policy(0.5), 'kk');
    expect(excerpt.articleWords).toBe(16);
    expect(excerpt.paragraphs).toEqual(['Алматы — Қазақстанның ең үлкен қаласы.']);
    expect(excerpt.words).toBe(5);
  });

  it('does not count emoji as words and keeps them in the text', () => {
    const text = '🎉 Big win today! 🇰🇿 Fans cheered all night. The team rests 😴 tomorrow.';
    const excerpt = buildExcerpt(text, policy(0.7));
    expect(excerpt.articleWords).toBe(11);
    expect(excerpt.paragraphs).toEqual(['🎉 Big win today! 🇰🇿 Fans cheered all night.']);
    expect(excerpt.words).toBe(7);
  });

  it('lets the whole article through at maxShare 1, and nothing for nonsense shares', () => {
    const text = 'One. Two three.\n\nFour.';
    expect(buildExcerpt(text, policy(1))).toEqual({
      paragraphs: ['One. Two three.', 'Four.'],
      words: 4,
      articleWords: 4,
      share: 1,
    });
    expect(buildExcerpt(text, policy(7)).words).toBe(4);
    for (const share of [0, -1, Number.NaN]) expect(buildExcerpt(text, policy(share)).words).toBe(0);
  });

  it('computes the allowance as floor(maxShare × words)', () => {
    expect(computeAllowance(0.3, 10)).toBe(3);
    expect(computeAllowance(0.3, 3)).toBe(0);
    expect(computeAllowance(1, 17)).toBe(17);
  });
});

describe('buildExcerpt: never on a subheading with nothing under it', () => {
  const lede = 'The council approved the new bus routes on Tuesday after a short debate.';
  const next = 'Buses will run every ten minutes on the busiest lines from June, and every twenty elsewhere.';

  it.each([
    ['English', 'What changes', 'en'],
    ['Arabic', 'تقليص زمن الرحلة إلى النصف', 'ar'],
    ['Japanese', '運行の見通し', 'ja'],
  ])('stops before a %s subheading the allowance would end on', (_, heading, locale) => {
    // 13 + 4 words: the heading fits the allowance, the next sentence does not.
    const text = [lede, heading, next].join('\n\n');
    const words = countWords(text, locale);
    const share = (countWords([lede, heading].join('\n\n'), locale) + 1) / words;
    expect(buildExcerpt(text, policy(share), locale).paragraphs).toEqual([lede]);
  });

  it('still ends where the article does, and on a punctuated short line', () => {
    expect(buildExcerpt([lede, 'Reuters'].join('\n\n'), policy(1)).paragraphs).toEqual([lede, 'Reuters']);
    const text = [lede, 'Read on:', next].join('\n\n');
    const share = (countWords([lede, 'Read on:'].join('\n\n')) + 1) / countWords(text);
    expect(buildExcerpt(text, policy(share)).paragraphs).toEqual([lede, 'Read on:']);
  });
});

describe('measureReproducedWords', () => {
  const article = 'Alpha beta gamma. Delta epsilon zeta. Eta theta iota kappa.';

  it('counts a passage repeated in several texts once', () => {
    expect(measureReproducedWords(article, ['Alpha beta gamma.', 'alpha BETA gamma', 'Alpha beta gamma.'])).toBe(3);
  });

  it('adds up different passages', () => {
    expect(measureReproducedWords(article, ['Alpha beta gamma.', 'Eta theta iota kappa.'])).toBe(7);
  });

  it('counts nothing for text the article does not contain', () => {
    expect(measureReproducedWords(article, ['Completely unrelated words'])).toBe(0);
  });

  it('ignores runs shorter than minRun', () => {
    expect(measureReproducedWords(article, ['gamma and kappa'], undefined, { minRun: 2 })).toBe(0);
    expect(measureReproducedWords(article, ['gamma and kappa'])).toBe(2);
  });
});
