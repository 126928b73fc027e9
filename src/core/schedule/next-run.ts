/**
 * @module core/schedule/next-run
 * When a cron schedule (src/core/schedule/cron.ts) fires next, in UTC. The search skips whole fields —
 * a month that is not in the schedule in one step, then a day, then an hour, then a minute — instead of
 * walking minute by minute, so even `0 0 29 2 *` costs a few dozen steps: microseconds, not the tens of
 * milliseconds a minute walk over four years takes (too much for a Worker's CPU budget on every tick).
 */
import type { CronSchedule } from './cron.ts';

const MINUTE = 60_000;
/**
 * The Gregorian calendar repeats every 400 years (146,097 days, a whole number of weeks), so a schedule
 * that fires at all fires within 400 years of any instant; parseCron refuses those that never fire.
 */
const SEARCH_YEARS = 400;

/** The smallest value of the set in [from, to], if any. */
function firstFrom(values: ReadonlySet<number>, from: number, to: number): number | undefined {
  for (let value = from; value <= to; value++) if (values.has(value)) return value;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Vixie cron: restricted day fields are ORed; when either is `*`-led, both must match. */
function isDayMatch(schedule: CronSchedule, day: number, weekday: number): boolean {
  const dayMatch = schedule.days.has(day);
  const weekdayMatch = schedule.weekdays.has(weekday);
  return schedule.daysRestricted && schedule.weekdaysRestricted ? dayMatch || weekdayMatch : dayMatch && weekdayMatch;
}

/** The first day from `from` on, in this month, on which the schedule fires. */
function firstDayFrom(schedule: CronSchedule, year: number, month: number, from: number): number | undefined {
  const last = daysInMonth(year, month);
  let weekday = new Date(Date.UTC(year, month - 1, from)).getUTCDay();
  for (let day = from; day <= last; day++, weekday = (weekday + 1) % 7) {
    if (isDayMatch(schedule, day, weekday)) return day;
  }
  return undefined;
}

/**
 * The first minute strictly after `after` at which the schedule fires. Each pass of the loop settles one
 * field or carries into the next larger one (resetting the smaller ones), so it ends within a few steps
 * per month searched. Undefined only for a schedule that never fires (parseCron refuses those).
 * @example nextCronRun(parseCron('0 0 29 2 *'), new Date('2026-03-01T00:00:00Z')) // 2028-02-29T00:00:00Z
 */
export function nextCronRun(schedule: CronSchedule, after: Date): Date | undefined {
  const start = new Date(Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE);
  let [year, month, day, hour, minute] = [
    start.getUTCFullYear(),
    start.getUTCMonth() + 1,
    start.getUTCDate(),
    start.getUTCHours(),
    start.getUTCMinutes(),
  ];
  const lastYear = year + SEARCH_YEARS;
  while (year <= lastYear) {
    const nextMonth = firstFrom(schedule.months, month, 12);
    if (nextMonth === undefined) [year, month, day, hour, minute] = [year + 1, 1, 1, 0, 0];
    else if (nextMonth > month) [month, day, hour, minute] = [nextMonth, 1, 0, 0];
    else {
      const nextDay = firstDayFrom(schedule, year, month, day);
      if (nextDay === undefined) [month, day, hour, minute] = [month + 1, 1, 0, 0];
      else if (nextDay > day) [day, hour, minute] = [nextDay, 0, 0];
      else {
        const nextHour = firstFrom(schedule.hours, hour, 23);
        if (nextHour === undefined) [day, hour, minute] = [day + 1, 0, 0];
        else if (nextHour > hour) [hour, minute] = [nextHour, 0];
        else {
          const nextMinute = firstFrom(schedule.minutes, minute, 59);
          if (nextMinute !== undefined) return new Date(Date.UTC(year, month - 1, day, hour, nextMinute));
          [hour, minute] = [hour + 1, 0];
        }
      }
    }
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
