/**
 * Table tests of the licence engine's policy: `resolvePolicy` (licence + publisher signals, the stricter
 * wins) and `buildExcerpt` under every limit it enforces — maxShare, maxWords, max-snippet characters,
 * title-only — and re-cutting a stored excerpt. The random counterpart is policy.property.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, parseDelay, parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import { buildExcerpt, computeWordAllowance, countExcerptChars } from '../../../src/core/license/build-excerpt.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import { resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { NO_SIGNALS } from '../../../src/core/signals/merge-signals.ts';
import type { LicensePolicy, PublisherSignals } from '../../../src/core/types.ts';

const LICENSE: LicensePolicy = { maxShare: 0.5, attribution: 'Example News' };
const signals = (overrides: Partial<PublisherSignals>): PublisherSignals => ({ ...NO_SIGNALS, ...overrides });

/** `count` sentences of `size` words each, capitalised so UAX #29 breaks between them. */
function makeSentences(count: number, size: number): string {
  return Array.from(
    { length: count },
    (_, s) => `${Array.from({ length: size }, (_, w) => `${w === 0 ? 'W' : 'w'}${w + 1}s${s + 1}`).join(' ')}.`,
  ).join(' ');
}

describe('resolvePolicy', () => {
  it('is the licence itself when the page says nothing, with safe image default', () => {
    expect(resolvePolicy(LICENSE)).toEqual({ maxShare: 0.5, titleOnly: false, images: 'credited', reasons: [] });
    expect(resolvePolicy({ ...LICENSE, maxWords: 80, images: true })).toMatchObject({ maxWords: 80, images: true });
  });

  it.each([
    [{ nosnippet: true }, 'nosnippet'],
    [{ maxSnippet: 0 }, 'max-snippet:0'],
    [{ paywalled: true }, 'paywalled'],
    [{ robotsDisallowed: true }, 'robots-disallowed'],
    [{ usageForbidden: true, contentUsage: 'train-ai=n, search=n' }, 'usage-forbidden'],
    [{ tdmReserved: true }, 'tdm-reserved'],
  ])('%j → title and backlink only, no image', (overrides, reason) => {
    const policy = resolvePolicy({ ...LICENSE, images: true }, signals(overrides));
    expect(policy).toMatchObject({ titleOnly: true, images: false });
    expect(policy.reasons[0]).toMatch(new RegExp(`^${reason}`));
  });

  it('lets an explicit licence override a TDM reservation, and says so', () => {
    const policy = resolvePolicy(
      { ...LICENSE, explicit: true },
      signals({ tdmReserved: true, tdmPolicy: 'https://ex.com/tdm' }),
    );
    expect(policy.titleOnly).toBe(false);
    expect(policy.reasons).toEqual([expect.stringMatching(/^tdm-reserved: overridden/)]);
  });

  it('does not let an explicit licence override nosnippet or a paywall', () => {
    expect(resolvePolicy({ ...LICENSE, explicit: true }, signals({ nosnippet: true })).titleOnly).toBe(true);
    expect(resolvePolicy({ ...LICENSE, explicit: true }, signals({ paywalled: true })).titleOnly).toBe(true);
  });

  it('turns max-snippet:N into a character cap; -1 means no limit', () => {
    expect(resolvePolicy(LICENSE, signals({ maxSnippet: 120 }))).toMatchObject({ maxChars: 120, titleOnly: false });
    expect(resolvePolicy(LICENSE, signals({ maxSnippet: -1 })).maxChars).toBeUndefined();
  });

  it('records noarchive without reducing the item', () => {
    const policy = resolvePolicy(LICENSE, signals({ noarchive: true }));
    expect(policy).toMatchObject({ titleOnly: false, reasons: [expect.stringMatching(/^noarchive/)] });
  });
});

