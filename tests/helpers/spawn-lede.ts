/**
 * @module tests/helpers/spawn-lede
 * Run Lede's real entry points (`npm start`'s server, the CLI) as child processes on the same Node
 * that runs the tests, with their own environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildNode, readStartArgs } from '../../scripts/build-node.ts';
import { fixtureFeedDefinitions } from '../fixtures/site/definitions.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A temp folder with FEEDS_DIR (the fixture definitions for `origin`) and DATA_DIR. */
export async function makeWorkspace(origin: string, ids: readonly string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lede-run-'));
  const feedsDir = path.join(dir, 'feeds');
  await mkdir(feedsDir);
  const definitions = fixtureFeedDefinitions(origin);
  for (const id of ids) await writeFile(path.join(feedsDir, `${id}.json`), JSON.stringify(definitions[id], null, 2));
  return { dir, feedsDir, dataDir: path.join(dir, 'data') };
}

export function runNode(script: string, args: readonly string[], env: Record<string, string>) {
  return spawn(process.execPath, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// One build per test file: the build writes only changed files, each atomically, so files building at once agree.
let built: Promise<string> | undefined;

/**
 * Lede as `npm start` runs it: the built `dist/node/main.js` (scripts/build-node.ts, built first) with the
 * script's Node flags; `nodeArgs` go before them (a preloaded `--import`, say).
 * @example const server = await runStart({ PORT: '0', FEEDS_DIR, DATA_DIR })
 */
export async function runStart(env: Record<string, string>, nodeArgs: readonly string[] = []) {
  await (built ??= buildNode());
  return spawn(process.execPath, [...nodeArgs, ...readStartArgs()], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Run to completion; resolves with exit code and output. */
export function runToEnd(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The URL in a `serving` log line: a JSON line (`LOG_FORMAT=json`, the default) or a pretty one. */
function findServingUrl(log: string): string | undefined {
  for (const line of log.split('\n')) {
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
        if (entry.msg === 'serving' && typeof entry.url === 'string') return entry.url;
      } catch {
        // a line still being written: the next chunk completes it
      }
    }
    const match = / serving url=(\S+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Wait until the server logs the URL it listens on. */
export function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const url = findServingUrl(log);
      if (url !== undefined) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${log}`)));
  });
}
