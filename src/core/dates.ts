/**
 * @module core/dates
 * Normalise the dates pages, feeds and sitemaps print to ISO 8601 instants (`Date#toISOString()`). Understood:
 *  - ISO 8601 / RFC 3339 (`2023-01-23T10:11:00+06:00`, `2017-11-03 03:01:00.000000`, `2024-06-25`);
 *  - RFC 822/2822 as RSS uses it (`Mon, 23 Jan 2023 10:11:00 +0600`, `… GMT`, `… EST`);
 *  - human datelines: `Astana, Kazakhstan • 23 January, 2023 | 10:11`, `January 23, 2023 at 3:46 PM`,
 *    `23 января 2023 г., 10:11` (Russian genitive), `23 қаңтар 2023` (Kazakh), `23.01.2023 10:11`.
 * A date without an offset is read in `timezone` (`+05:00`, `-0300`, `UTC`, or an IANA name such as
 * `Asia/Almaty`), UTC by default. `Date.parse` is never used: its fallbacks depend on the host's time zone.
 */
import { rememberBounded } from './remember.ts';

/**
 * The Unix epoch as an ISO 8601 instant: Lede's one "no date at all" — an empty feed's `updated`, and the
 * renderers' last-resort date. A fixed instant, never "now", so the same input always renders the same bytes.
 */
export const EPOCH = '1970-01-01T00:00:00.000Z';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
  // Russian, genitive ("23 января") and nominative.
  января: 1,
  февраля: 2,
  марта: 3,
  апреля: 4,
  мая: 5,
  июня: 6,
  июля: 7,
  августа: 8,
  сентября: 9,
  октября: 10,
  ноября: 11,
  декабря: 12,
  январь: 1,
  февраль: 2,
  март: 3,
  апрель: 4,
  май: 5,
  июнь: 6,
  июль: 7,
  август: 8,
  сентябрь: 9,
  октябрь: 10,
  ноябрь: 11,
  декабрь: 12,
  // Kazakh.
  қаңтар: 1,
  ақпан: 2,
  наурыз: 3,
  сәуір: 4,
  мамыр: 5,
  маусым: 6,
  шілде: 7,
  тамыз: 8,
  қыркүйек: 9,
  қазан: 10,
  қараша: 11,
  желтоқсан: 12,
};

/** Zone names (offsets in minutes): the North American ones RFC 822 §5.1 allows, and Central European ones. */
const ZONE_NAMES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  // Central European names feeds print (Python feedparser reads them too): MET/CET +1, MEST/CEST +2.
  met: 60,
  cet: 60,
  mest: 120,
  cest: 120,
};

const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const TIME = String.raw`(?:(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)`;
const ZONE = String.raw`(?:\s*((?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|Z|UTC|GMT|UT|[ECMP][SD]T|MES?T|CES?T)(?![\p{L}\d]))?`;
/** Between a date and its time: spaces, commas, bars, bullets, dashes, "at", "в", "г.". */
const GAP = String.raw`(?:\s*(?:г\.|года|ж\.|жылы)?[\s,|•·@–—-]*(?:at|в|,)?\s*)`;

