/** The core's cron matcher: the Worker decides from it which feeds are due on each Cron Trigger tick. */
import { describe, expect, it } from 'vitest';
import { describeCronProblem, parseCron } from '../../../src/core/schedule/cron.ts';
import { isDue, nextCronRun } from '../../../src/core/schedule/next-run.ts';
import { matchesCron } from './cron-match.ts';

const at = (iso: string) => new Date(iso);

describe('cron', () => {
  it.each([
    ['*/30 * * * *', '2026-01-01T10:30:00Z', true],
    ['*/30 * * * *', '2026-01-01T10:31:00Z', false],
    ['15 * * * *', '2026-01-01T10:15:59Z', true],
    ['0 */6 * * *', '2026-01-01T12:00:00Z', true],
    ['0 */6 * * *', '2026-01-01T13:00:00Z', false],
    ['0 9 * * mon-fri', '2026-01-03T09:00:00Z', false], // a Saturday
    ['0 9 * * 1-5', '2026-01-05T09:00:00Z', true], // a Monday
    ['0 0 1 jan *', '2026-01-01T00:00:00Z', true],
    ['0 0 * * 7', '2026-01-04T00:00:00Z', true], // 7 is Sunday
    ['0 0 13 * 5', '2026-02-13T00:00:00Z', true], // restricted day OR weekday (Vixie cron)
    ['0 0 13 * 5', '2026-01-16T00:00:00Z', true],
    ['5,10-12/2 * * * *', '2026-01-01T00:11:00Z', false],
    ['5,10-12/2 * * * *', '2026-01-01T00:12:00Z', true],
  ])('%s at %s → %s', (expression, when, expected) => {
    expect(matchesCron(parseCron(expression), at(when))).toBe(expected);
  });

  it.each(['* * * *', '60 * * * *', '* 24 * * *', '*/0 * * * *', '5-1 * * * *', 'x * * * *', '* * * foo *'])(
    'rejects %s',
    (expression) => {
      expect(() => parseCron(expression)).toThrow(/cron/);
    },
  );

  it('finds the next run strictly after a time', () => {
    expect(nextCronRun(parseCron('*/30 * * * *'), at('2026-01-01T10:30:00Z'))?.toISOString()).toBe(
      '2026-01-01T11:00:00.000Z',
    );
    expect(nextCronRun(parseCron('0 0 29 2 *'), at('2026-03-01T00:00:00Z'))?.toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
  });

  it('is due once the schedule fired since the last run, and always when never run', () => {
    const hourly = parseCron('0 * * * *');
    expect(isDue(hourly, undefined, at('2026-01-01T10:05:00Z'))).toBe(true);
    expect(isDue(hourly, '2026-01-01T10:00:30Z', at('2026-01-01T10:55:00Z'))).toBe(false);
    expect(isDue(hourly, '2026-01-01T10:00:30Z', at('2026-01-01T11:00:10Z'))).toBe(true);
  });
});

describe('cron: what is accepted and what is refused', () => {
  it.each([
    ['0 0 30 2 *', /day of month "30" does not occur in February/],
    ['0 0 31 4,6,9,11 *', /can never fire: day of month "31" does not occur in April, June, September, November/],
    ['0 0 30,31 feb */2', /never fire/], // a weekday field led by * only narrows the days: still never
    ['*/61 * * * *', /minute step "61" is not in 1-60/],
    ['0 0 * * */8', /day of week step "8" is not in 1-7/],
    ['0 0 0 * *', /day of month value "0" is not in 1-31/],
    ['0 0 * 13 *', /month value "13" is not in 1-12/],
    ['0 0 * * 8', /day of week value "8" is not in 0-7/],
    ['0 0 * * 7/2', /day of week range "7\/2" is empty/],
    ['1-2-3 * * * *', /minute "1-2-3" is not a value, a range or a step/],
    ['1/2/3 * * * *', /minute "1\/2\/3"/],
    ['0 0 L * *', /day of month value "L"/],
    ['0 0 ? * *', /day of month "\?"/],
    ['0 0 * * mon#2', /day of week "mon#2"/],
    ['0 0 1,,2 * *', /day of month "" is not a value/],
    ['0 * * * * *', /expected 5 fields/],
    ['@daily', /expected 5 fields/],
    ['0 0 * january *', /month value "january"/],
  ])('refuses %s, naming the field', (expression, reason) => {
    expect(() => parseCron(expression)).toThrow(reason);
    expect(describeCronProblem(expression)).toMatch(reason);
  });

  it.each([
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'], // Feb 29 is valid: leap years
    ['0 0 30 2 mon', '2026-01-01T00:00:00Z', '2026-02-02T00:00:00.000Z'], // day fields ORed: February's Mondays
    ['0 0 31 2,3 *', '2026-01-01T00:00:00Z', '2026-03-31T00:00:00.000Z'],
    ['5/20 * * * *', '2026-01-01T10:46:00Z', '2026-01-01T11:05:00.000Z'], // 5-59/20
    ['0 0 * * 1/2', '2026-01-03T00:00:00Z', '2026-01-05T00:00:00.000Z'], // 1-6/2: Mon, Wed, Fri
    ['0 0 * * sat-sun', '2026-01-05T00:00:00Z', '2026-01-10T00:00:00.000Z'], // 6-7
    ['0 0 */2 * 1', '2026-01-01T00:00:00Z', '2026-01-05T00:00:00.000Z'], // * leads: odd days AND Mondays
    ['0 0 */2 * 1', '2026-01-05T00:00:00Z', '2026-01-19T00:00:00.000Z'],
    ['0 0 29 2 */7', '2028-03-01T00:00:00Z', '2032-02-29T00:00:00.000Z'], // Feb 29 on a Sunday
    ['0 0 29 2 */7', '2089-01-01T00:00:00Z', '2128-02-29T00:00:00.000Z'], // 2100 is no leap year
    ['0 0 * * MON-fri', '2026-01-03T00:00:00Z', '2026-01-05T00:00:00.000Z'], // names in any case
  ])('accepts %s: after %s it fires at %s', (expression, after, expected) => {
    expect(describeCronProblem(expression)).toBeUndefined();
    expect(nextCronRun(parseCron(expression), at(after))?.toISOString()).toBe(expected);
  });
});
