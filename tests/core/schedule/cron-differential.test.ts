/**
 * @module tests/core/schedule/cron-differential
 * The core's cron against croner (a maintained cron library, dev dependency only): thousands of random
 * expressions and a table of tricky ones must give the same next fire times, in UTC, from many start
 * instants; and croner must find no fire time for exactly the expressions the core refuses as never firing.
 * croner is asked in Vixie's dialect (`toCroner`) and with `sloppyRanges`, its name for reading `5/20`
 * as `5-59/20`.
 */
import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCronProblem, parseCron } from '../../../src/core/schedule/cron.ts';
import { nextCronRun } from '../../../src/core/schedule/next-run.ts';
import { matchesCron } from './cron-match.ts';
import { cronExpression, endOfMonthExpression, startInstant, toCroner } from './cron-arbitraries.ts';

/** How many successive fire times are compared from each start. */
const RUNS = 3;

function cronerJob(expression: string): Cron {
  return new Cron(toCroner(expression), { utcOffset: 0, sloppyRanges: true, paused: true });
}

/**
 * Lede's next RUNS fire times from `start` must be croner's, with one exception, adjudicated by croner
 * itself: with the day fields ANDed, croner's search can step onto a day the month lacks (a 31st in
 * February) and overflow into the next month, skipping the fire times at its start (the bug croniter#178
 * fixed in croniter). There Lede's fire time must come first and croner's own matcher must accept it.
 */
function expectSameRuns(expression: string, start: Date): void {
  const schedule = parseCron(expression);
  const job = cronerJob(expression);
  let at = start;
  for (let i = 0; i < RUNS; i++) {
    const lede = nextCronRun(schedule, at);
    const croner = job.nextRun(at) ?? undefined;
    if (lede?.getTime() !== croner?.getTime()) {
      const skippedByCroner = lede !== undefined && croner !== undefined && lede < croner && job.match(lede);
      expect(
        skippedByCroner,
        `${expression} after ${at.toISOString()}: ${lede?.toISOString()} vs croner ${croner?.toISOString()}`,
      ).toBe(true);
    }
    if (lede === undefined) return;
    at = lede;
  }
}

const DAY = 86_400_000;

/**
 * Whether croner's own matcher accepts any day from 2000 to 2027 at midnight, with the expression's
 * minute and hour set to 0 (which days fire does not depend on them). 28 years hold every date on every
 * weekday, Feb 29 included; croner's search is not asked, as it recurses year by year up to year 3000.
 */
function cronerFiresSomeDay(expression: string): boolean {
  const job = cronerJob(['0', '0', ...expression.trim().split(/\s+/).slice(2)].join(' '));
  for (let at = Date.UTC(2000, 0, 1); at < Date.UTC(2028, 0, 1); at += DAY) if (job.match(new Date(at))) return true;
  return false;
}

const TRICKY = [
  '0 0 13 * 5', // both day fields restricted: the 13th OR Fridays
  '0 0 13 * fri',
  '0 0 1,15 * mon',
  '0 0 */2 * 1', // a day field led by * only narrows: odd days that are Mondays
  '0 0 * * */2',
  '0 0 */10 * */3',
  '0 0 29 2 *', // leap days only
  '0 12 29 feb *',
  '0 0 29 2 mon', // ORed: every Monday of February, and Feb 29
  '0 0 29 2 */7', // ANDed: Feb 29 on a Sunday (2032, 2060, 2088, then 2128: 2100 is no leap year)
  '0 0 31 * *',
  '0 0 31 */2 *',
  '0 0 31 1-12/3 *',
  '0 0 30 1,2 *',
  '0 0 28-31 * *',
  '59 23 31 12 *',
  '0 0 1 1 *',
  '5/20 * * * *',
  '0 3/5 * * *',
  '0 0 * * 7',
  '0 0 * * 0,7',
  '0 12 * * sat-sun',
  '0 0 * * 5-7',
  '0 0 * * 1/2',
  '*/15 9-17 * * mon-fri',
  '23 0-20/2 * * *',
  '0 0 * FEB-Apr SUN',
  '*/60 */24 */31 */12 */7',
  '0-59/59 * 31 jan,mar,may,jul,aug,oct,dec *',
];

const STARTS = [
  '2026-01-01T00:00:00Z',
  '2027-12-31T23:59:59.999Z',
  '2028-02-28T23:59:00Z',
  '2028-02-29T00:00:00Z',
  '2099-03-01T00:00:00Z',
  '2100-02-28T12:00:00Z',
  '1999-12-31T23:59:30Z',
];

describe('the core cron against croner', () => {
  it.each(TRICKY)('%s: same next fire times from fixed and random starts', (expression) => {
    for (const start of STARTS) expectSameRuns(expression, new Date(start));
    fc.assert(
      fc.property(startInstant, (start) => expectSameRuns(expression, start)),
      { numRuns: 200 },
    );
  });

  it('agrees on thousands of random expressions: fire times, and which can never fire', () => {
    fc.assert(
      fc.property(fc.oneof(cronExpression, endOfMonthExpression), startInstant, (expression, start) => {
        if (describeCronProblem(expression) === undefined) expectSameRuns(expression, start);
        // Well formed but refused: it can never fire, and croner finds no day it fires either.
        else expect(cronerFiresSomeDay(expression), expression).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('finds a fire time for every expression it accepts, from any start, and only matching minutes', () => {
    fc.assert(
      fc.property(fc.oneof(cronExpression, endOfMonthExpression), startInstant, (expression, start) => {
        fc.pre(describeCronProblem(expression) === undefined);
        const schedule = parseCron(expression);
        const next = nextCronRun(schedule, start);
        expect(next).toBeDefined();
        expect(next!.getTime()).toBeGreaterThan(start.getTime());
        expect(matchesCron(schedule, next!)).toBe(true);
        expect(
          matchesCron(schedule, new Date(next!.getTime() - 60_000)) && next!.getTime() - 60_000 > start.getTime(),
        ).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
