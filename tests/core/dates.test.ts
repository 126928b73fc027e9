/**
 * parseDate (core/dates): the date grammars feeds and pages use (RFC 822/1123, ISO 8601), read to an ISO instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/dates.ts';

describe('parseDate', () => {
  it.each([
    ['Wed, 12 Mar 2025 09:40:00 +0500', '2025-03-12T04:40:00.000Z'],
    ['Tue, 11 Mar 2025 11:05:00 GMT', '2025-03-11T11:05:00.000Z'],
    ['11 Mar 2025 11:05 EST', '2025-03-11T16:05:00.000Z'],
    ['Mon, 23 Jan 23 10:11:00 +0600', '2023-01-23T04:11:00.000Z'],
    ['Thu, 5 November 2009 03:45:00 -0000', '2009-11-05T03:45:00.000Z'],
    ['2023-01-23T10:11:00+06:00', '2023-01-23T04:11:00.000Z'],
    ['2025-03-12T09:40:00.250Z', '2025-03-12T09:40:00.250Z'],
    ['2025-03-12T09:40:00+0500', '2025-03-12T04:40:00.000Z'],
    ['2025-03-12 09:40:00', '2025-03-12T09:40:00.000Z'],
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['  2024-06-01T10:00Z ', '2024-06-01T10:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([undefined, '', 'yesterday', '2025-13-01', '32 Jan 2025 10:00:00 GMT', 'Wed, 12 Foo 2025 09:40:00 GMT'])(
    'gives undefined for %j',
    (input) => {
      expect(parseDate(input)).toBeUndefined();
    },
  );

  it('reads back any instant it could have written, in both grammars', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01Z'), max: new Date('2099-12-31Z'), noInvalidDate: true }),
        (date) => {
          const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
          expect(parseDate(seconds.toISOString())).toBe(seconds.toISOString());
          expect(parseDate(seconds.toUTCString())).toBe(seconds.toISOString());
        },
      ),
    );
  });
});
