/**
 * @module tests/core/extract/dateline
 * isDatelineParagraph skips parseDate for text without an ASCII digit; that is exact only while no date
 * parseDate reads can be written without one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/core/dates.ts';
import { isDatelineParagraph } from '../../../src/core/extract/boilerplate.ts';

const WORDS = [
  'March',
  'Jan',
  'Mon,',
  'GMT',
  'T',
  'Z',
  '+',
  '-',
  ':',
  '.',
  ',',
  'наурыз',
  'января',
  '٢٠٢٥',
  '２０２５',
];
const digitless = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(' ').replace(/[0-9]/g, ''));

describe('isDatelineParagraph', () => {
  it('no text without an ASCII digit is a date', () => {
    fc.assert(
      fc.property(digitless, fc.constantFrom(undefined, '+06:00', 'Asia/Almaty'), (text, zone) => {
        expect(parseDate(text, zone)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('still finds datelines', () => {
    expect(isDatelineParagraph('Astana, Kazakhstan • 23 January, 2023 | 10:11')).toBe(true);
    expect(isDatelineParagraph('March 9, 2017')).toBe(true);
    expect(isDatelineParagraph('On 5 March 2017 the senate voted.')).toBe(false);
    expect(isDatelineParagraph('Aigerim Sadykova')).toBe(false);
  });
});
