/**
 * @module bench/processes
 * Child processes of the bench: servers run apart from the load generator so that each side's CPU is its
 * own, on the project's Node. Each prints one JSON line with its URL on stdout (or answers on a port
 * chosen here), and is stopped with SIGTERM, then SIGKILL if it lingers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { openSync, closeSync } from 'node:fs';
import { buildNode, readStartArgs } from '../scripts/build-node.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** For the bench's own servers: exit when the bench's end of stdin closes, so a killed bench leaves none behind. */
export function exitWithParent(): void {
  process.stdin.on('close', () => process.exit(0));
  process.stdin.resume();
}

/** Start `script` (relative to the repository) and wait for the `{"url"|"origin": …}` line it prints. */
export function spawnPrinting(script: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    // stdin stays open while the bench runs: the child exits when it closes (see exitWithParent).
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line === undefined || !out.includes('\n')) return;
      const parsed = JSON.parse(line) as { url?: string; origin?: string };
      resolve({ process: child, url: parsed.url ?? parsed.origin ?? '', stop: stopper(child) });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${String(code)} before it was ready`)));
  });
}

/** A free TCP port on 127.0.0.1 (for servers that are told their port rather than printing it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Poll `url` until it answers (any status), for at most `ms`. */
export async function waitUntilAnswering(url: string, ms: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited with ${String(child.exitCode)}`);
    try {
      await (await fetch(url)).arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * Lede as `npm start` runs it (scripts/build-node.ts's build of src/runtime/node/main.ts, then the built
 * entry with the script's Node flags), its log appended to `logFile` as a process manager would keep it (the
 * default LOG_LEVEL, info: one line per request).
 */
export async function spawnLede(env: Record<string, string>, logFile: string): Promise<Child> {
  const port = await freePort();
  await buildNode();
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, readStartArgs(), {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${String(port)}`;
  await waitUntilAnswering(`${url}/healthz`, 30_000, child);
  return { process: child, url, stop: stopper(child) };
}