// W3CDTF (https://www.w3.org/TR/NOTE-datetime): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then a time with an offset;
// an offset belongs to a time, so `2013-01-27-01` is no date with a zone.
const ISO_PATTERN = new RegExp(
  String.raw`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T\s]+(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$`,
  'i',
);
const RFC_822_PATTERN = new RegExp(String.raw`(\d{1,2})\s+${MONTH}\s+(\d{2,4})\s+${TIME}${ZONE}`, 'iu');
const DAY_MONTH_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s+(\d{4})(?!\d)(?:${GAP}${TIME})?${ZONE}`,
  'iu',
);
const MONTH_DAY_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d])${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)(?:${GAP}${TIME})?${ZONE}`,
  'iu',
);
/** asctime (`Sun Jan 4 16:29:06 2004`, RFC 9110 §5.6.7), and with an offset before the year as some APIs print it. */
const ASCTIME_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d])${MONTH}\s+(\d{1,2})\s+${TIME}${ZONE}\s+(\d{4})(?!\d)`,
  'iu',
);
/**
 * Day, month and year in digits, between dots or hyphens (the same one twice): `23.01.2023`, `12-03-2026` —
 * day first, as wherever these are written (Russian, Kazakh, German, DataLife Engine's `d-m-Y`). Slashes stay
 * unread: `03/12/2026` is month first in the United States.
 */
const DOTTED_PATTERN = new RegExp(
  String.raw`(?<!\d)(\d{1,2})([.-])(\d{1,2})\2(\d{4})(?!\d)(?:${GAP}${TIME})?${ZONE}`,
  'iu',
);
/**
 * Year first, in digits, between dots or slashes (the same one twice): `2026.03.12 14:20` (Korea), `2026/03/12`
 * (Japan, China, Taiwan) — unambiguous, unlike day- or month-first slashes.
 */
const YEAR_FIRST_PATTERN = new RegExp(
  String.raw`(?<!\d)(\d{4})([./])(\d{1,2})\2(\d{1,2})(?!\d)\.?(?:${GAP}${TIME})?${ZONE}`,
  'iu',
);
/**
 * Chinese, Japanese and Korean: `2026年3月12日 14時20分`, `2026年03月12日 14:20`, `2026년 3월 12일 14:20`, a
 * weekday in brackets allowed between date and time (`（木）`, `(목)`).
 */
const CJK_PATTERN = new RegExp(
  String.raw`(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일](?:\s*[（(][^）)]{1,3}[）)])?(?:\s*(\d{1,2})\s*[:時时시]\s*(\d{1,2})\s*[分분]?)?`,
  'u',
);
const ISO_IN_TEXT_PATTERN = /(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)/i;

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * `table[key]` among the table's own entries: a zone or month name such as `constructor` or `toString` must
 * not find `Object.prototype`'s members (a function where a number is expected made the instant NaN).
 */
function lookUpName(table: Readonly<Record<string, number>>, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Minutes east of UTC for `+05:00`, `-0300`, `+6`, `GMT+5`, `UTC`, `Z`, `EST`; undefined otherwise. */
function parseFixedOffset(zone: string): number | undefined {
  const named = lookUpName(ZONE_NAMES, zone.toLowerCase());
  if (named !== undefined) return named;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone.trim());
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return minutes > 14 * 60 ? undefined : match[1] === '-' ? -minutes : minutes;
}

/** Time zone names a page asks about: a feed's one, a few at most per process. */
const REMEMBERED_ZONES = 64;

/**
 * A formatter that names `timeZone`'s offset (ECMA-402 `timeZoneName: 'longOffset'`), or null for a name Intl
 * does not know. Building one costs far more than formatting with it, and every date a feed prints without an
 * offset asks twice: it is built once per zone name.
 */
const readOffsetFormat = rememberBounded((timeZone: string): Intl.DateTimeFormat | null => {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    return null;
  }
}, REMEMBERED_ZONES);

/** Offset of an IANA zone at a UTC instant, via Intl (ECMA-402 `timeZoneName: 'longOffset'`). */
function readZoneOffset(timeZone: string, instant: number): number | undefined {
  const format = readOffsetFormat(timeZone);
  if (format === null) return undefined;
  try {
    const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
    return name === 'GMT' ? 0 : parseFixedOffset(name);
  } catch {
    return undefined;
  }
}

/**
 * The UTC instant of a wall-clock time with `offset` (minutes east of UTC) when the date states one, else in
 * `timezone` (fixed offset or IANA name; UTC if unknown).
 */
function toInstant(wall: WallTime, offset: number | undefined, timezone: string | undefined): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (offset !== undefined) return asUtc - offset * 60_000;
  if (timezone === undefined || timezone.trim() === '') return asUtc;
  const fixed = parseFixedOffset(timezone);
  if (fixed !== undefined) return asUtc - fixed * 60_000;
  // IANA zone: guess with the offset at the wall time read as UTC, then correct once across a transition.
  const first = readZoneOffset(timezone, asUtc) ?? 0;
  const second = readZoneOffset(timezone, asUtc - first * 60_000) ?? first;
  return asUtc - second * 60_000;
}

/** Days in a month of the Gregorian calendar (`month` 1–12). */
function countDays(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidWallTime(wall: WallTime): boolean {
  // A second of 60 is a leap second (RFC 3339 §5.7), kept as :59; 61 is no time at all.
  if (wall.year < 1900 || wall.year > 2199 || wall.hour > 23 || wall.minute > 59 || wall.second > 60) return false;
  return wall.month >= 1 && wall.month <= 12 && wall.day >= 1 && wall.day <= countDays(wall.year, wall.month);
}

/** 12-hour clock to 24-hour (`12 am` is midnight). */
function toHour24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const base = hour % 12;
  return meridiem.toLowerCase() === 'p' ? base + 12 : base;
}

function toYear(text: string): number {
  const year = Number(text);
  // RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx.
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  return year;
}

interface DateParts {
  readonly year: string;
  readonly month: number | undefined;
  readonly day: string;
  readonly time: readonly (string | undefined)[];
  readonly zone: string | undefined;
}

const DAY_MS = 86_400_000;

const pad2 = (value: number): string => (value < 10 ? `0${value}` : `${value}`);

/**
 * `new Date(ms).toISOString()`, by arithmetic for the years 1000–9999 (every date read here falls in 1899–2200;
 * others, and what is no time at all, go to the builtin): the builtin, a call into the runtime, cost more than
 * the rest of a date's reading. Days become a civil date as in H. Hinnant's `civil_from_days`, on the proleptic
 * Gregorian calendar ECMAScript's time values use (ECMA-262 §21.4.1).
 */
function formatInstant(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const time = ms - days * DAY_MS;
  // Days since 0000-03-01, in 400-year eras of 146,097 days; a year counted from March puts the leap day last.
  const sinceMarch = days + 719_468;
  const era = Math.floor(sinceMarch / 146_097);
  const dayOfEra = sinceMarch - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 1000 && year <= 9999)) return new Date(ms).toISOString();
  const clock = `${pad2(Math.floor(time / 3_600_000))}:${pad2(Math.floor(time / 60_000) % 60)}:${pad2(Math.floor(time / 1000) % 60)}`;
  const millis = time % 1000;
  return `${year}-${pad2(month)}-${pad2(day)}T${clock}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function buildInstant(parts: DateParts, timezone: string | undefined): string | undefined {
  const [hour, minute, second, meridiem] = parts.time;
  if (parts.month === undefined) return undefined;
  const wall: WallTime = {
    year: toYear(parts.year),
    month: parts.month,
    day: Number(parts.day),
    hour: toHour24(Number(hour ?? 0), meridiem),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
  };
  if (!isValidWallTime(wall) || (meridiem && Number(hour) > 12)) return undefined;
  const offset = parts.zone === undefined ? undefined : parseFixedOffset(parts.zone);
  if (parts.zone !== undefined && offset === undefined) return undefined;
  const instant = wall.second === 60 ? { ...wall, second: 59 } : wall;
  return formatInstant(toInstant(instant, offset, timezone));
}

