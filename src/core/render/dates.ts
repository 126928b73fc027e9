/**
 * @module core/render/dates
 * Date formats the feed specs require, from the ISO 8601 instants Lede stores. Pure: a date that will
 * not parse falls back to a caller-given instant, never to "now" (which would change the bytes, and
 * so the ETag, on every render).
 */
import { EPOCH } from '../dates.ts';
import { rememberBounded } from '../remember.ts';

/**
 * The first of `candidates` that parses to a date in years 0000–9999 (the range both RFC 822's
 * 4-digit year and RFC 3339's `date-fullyear` can write), else the epoch.
 */
export function pickDate(...candidates: readonly (string | undefined)[]): Date {
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const date = new Date(candidate);
    const year = date.getUTCFullYear();
    if (!Number.isNaN(date.getTime()) && year >= 0 && year <= 9999) return date;
  }
  return new Date(EPOCH);
}

/** RFC 822 forms made so far, by instant (as `formatRfc3339At`). */
const formatRfc822At = rememberBounded((time: number) => new Date(time).toUTCString(), 4096);

/**
 * RFC 822 date-time as the RSS 2.0 spec asks (with the 4-digit year RFC 1123 introduced and the W3C
 * validator expects), in GMT: "Tue, 10 Jun 2003 04:00:00 GMT". `toUTCString` is specified to produce
 * exactly this shape, the year padded to 4 digits (ECMA-262, Date.prototype.toUTCString). Remembered by
 * instant: a publish writes every item's date again, the same as the last publish wrote, at ≈ 0.5 µs each.
 *
 * @example
 * formatRfc822(new Date('2003-06-10T04:00:00Z')); // 'Tue, 10 Jun 2003 04:00:00 GMT'
 */
export function formatRfc822(date: Date): string {
  return formatRfc822At(date.getTime());
}

/** RFC 3339 forms made so far, by instant (core/remember: bounded, and a feed's dates come back). */
const formatRfc3339At = rememberBounded((time: number) => `${new Date(time).toISOString().slice(0, 19)}Z`, 4096);

/**
 * RFC 3339 date-time in UTC, whole seconds: "2003-06-10T04:00:00Z" (Atom §3.3, JSON Feed 1.1). Remembered by
 * instant: an item's dates are written four times in a publish (Atom and JSON Feed, published and updated,
 * mostly the same instant), and `toISOString` costs most of a microsecond.
 *
 * @example
 * formatRfc3339(new Date('2003-06-10T04:00:00.250Z')); // '2003-06-10T04:00:00Z'
 */
export function formatRfc3339(date: Date): string {
  return formatRfc3339At(date.getTime());
}

/**
 * An item's published and updated instants, with fallbacks to each other and then to the feed's
 * `updated`; `updated` is never earlier than `published`.
 */
export function pickItemDates(
  item: { readonly published: string; readonly updated: string },
  fallback: string,
): { readonly published: Date; readonly updated: Date } {
  const published = pickDate(item.published, item.updated, fallback);
  // The same candidates in the same order when both dates are one string (most items): parsed once.
  const updated = item.updated === item.published ? published : pickDate(item.updated, item.published, fallback);
  return { published, updated: updated.getTime() < published.getTime() ? published : updated };
}
