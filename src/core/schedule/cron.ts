/**
 * @module core/schedule/cron
 * Five-field cron expressions (minute hour day-of-month month day-of-week), evaluated in UTC.
 * The core needs its own matcher because Workers have no node-cron: a Cron Trigger wakes the Worker on a
 * fixed tick and `isDue` decides which feeds' own schedules came round since their last refresh.
 * Semantics follow Vixie cron: when both day fields are restricted, either may match.
 */
import { LedeError } from '../errors.ts';

export interface CronSchedule {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  readonly daysRestricted: boolean;
  readonly weekdaysRestricted: boolean;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameOffset?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameOffset: 1 },
  // 7 is accepted as Sunday, as in most crons.
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, nameOffset: 0 },
];

function parseValue(text: string, field: FieldSpec, expression: string): number {
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  const value = index >= 0 ? index + (field.nameOffset ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < field.min || value > field.max) {
    throw new LedeError(
      'invalid-config',
      `cron "${expression}": ${field.name} value "${text}" is not in ${field.min}-${field.max}`,
    );
  }
  return value;
}

function parseField(text: string, field: FieldSpec, expression: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) {
      throw new LedeError('invalid-config', `cron "${expression}": bad step "${stepText}" in ${field.name}`);
    }
    let low = field.min;
    let high = field.max;
    if (range !== '*') {
      const [from = '', to] = range.split('-');
      low = parseValue(from, field, expression);
      high = to === undefined ? (stepText === undefined ? low : field.max) : parseValue(to, field, expression);
    }
    if (low > high)
      throw new LedeError('invalid-config', `cron "${expression}": empty range "${range}" in ${field.name}`);
    for (let value = low; value <= high; value += step) values.add(value);
  }
  return values;
}

/**
 * Parse a five-field cron expression; throws `LedeError('invalid-config')` naming the bad field.
 * @example parseCron('*\/30 * * * *').minutes.has(30) // true
 */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new LedeError(
      'invalid-config',
      `cron "${expression}": expected 5 fields (minute hour day month weekday), got ${parts.length}`,
    );
  }
  const [minutes, hours, days, months, weekdays] = FIELDS.map((field, i) =>
    parseField(parts[i] ?? '', field, expression),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    source: expression,
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: parts[2] !== '*',
    weekdaysRestricted: parts[4] !== '*',
  };
}

/** Whether the schedule fires in the UTC minute containing `at`. */
export function matchesCron(schedule: CronSchedule, at: Date): boolean {
  if (!schedule.minutes.has(at.getUTCMinutes()) || !schedule.hours.has(at.getUTCHours())) return false;
  if (!schedule.months.has(at.getUTCMonth() + 1)) return false;
  const dayMatch = schedule.days.has(at.getUTCDate());
  const weekdayMatch = schedule.weekdays.has(at.getUTCDay());
  if (schedule.daysRestricted && schedule.weekdaysRestricted) return dayMatch || weekdayMatch;
  return dayMatch && weekdayMatch;
}

const MINUTE = 60_000;
/** Four years of minutes: every valid expression fires within it, even one that only matches Feb 29. */
const SEARCH_LIMIT = 366 * 24 * 60 * 4;

/** The first minute strictly after `after` at which the schedule fires, or undefined if none within four years. */
export function nextCronRun(schedule: CronSchedule, after: Date): Date | undefined {
  let at = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  for (let i = 0; i < SEARCH_LIMIT; i++, at += MINUTE) {
    const candidate = new Date(at);
    if (matchesCron(schedule, candidate)) return candidate;
  }
  return undefined;
}

/**
 * Whether a feed on this schedule is due at `now`, given when it last refreshed: it is due when the
 * schedule fired at least once in (lastRun, now]. A feed never refreshed is always due.
 * @example isDue(parseCron('0 * * * *'), '2026-01-01T10:05:00Z', new Date('2026-01-01T11:00:30Z')) // true
 */
export function isDue(schedule: CronSchedule, lastRun: string | undefined, now: Date): boolean {
  if (lastRun === undefined) return true;
  const next = nextCronRun(schedule, new Date(lastRun));
  return next !== undefined && next.getTime() <= now.getTime();
}
