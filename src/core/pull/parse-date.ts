/**
 * @module core/pull/parse-date
 * Dates as feeds and sitemaps write them → ISO 8601 instants. Two grammars cover nearly all of them:
 * RFC 822/2822 (RSS 2.0 `pubDate`, e.g. `Wed, 12 Mar 2025 09:40:00 +0500`) and ISO 8601 / RFC 3339
 * (Atom, Dublin Core, sitemaps, e.g. `2025-03-12T09:40:00+05:00`, `2025-03-12`).
 *
 * `Date.parse` is not used on free text: for a string without a zone it assumes the *runtime's* local
 * time, which would make the core's output depend on the machine. A date without a zone is read as UTC.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 822 §5.1 zone names (and RFC 2822's obsolete ones), as minutes east of UTC. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const RFC822 =
  /^(?:[a-z]{3,9},?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,5})?/i;

/** Minutes east of UTC for `+05:00`, `+0500`, `+05`, `Z`, `GMT`…; 0 when absent or unknown. */
function readZoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()] ?? 0;
}

/** Build the instant from wall-clock fields plus a zone offset; undefined when a field is out of range. */
function toInstant(fields: number[], offsetMinutes: number): string | undefined {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  const date = new Date(time);
  return Number.isNaN(time) || date.getUTCFullYear() < 1970 ? undefined : date.toISOString();
}

function parseIso(text: string): string | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const fields = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => Number(part ?? 0));
  return toInstant([...fields, ms], readZoneOffset(m[8]));
}

function parseRfc822(text: string): string | undefined {
  const m = RFC822.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
  let year = Number(m[3]);
  // RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx.
  if (year < 100) year += year < 50 ? 2000 : 1900;
  const fields = [year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  return toInstant(fields, readZoneOffset(m[7]));
}

/**
 * Parse a feed or sitemap date into an ISO 8601 instant (`…Z`), or undefined when unreadable.
 *
 * @example
 * parseDate('Wed, 12 Mar 2025 09:40:00 +0500'); // '2025-03-12T04:40:00.000Z'
 * parseDate('2023-01-23T10:11:00+06:00');       // '2023-01-23T04:11:00.000Z'
 * parseDate('2024-06-01');                       // '2024-06-01T00:00:00.000Z'
 */
export function parseDate(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  return parseIso(text) ?? parseRfc822(text);
}
