/**
 * @module bench/options
 * The bench's command line: `--quick` (every case briefly: seconds, for CI, numbers meaningless), `--only
 * <case>` (repeatable), `--out <file>` (default bench/RESULTS.md; with --quick a temp file, so a CI run never
 * overwrites the recorded results).
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const CASE_NAMES = ['serve', 'worker', 'extract', 'refresh', 'scale', 'memory', 'micro'] as const;
export type CaseName = (typeof CASE_NAMES)[number];

export interface BenchOptions {
  readonly quick: boolean;
  readonly only: ReadonlySet<CaseName>;
  readonly out: string;
}

function isCaseName(name: string): name is CaseName {
  return (CASE_NAMES as readonly string[]).includes(name);
}

/** @example parseBenchOptions(['--quick', '--only', 'serve']) */
export function parseBenchOptions(args: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  const only = values.only ?? [...CASE_NAMES];
  for (const name of only) {
    if (!isCaseName(name)) throw new Error(`--only ${name}: unknown case (one of ${CASE_NAMES.join(', ')})`);
  }
  const quick = values.quick;
  const defaultOut = quick
    ? path.join(tmpdir(), 'lede-bench-quick', 'RESULTS.md')
    : path.resolve(import.meta.dirname, 'RESULTS.md');
  return { quick, only: new Set(only as CaseName[]), out: values.out ?? defaultOut };
}
