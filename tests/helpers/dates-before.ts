/**
 * @module tests/helpers/dates-before
 * src/core/dates.ts as it was before session 22 built each IANA zone's offset formatter once, parsed a date's own
 * offset once, and checked the day of the month and wrote the ISO instant by arithmetic instead of with a `Date`,
 * kept verbatim (the entry renamed `parseDateBefore`, `EPOCH` left out) as the reference tests/core/dates.test.ts
 * compares `parseDate` with. Remove this file, and that comparison, once the change has shipped through a release
 * with the output hashes unchanged (tests/core/extract/golden/output-hashes.json), or when the date grammar
 * changes on purpose.
 */
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
const DOTTED_PATTERN = new RegExp(
  String.raw`(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)(?:${GAP}${TIME})?${ZONE}`,
  'iu',
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

/** Minutes east of UTC for `+05:00`, `-0300`, `+6`, `GMT+5`, `UTC`, `Z`, `EST`; undefined otherwise. */
function parseFixedOffset(zone: string): number | undefined {
  const named = ZONE_NAMES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const match = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone.trim());
  if (!match) return undefined;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return minutes > 14 * 60 ? undefined : match[1] === '-' ? -minutes : minutes;
}

/** Offset of an IANA zone at a UTC instant, via Intl (ECMA-402 `timeZoneName: 'longOffset'`). */
function readZoneOffset(timeZone: string, instant: number): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(instant);
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    return name === 'GMT' ? 0 : parseFixedOffset(name);
  } catch {
    return undefined;
  }
}

/** The UTC instant of a wall-clock time in `timezone` (fixed offset or IANA name; UTC if unknown). */
function toInstant(wall: WallTime, zone: string | undefined, fallbackZone: string | undefined): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const chosen = zone ?? fallbackZone;
  if (chosen === undefined || chosen.trim() === '') return asUtc;
  const fixed = parseFixedOffset(chosen);
  if (fixed !== undefined) return asUtc - fixed * 60_000;
  // IANA zone: guess with the offset at the wall time read as UTC, then correct once across a transition.
  const first = readZoneOffset(chosen, asUtc) ?? 0;
  const second = readZoneOffset(chosen, asUtc - first * 60_000) ?? first;
  return asUtc - second * 60_000;
}

function isValidWallTime(wall: WallTime): boolean {
  // A second of 60 is a leap second (RFC 3339 §5.7), kept as :59; 61 is no time at all.
  if (wall.year < 1900 || wall.year > 2199 || wall.hour > 23 || wall.minute > 59 || wall.second > 60) return false;
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return check.getUTCMonth() === wall.month - 1 && check.getUTCDate() === wall.day;
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
  const instant = { ...wall, second: Math.min(wall.second, 59) };
  if (parts.zone !== undefined && parseFixedOffset(parts.zone) === undefined) return undefined;
  return new Date(toInstant(instant, parts.zone, timezone)).toISOString();
}

const monthOf = (name: string | undefined): number | undefined => (name ? MONTHS[name.toLowerCase()] : undefined);

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
    pattern: DOTTED_PATTERN,
    read: (m) => ({ day: m[1] ?? '', month: Number(m[2]), year: m[3] ?? '', time: m.slice(4, 8), zone: m[8] }),
  },
];

/**
 * Normalise a date string to an ISO 8601 instant, or undefined when no date can be read from it.
 *
 * @example
 *   parseDate('Astana, Kazakhstan • 23 January, 2023 | 10:11', '+06:00'); // '2023-01-23T04:11:00.000Z'
 *   parseDate('Mon, 23 Jan 2023 10:11:00 GMT'); // '2023-01-23T10:11:00.000Z'
 */
export function parseDateBefore(text: string | undefined, timezone?: string): string | undefined {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  if (!trimmed || trimmed.length > 300) return undefined;
  const iso = parseIso(trimmed, timezone);
  if (iso) return iso;
  for (const { pattern, read } of TEXT_PATTERNS) {
    const match = pattern.exec(trimmed);
    const instant = match ? buildInstant(read(match), timezone) : undefined;
    if (instant) return instant;
  }
  const embedded = ISO_IN_TEXT_PATTERN.exec(trimmed)?.[1];
  return embedded ? parseIso(embedded, timezone) : undefined;
}
