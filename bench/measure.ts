/**
 * @module bench/measure
 * A tiny benchmark harness: run each case for a fixed time after a warm-up, take the median of several
 * rounds, and report it as a ratio to a baseline measured in the same run — never as an absolute
 * number to compare across machines.
 */

export interface BenchCase {
  readonly name: string;
  readonly run: () => unknown;
}

const ROUND_MS = 200;
const ROUNDS = 5;

async function opsPerSecond(run: BenchCase['run']): Promise<number> {
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ROUND_MS) {
    await run();
    ops++;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

async function medianOpsPerSecond(run: BenchCase['run']): Promise<number> {
  await opsPerSecond(run); // warm-up: JIT, caches
  const rounds: number[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await opsPerSecond(run));
  rounds.sort((a, b) => a - b);
  return rounds[Math.floor(ROUNDS / 2)] ?? 0;
}

/** Measure a group: the first case is the baseline; each line shows time per op and the ratio to it. */
export async function benchGroup(title: string, baseline: BenchCase, cases: readonly BenchCase[]): Promise<void> {
  const baseOps = await medianOpsPerSecond(baseline.run);
  const lines = [title, `  ${baseline.name.padEnd(52)} ${formatTime(baseOps)}   1.00× (baseline)`];
  for (const bench of cases) {
    const ops = await medianOpsPerSecond(bench.run);
    lines.push(`  ${bench.name.padEnd(52)} ${formatTime(ops)}   ${(baseOps / ops).toFixed(2)}× baseline time`);
  }
  console.log(lines.join('\n'));
}

function formatTime(ops: number): string {
  const micros = 1e6 / ops;
  return (micros >= 1000 ? `${(micros / 1000).toFixed(2)} ms` : `${micros.toFixed(1)} µs`).padStart(10);
}
