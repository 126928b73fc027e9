/**
 * normalizeLanguage, remembered by the value as written, against the rule it remembers (kept verbatim in
 * tests/helpers/render-reference/language.ts): the same tag or undefined for any value, asked once or again,
 * and past the memo's bound (which it empties and fills again).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLanguage } from '../../src/core/language.ts';
import { normalizeLanguage as normalizeLanguageBefore } from '../helpers/render-reference/language.ts';

const tag = fc.oneof(
  fc.constantFrom(
    'en',
    'EN_us',
    'kk-KZ',
    'zh-hant-tw',
    'iw',
    'art-lojban',
    'de-DE-u-co-phonebk',
    'English',
    '',
    ' en ',
  ),
  fc.stringMatching(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8}){0,3}$/),
  fc.string({ maxLength: 12 }),
);

describe('normalizeLanguage', () => {
  it('canonicalises as before, for any value, asked any number of times', () => {
    fc.assert(
      fc.property(fc.array(tag, { minLength: 1, maxLength: 600 }), (tags) => {
        for (const value of [...tags, ...tags]) expect(normalizeLanguage(value)).toBe(normalizeLanguageBefore(value));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the examples and leaves non-tags out', () => {
    expect(normalizeLanguage('en_us')).toBe('en-US');
    expect(normalizeLanguage('KK')).toBe('kk');
    expect(normalizeLanguage('English')).toBeUndefined();
    expect(normalizeLanguage(undefined)).toBeUndefined();
    expect(normalizeLanguage('en_us')).toBe('en-US');
  });
});
