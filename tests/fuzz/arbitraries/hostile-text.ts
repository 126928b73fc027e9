/**
 * @module tests/fuzz/arbitraries/hostile-text
 * The values a hostile or broken publisher puts where text belongs: entity and character references (valid,
 * unknown, unterminated, of forbidden code points), CDATA terminators, markup fragments, control characters
 * and NULs, lone surrogates, bidi controls, combining marks, non-characters, scripts Lede meets, very long
 * words. Every generator is bounded in size, so a run in CI stays short.
 */
import fc from 'fast-check';

/** Fragments chosen for what they break: escaping, parsing, counting, rendering. */
const NASTY = [
  '&',
  '&amp;',
  '&amp;amp;',
  '&lt;b&gt;',
  '&nbsp;',
  '&mdash;',
  '&#0;',
  '&#1;',
  '&#x0;',
  '&#xD800;',
  '&#x110000;',
  '&#99999999999;',
  '&#65',
  '&bogus;',
  '&copy',
  '&#x1F600;',
  ']]>',
  ']]]]><![CDATA[>',
  '<![CDATA[',
  '<!--',
  '-->',
  '<',
  '>',
  '</',
  '<b>',
  '</b>',
  '<br/>',
  '<p>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"',
  "'",
  '`',
  '\\',
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffe',
  '\uffff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u061c',
  '\u200f',
  'e\u0301\u0301\u0301',
  'ﬁ',
  'Ａ',
  'İ',
  'ß',
  'ǅ',
  '🇰🇿',
  '👨‍👩‍👧',
  '𝔘𝔫𝔦',
  'Қазақстан',
  'Привет',
  'مرحبا',
  'שלום',
  '中文',
  '\r\n',
  '\r',
  '\t',
  '   ',
  '%00',
  '%2e%2e%2f',
  '../',
  'javascript:alert(1)',
  'data:text/html,<b>',
  '{attribution}',
  '$&',
  "$'",
  '__proto__',
  'constructor',
];

const plainWord = fc.stringMatching(/^[A-Za-zА-Яа-яәғқңөұүһі0-9]{1,12}$/);

/** One hostile fragment: a nasty constant, an ordinary word, or any code unit. */
export const hostileFragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 4, arbitrary: plainWord },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n', '. ', ', ') },
);

/** Hostile text of up to `maxFragments` fragments (joined with nothing, so fragments also collide). */
export function hostileText(maxFragments = 12): fc.Arbitrary<string> {
  return fc.array(hostileFragment, { maxLength: maxFragments }).map((parts) => parts.join(''));
}

/** Hostile text that is never empty. */
export const someHostileText = fc
  .array(hostileFragment, { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));

/** A long run of one character or fragment: a word of thousands of letters, a megabyte-shaped line in small. */
export const longRun: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', '&amp;', '<b>', ' ', 'Қ', '🇰🇿', ']]>', '\u0000'), fc.integer({ min: 100, max: 3000 }))
  .map(([unit, count]) => unit.repeat(count));

/** Text as a hostile publisher writes it: mostly hostile fragments, sometimes a long run. */
export const publisherText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: hostileText() },
  { weight: 1, arbitrary: longRun },
);

/** A URL as found in a source: absolute, relative, protocol-relative, hostile, or not a URL at all. */
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    '/news/1',
    'news/2?utm_source=rss#top',
    '//cdn.example.org/a.jpg',
    'https://news.example/a/%E2%80%AE?q="><script>',
    'https://news.example/a b/ü?x=]]>&y=<',
    'https://xn--80ak6aa92e.com/',
    'https://[::1]:8080/a',
    'http://user:pass@news.example/a',
    'https://news.example/' + 'a'.repeat(3000),
    'javascript:alert(1)',
    'data:text/html;base64,PGI+',
    'mailto:a@b.c',
    'ftp://news.example/a',
    'https://',
    'http://%zz',
    '',
    ' ',
    '\u0000https://news.example/',
    'https://news.example/\u0000',
    'https://news.example/a\u202e/b',
  ),
  hostileText(4).map((tail) => `https://news.example/${tail}`),
);

