/**
 * @module tests/conformance/feedparser-date-cases
 * Python feedparser's date cases (RFC 822, W3CDTF/ISO 8601, asctime), re-expressed as data rows (no code
 * copied): https://github.com/kurtmckee/feedparser, `tests/test_date_parsers.py` (at commit
 * a22c5521cbb109871f1a2318948581901bd47e26), Copyright (C) 2010-2025 Kurt McKee and Mark Pilgrim, BSD 2-Clause
 * licence. feedparser's expected values are UTC time tuples, here the ISO 8601 instant (to the second: its
 * tuples have no fractions); `undefined` where it reads no date. Its Greek, Hungarian, Korean (Nate, OnBlog)
 * and Perforce parsers are left out: Lede reads no dates in those forms, by design.
 *
 * Rows Lede deliberately reads otherwise carry `notFollowed` (why) and `lede` (what Lede reads instead).
 */

export interface DateCase {
  /** The feedparser function whose case this is. */
  readonly parser: 'rfc822' | 'w3dtf' | 'asctime' | 'iso8601';
  readonly input: string;
  readonly expected: string | undefined;
  readonly notFollowed?: string;
  readonly lede?: string | undefined;
}

const SINCE_1900 =
  'Lede reads no date before 1900: in a feed, year 100 is a typo, and a wrong date would reorder the feed';
const US_ZONE_WORDS =
  'AT/ET/CT/MT/PT are not RFC 822 zones, and as case-insensitive words ("at", "et") they are too common in the ' +
  "human datelines Lede also reads; the time is read in the feed's zone (UTC by default)";
const READ_WHAT_IS_THERE =
  'Lede keeps what it can read of a damaged date (the day without a broken time or offset; an ISO date inside ' +
  'longer text, as page datelines have it), so the item keeps its place in the feed';
const TWO_DIGIT_ISO =
  'two-digit-year ISO 8601 forms are not RFC 3339 and are ambiguous (03-12-31); no feed seen uses them';

const rfc822 = (input: string, expected: string | undefined): DateCase => ({ parser: 'rfc822', input, expected });
const w3dtf = (input: string, expected: string | undefined): DateCase => ({ parser: 'w3dtf', input, expected });

