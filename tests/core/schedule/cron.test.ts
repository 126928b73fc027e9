/** The core's cron matcher: the Worker decides from it which feeds are due on each Cron Trigger tick. */
import { describe, expect, it } from 'vitest';
import { parseCron } from '../../../src/core/schedule/cron.ts';
import { isDue, matchesCron, nextCronRun } from '../../../src/core/schedule/next-run.ts';

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
