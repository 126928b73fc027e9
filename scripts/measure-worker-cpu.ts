/**
 * @module scripts/measure-worker-cpu
 * An upper bound on the CPU the bundled Worker costs per request, from outside: it runs the build under
 * `wrangler dev` against the fixture news site on 127.0.0.1 (fresh local D1, migrated, one tick run),
 * sends requests one after another, and reads how much CPU the workerd process that runs the Worker used
 * (`/proc/<pid>/stat`, Linux). That process also parses HTTP, runs Miniflare's entry code and simulates
 * D1 and the Cache API, none of which is the Worker's own CPU in production; a 404 (no I/O) is measured as
 * the baseline. The Worker's own CPU is measured inside workerd by tests/runtime/worker/cpu.test.ts; why both, and
 * why not the DevTools profiler, is in docs/workers.md ("Measured").
 *
 * @example
 * // node scripts/measure-worker-cpu.ts [requests=2000]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFixtureSite } from '../tests/fixtures/site/server.ts';
import { fixtureFeedFiles } from '../tests/runtime/worker/fixture-feeds.ts';

/**
 * wrangler and its `[build]` step (`node scripts/bundle-feeds.ts`) run on this script's Node (the
 * project's Node 24), whatever `node` comes first on the caller's PATH.
 */
const WRANGLER = [process.execPath, path.join('node_modules', 'wrangler', 'bin', 'wrangler.js')] as const;
const NODE_PATH = { PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}` };
const PORT = 8797;
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** CPU milliseconds (user + system) a process has used so far. */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The workerd processes descending from `root` (wrangler dev runs a proxy and the Worker's runtime). */
async function findWorkerd(root: number): Promise<number[]> {
  const processes = new Map<number, { parent: number; name: string }>();
  for (const entry of await readdir('/proc')) {
    const stat = /^\d+$/.test(entry) ? await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '') : '';
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match) processes.set(Number(entry), { name: match[1] ?? '', parent: Number(match[2]) });
  }
  const descends = (pid: number): boolean => {
    for (let current = processes.get(pid); current; current = processes.get(current.parent))
      if (current.parent === root) return true;
    return false;
  };
  return [...processes].filter(([pid, { name }]) => name === 'workerd' && descends(pid)).map(([pid]) => pid);
}

async function waitForWorker(child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 240 && child.exitCode === null; attempt++) {
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error('wrangler dev did not start');
}

/** CPU per request of each workerd process, after a warm-up. */
async function measure(pids: readonly number[], count: number, send: () => Promise<Response>): Promise<number[]> {
  for (let i = 0; i < 200; i++) await (await send()).arrayBuffer();
  const before = await Promise.all(pids.map(cpuMs));
  for (let i = 0; i < count; i++) await (await send()).arrayBuffer();
  const after = await Promise.all(pids.map(cpuMs));
  return pids.map((_, i) => ((after[i] ?? 0) - (before[i] ?? 0)) / count);
}

async function startWorker(feedsDir: string, stateDir: string): Promise<ChildProcess> {
  // CI: wrangler applies local migrations without asking.
  const env = { ...process.env, ...NODE_PATH, FEEDS_DIR: feedsDir, CI: 'true' };
  const wrangler = (args: string[]) =>
    spawn(WRANGLER[0], [WRANGLER[1], ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const persist = ['--persist-to', stateDir];
  await new Promise((resolve) =>
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', ...persist]).on('exit', resolve),
  );
  const vars = ['--var', 'LOG_LEVEL:warn', '--var', `PUBLIC_URL:${ORIGIN}`];
  return wrangler([
    'dev',
    '--port',
    String(PORT),
    ...persist,
    ...vars,
    '--test-scheduled',
    '--show-interactive-dev-session=false',
  ]);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 2000);
  const site = await startFixtureSite();
  const dir = await mkdtemp(path.join(tmpdir(), 'lede-cpu-'));
  await mkdir(path.join(dir, 'feeds'));
  await writeFile(path.join(dir, 'feeds', 'monitor.json'), fixtureFeedFiles(site.origin)['monitor'] ?? '');
  const child = await startWorker(path.join(dir, 'feeds'), path.join(dir, 'state'));
  try {
    await waitForWorker(child);
    await (await fetch(`${ORIGIN}/__scheduled`)).arrayBuffer();
    const pids = await findWorkerd(child.pid ?? 0);
    const feed = await fetch(`${ORIGIN}/feeds/monitor.rss`);
    const etag = feed.headers.get('etag') ?? '';
    const bytes = (await feed.arrayBuffer()).byteLength;
    const rows: [string, () => Promise<Response>][] = [
      ['GET /nope (404, no I/O: the baseline)', () => fetch(`${ORIGIN}/nope`)],
      [`GET /feeds/monitor.rss, cached (${bytes} bytes)`, () => fetch(`${ORIGIN}/feeds/monitor.rss`)],
      [
        'GET /feeds/monitor.rss, If-None-Match (304)',
        () => fetch(`${ORIGIN}/feeds/monitor.rss`, { headers: { 'If-None-Match': etag } }),
      ],
    ];
    process.stdout.write(
      `CPU ms per request of each workerd process under wrangler dev (pids ${pids.join(', ')}), ${count} requests:\n`,
    );
    for (const [name, send] of rows) {
      const perProcess = await measure(pids, count, send);
      process.stdout.write(`  ${name.padEnd(48)} ${perProcess.map((ms) => ms.toFixed(3)).join('  ')}\n`);
    }
  } finally {
    child.kill('SIGTERM');
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`measure-worker-cpu: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
