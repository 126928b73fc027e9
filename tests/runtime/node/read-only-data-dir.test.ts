/**
 * `npm start` on a DATA_DIR that has turned read-only, with real processes on a real read-only file system:
 * a tmpfs in a private mount namespace (`unshare -rm`, util-linux), remounted read-only after a refresh wrote
 * the database — a chmod'ed folder would not do, as the namespace's root writes through it. Skipped with a
 * message where the machine allows no user namespaces.
 *
 * With a database there, the server starts read-only: the stored feeds are served, /healthz says the store
 * is read-only and refreshes are off, the admin refresh answers 503 with the reason, one warning is logged,
 * and `npm run refresh` exits 1 saying why. Without a database, the clear refusal stands.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode, readStartArgs } from '../../../scripts/build-node.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const node = process.execPath;
const TOKEN = 'read-only-test-token';

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
const started: ChildProcess[] = [];

/** Whether this machine lets an unprivileged user mount a tmpfs in its own namespace. */
function canUnshare(dir: string): boolean {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs "${dir}"`]);
  return !probe.error && probe.status === 0;
}

/** `script` in a private user and mount namespace, with Lede's environment; stdout and stderr piped. */
function inNamespace(script: string): ChildProcess {
  const child = spawn('unshare', ['-rm', 'sh', '-c', script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      FEEDS_DIR: workspace.feedsDir,
      DATA_DIR: workspace.dataDir,
      ADMIN_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  return child;
}

/** `npm start`'s command after its build step (built in beforeAll): the built entry with the script's flags. */
const start = () => `exec "${node}" ${readStartArgs().join(' ')}`;
const cli = (command: string) => `"${node}" src/runtime/node/cli.ts ${command}`;
const mountTmpfs = () => `mount -t tmpfs -o size=16m tmpfs "${workspace.dataDir}"`;
const remountReadOnly = () => `mount -o remount,ro "${workspace.dataDir}"`;

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
  await mkdir(workspace.dataDir);
  await buildNode();
});

afterAll(async () => {
  for (const child of started) child.kill('SIGKILL');
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

describe('a read-only DATA_DIR (src/runtime/node/data-dir-lock.ts claimDataDir, src/store/sqlite.ts)', () => {
  it('with a database: serves the stored feeds read-only, refuses refreshes, says so on /healthz', async (context) => {
    if (!canUnshare(workspace.dataDir)) {
      context.skip('unshare -rm is not allowed here: no private tmpfs to make read-only (util-linux, user namespaces)');
      return;
    }
    const server = inNamespace(
      `${mountTmpfs()} && ${cli('refresh monitor --json')} >/dev/null 2>&1 && ${remountReadOnly()} && ` +
        `{ ${cli('refresh monitor --json')} >/dev/null 2>"${workspace.dir}/cli.err"; echo "cli-exit=$?"; } && ` +
        start(),
    );
    let stdout = '';
    let stderr = '';
    server.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = await waitForUrl(server);

    const feed = await fetch(`${url}/feeds/monitor.rss`);
    expect(feed.status).toBe(200);
    expect((await feed.text()).match(/<item>/g)?.length ?? 0).toBeGreaterThan(0);

    const health = await fetch(`${url}/healthz`);
    const body = (await health.json()) as { status: string; store?: { readOnly: boolean; refreshes: string } };
    expect(health.status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.store).toMatchObject({ readOnly: true, refreshes: 'off' });

    const refresh = await fetch(`${url}/admin/refresh/monitor`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(refresh.status).toBe(503);
    expect(((await refresh.json()) as { error: string }).error).toMatch(/read-only.*refreshes are off/);
    // Without the token, still 401 first: the read-only answer says nothing to strangers.
    expect((await fetch(`${url}/admin/refresh/monitor`, { method: 'POST' })).status).toBe(401);

    const warnings = stderr.split('\n').filter((line) => line.includes('DATA_DIR is read-only'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('read-only file system');
    expect(stdout).toContain('cli-exit=1');
    const cliError = await readFile(path.join(workspace.dir, 'cli.err'), 'utf8');
    expect(cliError).toMatch(new RegExp(`${workspace.dataDir}/lede.sqlite is read-only|cannot open`));

    server.kill('SIGTERM');
    const { code } = await runToEnd(server);
    expect(code).toBe(0);
  }, 120_000);

  it('without a database: refuses to start, naming the folder', async (context) => {
    if (!canUnshare(workspace.dataDir)) {
      context.skip('unshare -rm is not allowed here: no private tmpfs to make read-only (util-linux, user namespaces)');
      return;
    }
    const server = inNamespace(`${mountTmpfs()} && ${remountReadOnly()} && ${start()}`);
    const { code, stderr } = await runToEnd(server);
    expect(code).toBe(1);
    expect(stderr).toContain(`${workspace.dataDir}/lede.lock`);
    expect(stderr).not.toContain('serving');
  }, 60_000);
});
