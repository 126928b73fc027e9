/**
 * @module tests/fuzz/fuzz-settings
 * The two modes of the fuzz properties. In `npm test` each property runs a fixed, small number of inputs
 * (bounded in size, so no timing is asserted). `npm run fuzz` (scripts/fuzz.ts) sets `LEDE_FUZZ_SECONDS`: each
 * property then runs until that many seconds have passed, and every input must finish within
 * `LEDE_FUZZ_MAX_MS` (2000 by default) — a hang shows as a failure, not as a slow run.
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
export function fuzzParameters<T>(ciRuns: number): Parameters<T> {
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
 * Run one input's check; in a long run also fail when it takes longer than `LEDE_FUZZ_MAX_MS` (never in CI:
 * timings are not asserted in tests, the inputs there are bounded instead).
 */
export function withinTimeBound<R>(check: () => R): R {
  if (!isLongRun) return check();
  const started = performance.now();
  const result = check();
  const elapsed = performance.now() - started;
  if (elapsed > maxMs) throw new Error(`one input took ${elapsed.toFixed(0)} ms (bound: ${String(maxMs)} ms)`);
  return result;
}

/** The async form of `withinTimeBound`. */
export async function withinTimeBoundAsync<R>(check: () => Promise<R>): Promise<R> {
  if (!isLongRun) return check();
  const started = performance.now();
  const result = await check();
  const elapsed = performance.now() - started;
  if (elapsed > maxMs) throw new Error(`one input took ${elapsed.toFixed(0)} ms (bound: ${String(maxMs)} ms)`);
  return result;
}
