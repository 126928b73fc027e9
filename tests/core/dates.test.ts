/**
 * parseDate (core/dates): the date grammars feeds and pages use (RFC 822/1123, ISO 8601), read to an ISO instant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/dates.ts';
import { parseDateBefore } from '../helpers/dates-before.ts';

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

  it('reads every date as before it remembered zone formatters and counted days and wrote instants by arithmetic', () => {
    const digits = (max: number, width: number) =>
      fc.integer({ min: 0, max }).map((value) => String(value).padStart(width, '0'));
    const year = fc.oneof(digits(2300, 4), fc.constantFrom('1899', '1900', '2000', '2024', '2100', '2199', '2200'));
    const month = fc.oneof(digits(13, 2), fc.constantFrom('00', '02', '12', '13'));
    const day = fc.oneof(digits(32, 2), fc.constantFrom('00', '28', '29', '30', '31'));
    const clock = fc
      .tuple(digits(25, 2), digits(61, 2), fc.option(digits(61, 2)), fc.constantFrom('', ' am', ' PM', 'p.m.'))
      .map(([h, m, sec, meridiem]) => `${h}:${m}${sec === null ? '' : `:${sec}`}${meridiem}`);
    const zone = fc.constantFrom(
      '',
      'Z',
      'z',
      '+05:00',
      '-0300',
      '+6',
      ' GMT',
      ' EST',
      ' CEST',
      ' UTC+5',
      '+15:00',
      ' XYZ',
    );
    const monthName = fc.constantFrom('Jan', 'february', 'Sept.', 'мая', 'января', 'қаңтар', 'Foo');
    const space = fc.constantFrom(' ', '  ', '\u00a0', '\t', '\n', '\u2003', '');
    const text = fc.oneof(
      fc
        .tuple(year, month, day, fc.constantFrom('T', ' ', ''), clock, zone)
        .map(([y, m, d, t, c, z]) => `${y}-${m}-${d}${t === '' ? '' : `${t}${c}${z}`}`),
      fc.tuple(day, space, monthName, space, year, space, clock, zone).map((parts) => parts.join('')),
      fc
        .tuple(monthName, space, day, fc.constantFrom(', ', ' '), year, fc.constantFrom(' at ', ' | ', ''), clock, zone)
        .map((parts) => parts.join('')),
      fc.tuple(day, month, year, space, clock, zone).map(([d, m, y, s, c, z]) => `${d}.${m}.${y}${s}${c}${z}`),
      fc
        .tuple(fc.constantFrom('Sun ', 'Dateline: '), monthName, day, clock, zone, year)
        .map(([w, m, d, c, z, y]) => `${w}${m} ${d} ${c}${z} ${y}`),
      fc.string({ maxLength: 40 }),
    );
    const timezone = fc.constantFrom(
      undefined,
      '',
      ' ',
      '+05:00',
      'utc',
      'EST',
      'Asia/Almaty',
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Pacific/Kiritimati',
      'Etc/GMT+12',
      'Not/AZone',
    );
    fc.assert(
      fc.property(text, timezone, (input, zoneName) => {
        expect(parseDate(input, zoneName)).toBe(parseDateBefore(input, zoneName));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a time zone named like an Object.prototype member as an unknown zone (UTC), not as a number', () => {
    for (const zone of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(parseDate('2024-03-05 10:00', zone)).toBe('2024-03-05T10:00:00.000Z');
  });
});
