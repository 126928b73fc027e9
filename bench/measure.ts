/**
 * @module bench/measure
 * Statistics and the round discipline every case shares. A case and its baseline are measured in the same
 * run, in alternating rounds (A, B, A, B … with the starting side swapped each round, so neither always
 * runs first on a warm or a cold machine), and compared by the median of the per-round ratios: a load
 * spike from another process then hits one round's pair, not every sample of one side.
 */

/** The median (the mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** The p-quantile by linear interpolation (p = 0.95 for p95); NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
}

/** The median of a[i] / b[i] over the rounds both sides completed. */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) ratios.push((a[i] ?? 0) / (b[i] ?? 1));
  return median(ratios);
}

/**
 * Run every side once per round, alternating the order, `rounds` times; each side's function returns its
 * measurement for the round (requests/s, ms, …). Returns the samples per side, in round order.
 * @example const samples = await interleave(5, { lede: () => load(a), bare: () => load(b) })
 */
export async function interleave<K extends string>(
  rounds: number,
  sides: Readonly<Record<K, () => Promise<number> | number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(await sides[name]());
  }
  return samples;
}

/** Milliseconds one call of `run` takes, averaged over as many calls as fit in `budgetMs` (at least one). */
export async function timePerCall(run: () => unknown, budgetMs: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  let elapsed: number;
  do {
    await run();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < budgetMs);
  return elapsed / calls;
}

/** CPU milliseconds (user + system) this process spends in `run`, and the wall time. */
export async function measureCpu(run: () => Promise<unknown>): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

/** `1.23 ms`, `456 µs`, `2.10 s`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}

/** `12.3 MB`, `4.5 KB`, `890 B`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return bytes >= 1e3 ? `${(bytes / 1e3).toFixed(1)} KB` : `${bytes.toFixed(0)} B`;
}
