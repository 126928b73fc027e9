/**
 * @module tests/fuzz/fuzz-settings
 * The two modes of the fuzz properties. In `npm test` each property runs a fixed, small number of inputs
 * (bounded in size, so no timing is asserted). `npm run fuzz` (scripts/fuzz.ts) sets `LEDE_FUZZ_SECONDS`: each
 * property then runs until that many seconds have passed, and every input must finish within
 * `LEDE_FUZZ_MAX_MS` (2000 by default) — a hang shows as a failure, not as a slow run. Properties are written
 * with `fuzz` / `fuzzAsync`, which apply both modes.
 *
 * Replay a failure with the seed and path fast-check prints:
 * `LEDE_FUZZ_SEED=<seed> LEDE_FUZZ_PATH=<path> npx vitest run tests/fuzz -t '<property name>'`.
 */
import fc, { type Parameters } from 'fast-check';

const env = process.env;

function readNumber(name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new Error(`${name} must be a number, got ${JSON.stringify(value)}`);
  return number;
}

const seconds = readNumber('LEDE_FUZZ_SECONDS');
const runs = readNumber('LEDE_FUZZ_RUNS');
const seed = readNumber('LEDE_FUZZ_SEED');
const path = env['LEDE_FUZZ_PATH'];
const maxMs = readNumber('LEDE_FUZZ_MAX_MS') ?? 2000;

/** Whether this is a long run (`npm run fuzz`), where per-input time is measured. */
export const isLongRun = seconds !== undefined || runs !== undefined;

/** Vitest's timeout for one fuzz property: the time budget plus room for the last runs and shrinking. */
export const PROPERTY_TIMEOUT_MS = seconds === undefined ? 20_000 : seconds * 1000 + 120_000;

/**
 * fast-check parameters for one property: `ciRuns` inputs in CI; in a long run, `LEDE_FUZZ_RUNS` inputs or as
 * many as `LEDE_FUZZ_SECONDS` allows. A given `LEDE_FUZZ_SEED` (and `LEDE_FUZZ_PATH`) replays a failure.
 */
function fuzzParameters<T>(ciRuns: number): Parameters<T> {
  const plugins: fc.Plugin<T>[] = [];
  // The plugin is typed for any property (`Plugin<unknown>`), which TypeScript will not narrow on its own.
  if (seconds !== undefined) plugins.push(fc.interruptAfterTimeLimit(seconds * 1000) as fc.Plugin<T>);
  if (isLongRun) plugins.push(reportProgress<T>());
  return {
    numRuns: runs ?? (seconds === undefined ? ciRuns : Number.MAX_SAFE_INTEGER),
    ...(seed === undefined ? {} : { seed }),
    ...(path === undefined ? {} : { path }),
    ...(plugins.length > 0 ? { plugins } : {}),
  };
}

/** In a long run, says how far each property got and with which seed (a failure's report has both anyway). */
function reportProgress<T>(): fc.Plugin<T> {
  return () => ({
    onAllRunsComplete: (details) => {
      console.log(`fuzz: ${String(details.numRuns)} inputs, seed ${String(details.seed)}`);
    },
  });
}

/**
 * Fail when an input took longer than the bound twice in a row: once may be the machine (a garbage collection,
 * other processes on a shared 2-core box); twice is the input. Slow inputs are also kept in `slow`, so that
 * the property fails even when fast-check ignored the outcome (the time-limit plugin drops the result of the
 * run it interrupts, and a hang is most likely to be that run).
 */
function recordTime(slow: string[], value: unknown, elapsed: number, retimed: number): void {
  const fastest = Math.min(elapsed, retimed);
  if (fastest <= maxMs) return;
  slow.push(`${fastest.toFixed(0)} ms: ${fc.stringify(value).slice(0, 2000)}`);
  throw new Error(`one input took ${fastest.toFixed(0)} ms, twice (bound: ${String(maxMs)} ms)`);
}

/** Milliseconds `run` takes. */
function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function expectNoSlowInputs(slow: readonly string[]): void {
  if (slow.length > 0) throw new Error(`inputs over ${String(maxMs)} ms, twice:\n${slow.join('\n')}`);
}

/**
 * Assert `check` over `input`: `ciRuns` inputs in CI, the long run's budget otherwise, where each input must
 * also finish within `LEDE_FUZZ_MAX_MS` (never measured in CI: timings are not asserted in tests, the inputs
 * there are bounded instead).
 *
 * @example fuzz(hostileFeed, checkFeed, 300);
 */
export function fuzz<T>(input: fc.Arbitrary<T>, check: (value: T) => unknown, ciRuns: number): void {
  const slow: string[] = [];
  fc.assert(
    fc.property(input, (value) => {
      const elapsed = time(() => check(value));
      if (isLongRun && elapsed > maxMs)
        recordTime(
          slow,
          value,
          elapsed,
          time(() => check(value)),
        );
    }),
    fuzzParameters<[T]>(ciRuns),
  );
  expectNoSlowInputs(slow);
}

/** `fuzz` for an asynchronous check; the run the time limit interrupted is awaited before the verdict. */
export async function fuzzAsync<T>(
  input: fc.Arbitrary<T>,
  check: (value: T) => Promise<unknown>,
  ciRuns: number,
): Promise<void> {
  const slow: string[] = [];
  let running: Promise<unknown> = Promise.resolve();
  const timed = async (value: T) => {
    const elapsed = await timeAsync(() => check(value));
    if (isLongRun && elapsed > maxMs) recordTime(slow, value, elapsed, await timeAsync(() => check(value)));
  };
  await fc.assert(
    fc.asyncProperty(input, (value) => {
      const run = timed(value);
      running = run.catch(() => undefined);
      return run;
    }),
    fuzzParameters<[T]>(ciRuns),
  );
  await running;
  expectNoSlowInputs(slow);
}
