/**
 * @module scripts/dev-worker
 * `npm run dev:worker`: the Worker locally in workerd (`wrangler dev`), configured from the same
 * variables as `npm start` so the same requests work against both — `PORT` (default 8787), `HOST`
 * (default 127.0.0.1), `FEEDS_DIR` (default feeds/), `ADMIN_TOKEN`, `PUBLIC_URL` (default
 * http://HOST:PORT), `MAX_PAGES_PER_RUN`, `WEBSUB_HUB`, `LOG_LEVEL`, `RETENTION_DAYS`, plus the Worker's `SUBREQUEST_BUDGET`.
 *
 * 1. applies migrations/ to the local D1 (`wrangler d1 migrations apply --local`, idempotent);
 * 2. starts `wrangler dev`, whose `[build]` step bundles FEEDS_DIR; the variables go through an env file
 *    under .wrangler/ rather than `--var`, so the admin token is not printed with the bindings;
 * 3. once it answers, runs one Cron Trigger tick (`/__scheduled`, enabled by `--test-scheduled`), as
 *    `npm start` refreshes never-refreshed feeds at start-up; further ticks: `curl $URL/__scheduled`.
 *
 * @example
 * // PORT=8790 FEEDS_DIR=tests/fixtures/feeds ADMIN_TOKEN=secret npm run dev:worker
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WORKER_VARIABLES } from '../src/runtime/worker/env.ts';

const ENV_FILE = '.wrangler/lede/dev.vars';
/**
 * wrangler and its `[build]` step (`node scripts/bundle-feeds.ts`) run on this script's Node (the
 * project's Node 24), whatever `node` comes first on the caller's PATH.
 */
const WRANGLER = [process.execPath, path.join('node_modules', 'wrangler', 'bin', 'wrangler.js')] as const;
const NODE_PATH = { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}` };

function spawnWrangler(args: readonly string[], extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(WRANGLER[0], [WRANGLER[1], ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...NODE_PATH, ...extraEnv },
  });
}

function run(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args, extraEnv);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** Poll until the Worker answers, then fire one scheduled tick. */
async function triggerFirstTick(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240 && child.exitCode === null; attempt++) {
    try {
      await fetch(`${url}/healthz`);
      const response = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
      process.stdout.write(`dev-worker: first scheduled tick: HTTP ${response.status}\n`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

async function main(): Promise<void> {
  const env = process.env;
  const port = env['PORT'] || '8787';
  const host = env['HOST'] || '127.0.0.1';
  const url = `http://${host}:${port}`;
  const variables = {
    ...Object.fromEntries(WORKER_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : []))),
    PUBLIC_URL: env['PUBLIC_URL'] || url,
  };
  await mkdir(path.dirname(ENV_FILE), { recursive: true });
  await writeFile(
    ENV_FILE,
    Object.entries(variables)
      .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
  // Local D1 only, so no confirmation: wrangler skips its prompt (answering yes) when CI is set.
  await run(['d1', 'migrations', 'apply', 'DB', '--local'], { CI: 'true' });
  const child = spawnWrangler([
    'dev',
    '--port',
    port,
    '--ip',
    host,
    '--env-file',
    ENV_FILE,
    '--test-scheduled',
    '--show-interactive-dev-session=false',
  ]);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
  await triggerFirstTick(url, child);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev-worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
