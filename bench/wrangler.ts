/**
 * @module bench/wrangler
 * `wrangler dev` for the worker case, as scripts/dev-worker.ts runs it (the project's Node first on PATH,
 * for the `[build]` step), but with the bench's own state folder (`--persist-to`) so a run never touches
 * the developer's local D1, and no telemetry or interactive session.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, ROOT, waitUntilAnswering, type Child } from './processes.ts';

const WRANGLER = path.join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js');

function spawnWrangler(args: readonly string[], env: Record<string, string>): ChildProcess {
  const pathWithNode = `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}`;
  return spawn(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: { ...process.env, PATH: pathWithNode, CI: 'true', WRANGLER_SEND_METRICS: 'false', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
}

/** Run a wrangler command to its end; rejects with its stderr on failure. */
export function runWrangler(args: readonly string[], env: Record<string, string> = {}): Promise<void> {
  const child = spawnWrangler(args, env);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(' ')}: exit ${String(code)}\n${stderr}`)),
    );
  });
}

/** Stop wrangler and the workerd it started (its own process group). */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
      resolve();
      return;
    }
    const pid = child.pid;
    const timer = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    process.kill(-pid, 'SIGTERM');
  });
}

/** `wrangler dev` with `config` (relative to the repository or absolute), state in `persistTo`; resolves once it answers. */
export async function startWranglerDev(
  config: string,
  persistTo: string,
  extraArgs: readonly string[],
  env: Record<string, string>,
): Promise<Child> {
  const port = await freePort();
  const args = ['dev', '--config', config, '--port', String(port), '--ip', '127.0.0.1', '--persist-to', persistTo];
  const child = spawnWrangler([...args, '--show-interactive-dev-session=false', ...extraArgs], env);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${String(port)}`;
  try {
    await waitUntilAnswering(url, 90_000, child);
  } catch (error) {
    await stopGroup(child);
    throw new Error(`wrangler dev (${config}) did not answer\n${stderr}`, { cause: error });
  }
  return { process: child, url, stop: () => stopGroup(child) };
}
