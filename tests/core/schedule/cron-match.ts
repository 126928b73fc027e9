/**
 * @module tests/core/schedule/cron-match
 * The test oracle for schedules: whether a parsed schedule fires in the UTC minute containing `at`, checked
 * field by field. Written apart from src/core/schedule/next-run.ts, whose field-skipping search the cron
 * tests hold against it.
 */
import type { CronSchedule } from '../../../src/core/schedule/cron.ts';

/** Vixie cron (crontab(5)): when both day fields are restricted either may match; otherwise both must. */
function isDayMatch(schedule: CronSchedule, at: Date): boolean {
  const day = schedule.days.has(at.getUTCDate());
  const weekday = schedule.weekdays.has(at.getUTCDay());
  return schedule.daysRestricted && schedule.weekdaysRestricted ? day || weekday : day && weekday;
}

/** Whether the schedule fires in the UTC minute containing `at`. */
export function matchesCron(schedule: CronSchedule, at: Date): boolean {
  return (
    schedule.minutes.has(at.getUTCMinutes()) &&
    schedule.hours.has(at.getUTCHours()) &&
    schedule.months.has(at.getUTCMonth() + 1) &&
    isDayMatch(schedule, at)
  );
}
