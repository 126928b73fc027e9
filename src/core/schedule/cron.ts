/**
 * @module core/schedule/cron
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC, with the
 * semantics of Vixie cron (crontab(5)), the cron of most Unix systems:
 *
 * - each field takes `*`, a value, a range `a-b`, a step `*\/n` or `a-b/n`, or a comma-separated list of
 *   those; months and weekdays also take English names (`jan`–`dec`, `sun`–`sat`, any case); 0 and 7 are
 *   both Sunday (`sat-sun` reads as 6-7);
 * - when both day fields are restricted (neither starts with `*`), a day matches if EITHER matches:
 *   `0 0 13 * 5` fires on every 13th and on every Friday. Otherwise both must match, so a day field
 *   starting with `*` (`*\/2`) only narrows the other one, as in Vixie cron and cronie;
 * - `a/n` (a step without a range, as in `5/20`) means `a-<last>/n`: 5,25,45 in the minute field, as croner
 *   and cronie read it. In the weekday field `<last>` is Saturday (6).
 *
 * Refused, with a message naming the field: anything else (`L`, `W`, `#`, `?`, seconds, nicknames), values
 * out of range, empty ranges, steps of 0 or larger than the field, and a schedule that can never fire
 * (`0 0 30 2 *`: February never has a 30th). Feb 29 is accepted: it fires in leap years.
 *
 * One parser for every runtime: the feed definitions are validated with it, and the core decides with it
 * which feeds are due (src/core/schedule/due-feeds.ts), so no schedule accepted at start-up can fail later.
 */
import { LedeError } from '../errors.ts';

export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 (Sunday) to 6; a 7 in the expression is stored as 0. */
  readonly weekdays: ReadonlySet<number>;
  /** The day-of-month field does not start with `*` (Vixie cron's test). */
  readonly daysRestricted: boolean;
  /** The day-of-week field does not start with `*`. */
  readonly weekdaysRestricted: boolean;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH_TITLES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** The most days each month can have; February's 29th comes round in leap years. */
const MONTH_MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Where `*` and `a/n` end: 6 for weekdays, whose 7 only exists as another name for Sunday. */
  readonly last: number;
  readonly names?: readonly string[];
  readonly nameOffset?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59, last: 59 },
  { name: 'hour', min: 0, max: 23, last: 23 },
  { name: 'day of month', min: 1, max: 31, last: 31 },
  { name: 'month', min: 1, max: 12, last: 12, names: MONTH_NAMES, nameOffset: 1 },
  { name: 'day of week', min: 0, max: 7, last: 6, names: DAY_NAMES, nameOffset: 0 },
];

/** A reason an expression is refused; parseCron turns it into a LedeError naming the expression. */
class CronProblem extends Error {}

/** `*`, `a`, `a-b`, each optionally followed by `/n`. */
const PART = /^(?:(\*)|([a-z0-9]+)(?:-([a-z0-9]+))?)(?:\/(\d+))?$/i;

function parseValue(text: string, field: FieldSpec, isUpperBound: boolean): number {
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  // `sat-sun` is Saturday to Sunday, not an empty range: a range may end on Sunday's other number, 7.
  const named = index === 0 && isUpperBound && field.max === 7 ? 7 : index + (field.nameOffset ?? 0);
  const value = index >= 0 ? named : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < field.min || value > field.max) {
    throw new CronProblem(`${field.name} value "${text}" is not in ${field.min}-${field.max}`);
  }
  return value;
}

function parsePart(part: string, field: FieldSpec, into: Set<number>): void {
  const match = PART.exec(part);
  if (!match) throw new CronProblem(`${field.name} "${part}" is not a value, a range or a step`);
  const [, star, from, to, stepText] = match;
  const size = field.last - field.min + 1;
  const step = stepText === undefined ? 1 : Number(stepText);
  if (step < 1 || step > size) throw new CronProblem(`${field.name} step "${stepText}" is not in 1-${size}`);
  const low = star || from === undefined ? field.min : parseValue(from, field, false);
  const high = to !== undefined ? parseValue(to, field, true) : star || stepText !== undefined ? field.last : low;
  if (low > high) throw new CronProblem(`${field.name} range "${part}" is empty`);
  for (let value = low; value <= high; value += step) into.add(field.max === 7 && value === 7 ? 0 : value);
}

function parseField(text: string, field: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) parsePart(part, field, values);
  return values;
}

/** Why a schedule whose day fields must both match can never fire, if it cannot. */
function neverFires(days: ReadonlySet<number>, months: ReadonlySet<number>, dayText: string): string | undefined {
  for (const month of months) for (const day of days) if (day <= (MONTH_MAX_DAYS[month - 1] ?? 0)) return undefined;
  const names = [...months].sort((a, b) => a - b).map((month) => MONTH_TITLES[month - 1]);
  return `it can never fire: day of month "${dayText}" does not occur in ${names.join(', ')}`;
}

function parseFields(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new CronProblem(`expected 5 fields (minute hour day month weekday), got ${parts.length}`);
  }
  const [minutes, hours, days, months, weekdays] = FIELDS.map((field, i) => parseField(parts[i] ?? '', field)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const daysRestricted = !parts[2]?.startsWith('*');
  const weekdaysRestricted = !parts[4]?.startsWith('*');
  // With the day fields ORed, every weekday comes round in every month, so only the AND case can be empty;
  // and any date of the calendar falls on every weekday within the 400-year Gregorian cycle.
  const never = daysRestricted && weekdaysRestricted ? undefined : neverFires(days, months, parts[2] ?? '');
  if (never) throw new CronProblem(never);
  return { source: expression, minutes, hours, days, months, weekdays, daysRestricted, weekdaysRestricted };
}

/**
 * Why an expression is refused, or undefined when it is a schedule that fires.
 * @example describeCronProblem('0 0 30 2 *') // 'it can never fire: day of month "30" does not occur in February'
 */
export function describeCronProblem(expression: string): string | undefined {
  try {
    parseFields(expression);
    return undefined;
  } catch (error) {
    if (error instanceof CronProblem) return error.message;
    throw error;
  }
}

/**
 * Parse a five-field cron expression; throws `LedeError('invalid-config')` naming the bad field.
 * @example parseCron('*\/30 * * * *').minutes.has(30) // true
 */
export function parseCron(expression: string): CronSchedule {
  try {
    return parseFields(expression);
  } catch (error) {
    if (!(error instanceof CronProblem)) throw error;
    throw new LedeError('invalid-config', `cron "${expression}": ${error.message}`, { cause: error });
  }
}