describe('buildExcerpt under an effective policy', () => {
  const text = makeSentences(20, 5); // 100 words

  it('applies the smaller of maxShare and maxWords', () => {
    expect(buildExcerpt(text, resolvePolicy({ ...LICENSE, maxWords: 12 })).words).toBe(10);
    expect(buildExcerpt(text, resolvePolicy({ ...LICENSE, maxWords: 1000 })).words).toBe(50);
    expect(computeWordAllowance(resolvePolicy({ ...LICENSE, maxWords: 12 }), 100)).toBe(12);
    expect(computeWordAllowance(resolvePolicy({ ...LICENSE, maxWords: 0 }), 100)).toBe(0);
  });

  it('publishes nothing of the body when title-only, but still counts the article', () => {
    const excerpt = buildExcerpt(text, resolvePolicy(LICENSE, signals({ nosnippet: true })));
    expect(excerpt).toEqual({ paragraphs: [], words: 0, articleWords: 100, share: 0 });
  });

  it('fits max-snippet at a sentence end when one fits', () => {
    const excerpt = buildExcerpt(text, resolvePolicy(LICENSE, signals({ maxSnippet: 60 })));
    expect(excerpt.paragraphs).toEqual(['W1s1 w2s1 w3s1 w4s1 w5s1. W1s2 w2s2 w3s2 w4s2 w5s2.']);
    expect(countExcerptChars(excerpt.paragraphs)).toBeLessThanOrEqual(60);
  });

  it('cuts at a word with an ellipsis when no sentence fits in max-snippet, the ellipsis counted', () => {
    const excerpt = buildExcerpt(text, resolvePolicy(LICENSE, signals({ maxSnippet: 15 })));
    expect(excerpt.paragraphs).toEqual(['W1s1 w2s1 w3s1…']);
    expect(countExcerptChars(excerpt.paragraphs)).toBe(15);
    expect(buildExcerpt(text, resolvePolicy(LICENSE, signals({ maxSnippet: 4 }))).words).toBe(0);
  });

  it('counts max-snippet characters as code points, paragraph breaks as one', () => {
    expect(countExcerptChars(['Один.', 'Two…'])).toBe(10);
    expect(countExcerptChars(['🇰🇿 ok'])).toBe(5);
    const kazakh = 'Қазақстан жаңалықтары бүгін. Екінші сөйлем мұнда.\n\nҮшінші абзац.';
    const excerpt = buildExcerpt(kazakh, resolvePolicy({ ...LICENSE, maxShare: 1 }, signals({ maxSnippet: 50 })), 'kk');
    expect(excerpt.paragraphs).toEqual(['Қазақстан жаңалықтары бүгін. Екінші сөйлем мұнда.']);
  });

  it('re-cuts a stored excerpt to a stricter policy exactly as it would cut the body', () => {
    const stored = buildExcerpt(text, resolvePolicy(LICENSE));
    const stricter = resolvePolicy({ ...LICENSE, maxShare: 0.2 });
    const recut = buildExcerpt(stored.paragraphs.join('\n\n'), stricter, undefined, stored.articleWords);
    expect(recut).toEqual(buildExcerpt(text, stricter));
    expect(recut).toMatchObject({ words: 20, articleWords: 100, share: 0.2 });
  });

  it('keeps a stored excerpt that still fits, ellipsis and all', () => {
    const giant = `${Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')}.`;
    const stored = buildExcerpt(giant, resolvePolicy({ ...LICENSE, maxShare: 0.25 }));
    expect(stored.paragraphs[0]?.endsWith('…')).toBe(true);
    const again = buildExcerpt(
      stored.paragraphs.join('\n\n'),
      resolvePolicy({ ...LICENSE, maxShare: 0.25 }),
      undefined,
      40,
    );
    expect(again).toEqual(stored);
  });
});