const monthOf = (name: string | undefined): number | undefined =>
  name ? lookUpName(MONTHS, name.toLowerCase()) : undefined;

function parseIso(text: string, timezone: string | undefined): string | undefined {
  const m = ISO_PATTERN.exec(text);
  if (!m) return undefined;
  const parts = { year: m[1] ?? '', month: Number(m[2] ?? 1), day: m[3] ?? '1', time: [m[4], m[5], m[6]], zone: m[8] };
  const instant = buildInstant(parts, timezone);
  // Fractions of a second are kept to the millisecond, as Date can hold them.
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return instant && millis ? new Date(Date.parse(instant) + millis).toISOString() : instant;
}

/** Each human pattern with how to read its groups: [day, month, year, hour, minute, second, meridiem, zone]. */
const TEXT_PATTERNS: readonly { readonly pattern: RegExp; readonly read: (m: RegExpExecArray) => DateParts }[] = [
  {
    pattern: RFC_822_PATTERN,
    read: (m) => ({ day: m[1] ?? '', month: monthOf(m[2]), year: m[3] ?? '', time: m.slice(4, 8), zone: m[8] }),
  },
  {
    pattern: DAY_MONTH_PATTERN,
    read: (m) => ({ day: m[1] ?? '', month: monthOf(m[2]), year: m[3] ?? '', time: m.slice(4, 8), zone: m[8] }),
  },
  {
    pattern: MONTH_DAY_PATTERN,
    read: (m) => ({ month: monthOf(m[1]), day: m[2] ?? '', year: m[3] ?? '', time: m.slice(4, 8), zone: m[8] }),
  },
  {
    pattern: ASCTIME_PATTERN,
    read: (m) => ({ month: monthOf(m[1]), day: m[2] ?? '', time: m.slice(3, 7), zone: m[7], year: m[8] ?? '' }),
  },
  {
    pattern: YEAR_FIRST_PATTERN,
    read: (m) => ({ year: m[1] ?? '', month: Number(m[3]), day: m[4] ?? '', time: m.slice(5, 9), zone: m[9] }),
  },
  {
    pattern: CJK_PATTERN,
    read: (m) => ({ year: m[1] ?? '', month: Number(m[2]), day: m[3] ?? '', time: [m[4], m[5]], zone: undefined }),
  },
  {
    pattern: DOTTED_PATTERN,
    read: (m) => ({ day: m[1] ?? '', month: Number(m[3]), year: m[4] ?? '', time: m.slice(5, 9), zone: m[9] }),
  },
];

