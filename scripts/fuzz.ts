/**
 * @module scripts/fuzz
 * The long run of the fuzz properties (tests/fuzz/): each property runs for `--seconds` (default 30) instead
 * of its few CI inputs, and any one input taking longer than `--max-ms` (default 2000) fails it as a hang.
 * With the default, the whole run takes a few minutes on a 2-core machine (Vitest runs two files at once).
 *
 * Usage: `npm run fuzz`, `npm run fuzz -- --seconds 120`, `npm run fuzz -- --runs 100000 pipeline`, and to
 * replay a failure with the seed and path it printed:
 * `npm run fuzz -- --seed -1006302328 --path '2:0:0' pipeline -t 'article pages'`.
 * Positional arguments name files under tests/fuzz/ (a prefix is enough); `-t` filters properties by name.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: {
    seconds: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    path: { type: 'string' },
    'max-ms': { type: 'string', default: '2000' },
    name: { type: 'string', short: 't' },
  },
  allowPositionals: true,
});

/** A positive number from an option, or exit with the reason. */
function readOption(name: string, value: string | undefined, integer = false): string | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || (integer && !Number.isInteger(number))) {
    console.error(`--${name} must be a${integer ? 'n integer' : ' number'}, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return value;
}

const runs = readOption('runs', values.runs, true);
// Either a number of inputs or a time budget per property; the time budget is the default.
const seconds = readOption('seconds', values.seconds) ?? (runs === undefined ? '30' : undefined);
const env: Record<string, string> = {
  ...(seconds === undefined ? {} : { LEDE_FUZZ_SECONDS: seconds }),
  ...(runs === undefined ? {} : { LEDE_FUZZ_RUNS: runs }),
  LEDE_FUZZ_MAX_MS: readOption('max-ms', values['max-ms']) ?? '2000',
  ...(values.seed === undefined ? {} : { LEDE_FUZZ_SEED: readOption('seed', values.seed, true) ?? '' }),
  ...(values.path === undefined ? {} : { LEDE_FUZZ_PATH: values.path }),
};

const files = positionals.length > 0 ? positionals.map((name) => `tests/fuzz/${name}`) : ['tests/fuzz'];
const args = ['vitest', 'run', ...files, ...(values.name === undefined ? [] : ['-t', values.name])];
console.log(
  `fuzz: ${Object.entries(env)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')} npx ${args.join(' ')}`,
);
const child = spawn('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
child.on('exit', (code) => process.exit(code ?? 1));