describe('counting in every script Lede meets', () => {
  it.each([
    ['Japanese', '東京大学の学生が新しい研究を発表した。', 'ja'],
    ['Chinese', '中华人民共和国成立了。北京是首都。', 'zh'],
    ['Korean', '서울 시민들이 새 공원을 찾았다.', 'ko'],
  ])('%s: word segments count, punctuation does not', (_, text, locale) => {
    const words = countWords(text, locale);
    expect(words).toBeGreaterThan(1);
    expect(words).toBeLessThan(Array.from(text).length);
    expect(countWords(text.replace(/[。.]/gu, ' '), locale)).toBe(words);
  });

  it('cuts CJK text within the allowance, recounted on its own', () => {
    const text = '中华人民共和国成立了。北京是首都。上海是大城市。东京是日本的首都。';
    const excerpt = buildExcerpt(text, resolvePolicy({ ...LICENSE, maxShare: 0.5 }), 'zh');
    expect(excerpt.words).toBeLessThanOrEqual(Math.floor(0.5 * countWords(text, 'zh')));
    expect(countWords(excerpt.paragraphs.join('\n\n'), 'zh')).toBe(excerpt.words);
    expect(text.startsWith(excerpt.paragraphs.join(''))).toBe(true);
  });

  it('counts numbers and hyphenated compounds as the licence reader does, in Latin, Cyrillic and Kazakh', () => {
    expect(countWords('The 2024 budget, worth 1,200.5 billion, passed 52-48.', 'en')).toBe(8);
    expect(countWords('Алма-Ата и Усть-Каменогорск в 1997 году', 'ru')).toBe(6);
    expect(countWords('Өскемен-Семей жолы 2025 жылы ашылады', 'kk')).toBe(5);
  });
});

describe('licence fields in feed definitions', () => {
  const base = {
    title: 'Example',
    site: 'https://example.kz/',
    source: { type: 'feed', url: 'https://example.kz/rss' },
    license: { maxShare: 0.3, attribution: 'Example News' },
  };
  const parse = (license: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    parseFeedDefinition('x', { ...base, ...extra, license: { ...base.license, ...license } }, 'feeds/x.json');
  const problems = (license: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const result = parse(license, extra);
    return result.ok ? '' : result.problems.map(formatProblem).join('\n');
  };

  it('accepts every policy field and the kill switch', () => {
    const result = parse(
      {
        maxWords: 120,
        attributionText: 'Source: {attribution}',
        termsUrl: 'https://example.kz/terms',
        images: 'credited',
        delay: '2h',
        explicit: true,
      },
      { enabled: false },
    );
    expect(result.ok && result.definition).toMatchObject({
      enabled: false,
      license: {
        maxWords: 120,
        attributionText: 'Source: {attribution}',
        termsUrl: 'https://example.kz/terms',
        images: 'credited',
        delay: '2h',
        explicit: true,
      },
    });
  });

  it('leaves the optional fields out, so the safe defaults apply (no cap, credited images, no delay, not explicit)', () => {
    const result = parse({});
    expect(result.ok && result.definition.license).toEqual({ maxShare: 0.3, attribution: 'Example News' });
    expect(result.ok && resolvePolicy(result.definition.license)).toMatchObject({
      images: 'credited',
      titleOnly: false,
    });
  });

  it.each([
    [{ maxWords: -1 }, 'license.maxWords: must be 0 or more'],
    [{ maxWords: 10.5 }, 'license.maxWords: must be a whole number of words'],
    [{ attributionText: 'Read more' }, 'license.attributionText: must contain {attribution} exactly once'],
    [{ attributionText: '{attribution} {attribution}' }, 'license.attributionText'],
    [{ termsUrl: 'terms.html' }, 'license.termsUrl'],
    [{ images: 'sometimes' }, 'license.images: must be true, false or "credited"'],
    [{ delay: '2 hours' }, 'license.delay: must be a duration like "30m", "2h" or "1d"'],
    [{ explicit: 'yes' }, 'license.explicit'],
    [{ maxchars: 10 }, 'license.maxchars'],
  ])('refuses %j', (license, expected) => {
    expect(problems(license)).toContain(expected);
  });

  it('refuses a kill switch that is not a boolean', () => {
    expect(problems({}, { enabled: 'no' })).toContain('feeds/x.json: enabled');
  });

  it('reads embargo durations', () => {
    expect([parseDelay('30m'), parseDelay('2h'), parseDelay('1d'), parseDelay(undefined), parseDelay('0h')]).toEqual([
      1_800_000, 7_200_000, 86_400_000, 0, 0,
    ]);
  });
});