/** A time printed right before its date, as Uzbek, Russian and Kazakh sites do: `14:20 / 12.03.2026`, `09:00, 12 марта`. */
const TIME_BEFORE = /(?<!\d)(\d{1,2}):(\d{2})\s*[/|,•·–—-]?\s*$/;

/** `parts` with the time printed before the date (`before`: the text up to it), when the date came without one. */
function withTimeBefore(parts: DateParts, before: string): DateParts {
  if (parts.time[0] !== undefined) return parts;
  const time = TIME_BEFORE.exec(before);
  return time ? { ...parts, time: [time[1], time[2]] } : parts;
}

/**
 * Normalise a date string to an ISO 8601 instant, or undefined when no date can be read from it.
 *
 * @example
 *   parseDate('Astana, Kazakhstan • 23 January, 2023 | 10:11', '+06:00'); // '2023-01-23T04:11:00.000Z'
 *   parseDate('Mon, 23 Jan 2023 10:11:00 GMT'); // '2023-01-23T10:11:00.000Z'
 */
export function parseDate(text: string | undefined, timezone?: string): string | undefined {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  if (!trimmed || trimmed.length > 300) return undefined;
  const iso = parseIso(trimmed, timezone);
  if (iso) return iso;
  for (const { pattern, read } of TEXT_PATTERNS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const parts = read(match);
    // A time before the date that is no time ("99:99") leaves the date as it reads alone.
    const instant =
      buildInstant(withTimeBefore(parts, trimmed.slice(0, match.index)), timezone) ?? buildInstant(parts, timezone);
    if (instant) return instant;
  }
  const embedded = ISO_IN_TEXT_PATTERN.exec(trimmed)?.[1];
  return embedded ? parseIso(embedded, timezone) : undefined;
}