/** A date as publishers print it, from valid through plausible to absurd. */
const plausibleDate = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });

export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  plausibleDate.map((date) => date.toISOString()),
  plausibleDate.map((date) => date.toUTCString()),
  fc
    .tuple(plausibleDate, fc.constantFrom('+0600', '-0330', 'EST', 'PDT', 'GMT', 'Z', '+99', ''))
    .map(([date, zone]) => date.toUTCString().replace('GMT', zone)),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toISOString()),
  fc
    .tuple(
      fc.integer({ min: -1, max: 99999 }),
      fc.integer({ min: -1, max: 14 }),
      fc.integer({ min: -1, max: 33 }),
      fc.integer({ min: -1, max: 25 }),
      fc.integer({ min: -1, max: 61 }),
      fc.constantFrom('Z', '+06:00', '-14:00', '+99:99', '', ' GMT', ' EST', ' +0600', '+24:00', 'z'),
    )
    .map(
      ([y, mo, d, h, mi, zone]) =>
        `${String(y)}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00${zone}`,
    ),
  fc
    .tuple(
      fc.constantFrom('Mon', 'Tue', 'Xyz', ''),
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom('Jan', 'Feb', 'Sept', 'января', 'қаңтар', 'Foo', 'December'),
      fc.integer({ min: 0, max: 100000 }),
      fc.constantFrom('10:11:00', '25:61:61', '3:46 PM', '99:99', ''),
      fc.constantFrom('GMT', 'UTC', '+0600', '-9999', 'EST', 'PDT', 'XYZ', ''),
    )
    .map(([day, date, month, year, time, zone]) => `${day}, ${String(date)} ${month} ${String(year)} ${time} ${zone}`),
  fc.constantFrom(
    '0000-00-00',
    '0000-00-00 00:00:00',
    '9999-12-31T23:59:59.999Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00Z',
    '2023-02-29',
    '2024-02-30T10:00:00Z',
    '1e309',
    'NaN',
    'Infinity',
    '23 января 2023 г., 10:11',
    '31.02.2023 10:11',
    'Astana, Kazakhstan • 23 January, 2023 | 10:11',
    'January 23, 2023 at 3:46 PM',
  ),
  hostileText(6),
);

/** A time zone as a definition or page may name it, hostile ones included. */
export const hostileTimezone: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  'UTC',
  '+05:00',
  '-0300',
  'Asia/Almaty',
  'America/St_Johns',
  'Etc/GMT+14',
  'Not/AZone',
  '+99:99',
  '',
  '\u0000',
);

/** Every WHATWG encoding by one of its labels, some aliases, and labels no decoder knows. */
export const CHARSET_LABELS = [
  'utf-8',
  'UTF8',
  'unicode-1-1-utf-8',
  'ibm866',
  'iso-8859-2',
  'iso-8859-3',
  'iso-8859-4',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-8-i',
  'iso-8859-10',
  'iso-8859-13',
  'iso-8859-14',
  'iso-8859-15',
  'iso-8859-16',
  'koi8-r',
  'koi8-u',
  'macintosh',
  'windows-874',
  'windows-1250',
  'windows-1251',
  'cp1251',
  'windows-1252',
  'latin1',
  'ascii',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'x-mac-cyrillic',
  'gbk',
  'gb18030',
  'big5',
  'euc-jp',
  'iso-2022-jp',
  'shift_jis',
  'euc-kr',
  'iso-2022-kr',
  'hz-gb-2312',
  'utf-16',
  'utf-16be',
  'utf-16le',
  'x-user-defined',
  'utf-7',
  'utf-32',
  'x-bogus',
  'ebcdic-cp-us',
  '',
  ' windows-1251 ',
  '"koi8-r"',
  'windows-1251\u0000',
];
