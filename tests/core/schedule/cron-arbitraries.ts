/**
 * @module tests/core/schedule/cron-arbitraries
 * fast-check generators of five-field cron expressions in the syntax Lede accepts: lists of values,
 * ranges, `*\/n`, `a-b/n` and `a/n` steps, month and weekday names, 7 as Sunday, with a bias towards the
 * cases that differ between cron implementations (both day fields restricted, the 29th to the 31st,
 * February and the 30-day months). Also the translation of an expression to croner's dialect.
 */
import fc from 'fast-check';

interface FieldShape {
  readonly min: number;
  /** Highest value accepted (7 for weekdays). */
  readonly max: number;
  /** Where `*` and `a/n` end (6 for weekdays). */
  readonly last: number;
  readonly names?: readonly string[];
  readonly nameOffset?: number;
  /** Values drawn more often than the others. */
  readonly favoured?: readonly number[];
}

const MINUTE: FieldShape = { min: 0, max: 59, last: 59, favoured: [0, 59] };
const HOUR: FieldShape = { min: 0, max: 23, last: 23, favoured: [0, 23] };
const DAY: FieldShape = { min: 1, max: 31, last: 31, favoured: [1, 28, 29, 30, 31] };
const MONTH: FieldShape = {
  min: 1,
  max: 12,
  last: 12,
  names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  nameOffset: 1,
  favoured: [2, 4, 6, 9, 11, 12],
};
const WEEKDAY: FieldShape = {
  min: 0,
  max: 7,
  last: 6,
  names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  nameOffset: 0,
  favoured: [0, 5, 7],
};

function valueIn(shape: FieldShape, min: number, max: number): fc.Arbitrary<number> {
  const favoured = (shape.favoured ?? []).filter((value) => value >= min && value <= max);
  const any = fc.integer({ min, max });
  return favoured.length > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...favoured), weight: 1 }, { arbitrary: any, weight: 2 })
    : any;
}

/** A value as a number or, where the field has names, sometimes as its name (`sun` also stands for 7 as a range's end). */
function spell(shape: FieldShape, value: number, isUpperBound: boolean): fc.Arbitrary<string> {
  const offset = shape.nameOffset ?? 0;
  const name = shape.names?.[value - offset] ?? (isUpperBound && shape.max === 7 && value === 7 ? 'sun' : undefined);
  if (name === undefined) return fc.constant(String(value));
  return fc.constantFrom(String(value), name, name.toUpperCase());
}

function range(shape: FieldShape): fc.Arbitrary<string> {
  return valueIn(shape, shape.min, shape.max).chain((low) =>
    valueIn(shape, low, shape.max).chain((high) =>
      fc.tuple(spell(shape, low, false), spell(shape, high, true)).map(([a, b]) => `${a}-${b}`),
    ),
  );
}

function step(shape: FieldShape): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max: shape.last - shape.min + 1 });
}

function part(shape: FieldShape): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: valueIn(shape, shape.min, shape.max).chain((value) => spell(shape, value, false)), weight: 4 },
    { arbitrary: range(shape), weight: 2 },
    { arbitrary: step(shape).map((n) => `*/${n}`), weight: 2 },
    { arbitrary: fc.tuple(range(shape), step(shape)).map(([r, n]) => `${r}/${n}`), weight: 1 },
    {
      arbitrary: fc
        .tuple(valueIn(shape, shape.min, shape.last), step(shape))
        .chain(([from, n]) => spell(shape, from, false).map((a) => `${a}/${n}`)),
      weight: 1,
    },
  );
}

function field(shape: FieldShape, starWeight: number): fc.Arbitrary<string> {
  const list = fc.array(part(shape), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(','));
  return fc.oneof({ arbitrary: fc.constant('*'), weight: starWeight }, { arbitrary: list, weight: 4 });
}

/** A five-field expression; every one is well formed, some can never fire (`0 0 30 2 *`). */
export const cronExpression: fc.Arbitrary<string> = fc
  .tuple(field(MINUTE, 1), field(HOUR, 1), field(DAY, 1), field(MONTH, 2), field(WEEKDAY, 4))
  .map((fields) => fields.join(' '));

const LATE_DAY: FieldShape = { min: 28, max: 31, last: 31 };
const SHORT_MONTH: fc.Arbitrary<string> = fc
  .subarray(['2', 'feb', '4', 'apr', '6', 'jun', '9', 'sep', '11', 'nov', '1', '12'], { minLength: 1, maxLength: 4 })
  .map((months) => months.join(','));
const LATE_DAYS: fc.Arbitrary<string> = fc
  .array(valueIn(LATE_DAY, 28, 31), { minLength: 1, maxLength: 3 })
  .map((days) => days.join(','));

/**
 * The end of short months: the 28th to the 31st of February and the 30-day months, often with the day
 * fields ANDed. Many of these can never fire (`0 0 30,31 feb *`), others only in leap years.
 */
export const endOfMonthExpression: fc.Arbitrary<string> = fc
  .tuple(field(MINUTE, 3), field(HOUR, 3), LATE_DAYS, SHORT_MONTH, field(WEEKDAY, 4))
  .map((fields) => fields.join(' '));

/** An instant with seconds and milliseconds, from 1990 to 2100 (2000 is a leap year, 2100 is not). */
export const startInstant: fc.Arbitrary<Date> = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});

/**
 * The same schedule in croner's dialect. croner ORs the day fields unless one is exactly `*`; Vixie cron
 * (and Lede) AND them as soon as one merely starts with `*` (`*\/2`), which croner spells with a `+`
 * before the weekday field.
 */
export function toCroner(expression: string): string {
  const [minute, hour, day = '', month, weekday = ''] = expression.trim().split(/\s+/);
  const and = (day.startsWith('*') || weekday.startsWith('*')) && day !== '*' && weekday !== '*';
  return [minute, hour, day, month, and ? `+${weekday}` : weekday].join(' ');
}