export const DATE_CASES: readonly DateCase[] = [
  rfc822('', undefined),
  rfc822('Thu, 30 Apr 2015 08:57:00 MET', '2015-04-30T07:57:00Z'),
  rfc822('Thu, 30 Apr 2015 08:57:00 MEST', '2015-04-30T06:57:00Z'),
  {
    ...rfc822('Thu, 01 Jan 0100 00:00:01 +0100', '0099-12-31T23:00:01Z'),
    notFollowed: SINCE_1900,
    lede: undefined,
  },
  rfc822('Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21Z'),
  rfc822('Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21Z'),
  rfc822('Thu, 5 Apr 2012 10:00:00 GMT', '2012-04-05T10:00:00Z'),
  rfc822('Wed, 19 Aug 2009 18:28:00 Etc/GMT', '2009-08-19T18:28:00Z'),
  rfc822('Wed, 19 Feb 2012 22:40:00 GMT-01:01', '2012-02-19T23:41:00Z'),
  rfc822('Wed, 19 Feb 2012 22:40:00 -01:01', '2012-02-19T23:41:00Z'),
  rfc822('Mon, 13 Feb, 2012 06:28:00 UTC', '2012-02-13T06:28:00Z'),
  rfc822('Thu, 01 Jan 2004 00:00 GMT', '2004-01-01T00:00:00Z'),
  rfc822('Thu, 01 Jan 2004', '2004-01-01T00:00:00Z'),
  ...(
    [
      ['AT', '2004-01-26T20:31:00Z'],
      ['ET', '2004-01-26T21:31:00Z'],
      ['CT', '2004-01-26T22:31:00Z'],
      ['MT', '2004-01-26T23:31:00Z'],
      ['PT', '2004-01-27T00:31:00Z'],
    ] as const
  ).map(([zone, expected]) => ({
    ...rfc822(`Mon, 26 January 2004 16:31:00 ${zone}`, expected),
    notFollowed: US_ZONE_WORDS,
    lede: '2004-01-26T16:31:00Z',
  })),
  rfc822('Thu Aug 30 2012 17:26:16 +0200', '2012-08-30T15:26:16Z'),
  rfc822('Fri,24 Nov 2023 18:28:36 -0000', '2023-11-24T18:28:36Z'),
  {
    ...rfc822('Sun, 16 Dec 2012 1:2:3:4 GMT', undefined),
    notFollowed: READ_WHAT_IS_THERE,
    lede: '2012-12-16T00:00:00Z',
  },
  rfc822('Sun, 16 zzz 2012 11:47:32 GMT', undefined),
  rfc822('Sun, Dec x 2012 11:47:32 GMT', undefined),
  rfc822('Sun, 16 Dec zz 11:47:32 GMT', undefined),
  {
    ...rfc822('Sun, 16 Dec 2012 11:47:32 +zz:00', undefined),
    notFollowed: READ_WHAT_IS_THERE,
    lede: '2012-12-16T11:47:32Z',
  },
  {
    ...rfc822('Sun, 16 Dec 2012 11:47:32 +00:zz', undefined),
    notFollowed: READ_WHAT_IS_THERE,
    lede: '2012-12-16T11:47:32Z',
  },
  rfc822('Sun, 99 Jun 2009 12:00:00 GMT', undefined),
  { parser: 'asctime', input: 'Sun Jan 4 16:29:06 2004', expected: '2004-01-04T16:29:06Z' },
  { parser: 'asctime', input: 'Sun Jul 15 01:16:00 +0000 2012', expected: '2012-07-15T01:16:00Z' },
  w3dtf('', undefined),
  w3dtf('2003-12-31T10:14:55Z', '2003-12-31T10:14:55Z'),
  w3dtf('2003-12-31T10:14:55-08:00', '2003-12-31T18:14:55Z'),
  w3dtf('2003-12-31T18:14:55+08:00', '2003-12-31T10:14:55Z'),
  w3dtf('2007-04-23T23:25:47.538+10:00', '2007-04-23T13:25:47Z'),
  w3dtf('2003-12-31', '2003-12-31T00:00:00Z'),
  w3dtf('2003-12', '2003-12-01T00:00:00Z'),
  w3dtf('2003', '2003-01-01T00:00:00Z'),
  w3dtf('2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55Z'),
  w3dtf('2003-02-28T18:14:55-08:00', '2003-03-01T02:14:55Z'),
  w3dtf('2000-02-28T18:14:55-08:00', '2000-02-29T02:14:55Z'),
  w3dtf('9999-12-31T23:59:59-99:99', undefined),
  w3dtf('2003-12-31T25:14:55Z', undefined),
  w3dtf('2003-12-31T10:61:55Z', undefined),
  w3dtf('2003-12-31T10:14:61Z', undefined),
  w3dtf('22013', undefined),
  w3dtf('013', undefined),
  { ...w3dtf('2013-01-27-01', undefined), notFollowed: READ_WHAT_IS_THERE, lede: '2013-01-27T00:00:00Z' },
  {
    ...w3dtf('2013-01-28T11:30:00-06:00Textra', undefined),
    notFollowed: READ_WHAT_IS_THERE,
    lede: '2013-01-28T17:30:00Z',
  },
  w3dtf('2013-xx-27', undefined),
  { ...w3dtf('2013-01-28T09:xx:00Z', undefined), notFollowed: READ_WHAT_IS_THERE, lede: '2013-01-28T00:00:00Z' },
  { ...w3dtf('2013-01-28T09:00:00+00:xx', undefined), notFollowed: READ_WHAT_IS_THERE, lede: '2013-01-28T09:00:00Z' },
  w3dtf('2004-07-08 23:56:58 -00:20', '2004-07-09T00:16:58Z'),
  w3dtf('2004-07-08 23:56:58', '2004-07-08T23:56:58Z'),
  w3dtf('2004-07-08 23:56:58.0', '2004-07-08T23:56:58Z'),
  ...(['-0312', '031231', '03-12-31', '-03-12', '03335'] as const).map((input) => ({
    parser: 'iso8601' as const,
    input,
    expected: input === '031231' || input === '03-12-31' ? '2003-12-31T00:00:00Z' : '2003-12-01T00:00:00Z',
    notFollowed: TWO_DIGIT_ISO,
    lede: undefined,
  })),
  { parser: 'iso8601', input: '2003-12-31T10:14:55.1234Z', expected: '2003-12-31T10:14:55Z' },
];
