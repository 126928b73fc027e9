/**
 * `npm start` on a port it cannot have, as real processes: another process holds the port (EADDRINUSE), or the
 * user may not bind it (EACCES). Lede says so in one line naming PORT/HOST and exits 1, with no stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStart, runToEnd } from '../../helpers/spawn-lede.ts';

let holder: ChildProcess;
let heldPort: number;
let dir: string;

/** A separate process listening on a free loopback port; resolves with that port. */
function holdPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`port holder exited with ${String(code)}`)));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lede-port-'));
  await mkdir(path.join(dir, 'feeds'));
  const script =
    "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => console.log(s.address().port));";
  holder = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  heldPort = await holdPort(holder);
});

afterAll(async () => {
  holder.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

const start = async (port: number) =>
  runToEnd(
    await runStart({
      PORT: String(port),
      HOST: '127.0.0.1',
      FEEDS_DIR: path.join(dir, 'feeds'),
      DATA_DIR: path.join(dir, 'data'),
    }),
  );

// Root may bind any port, so the EACCES case can only be seen as an ordinary user.
const isRoot = process.getuid?.() === 0;

describe('npm start on a port it cannot have', () => {
  it('says in one line that the port is in use, naming PORT/HOST, and exits 1', async () => {
    const result = await start(heldPort);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `lede: port ${String(heldPort)} on 127.0.0.1 is already in use (PORT/HOST)`,
    ]);
    expect(result.stdout).toBe('');
  });

  it.skipIf(isRoot)('says in one line that the port is not allowed, naming PORT/HOST, and exits 1', async () => {
    const result = await start(80);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^lede: port 80 on 127\.0\.0\.1 is not allowed .*\(PORT\/HOST/);
  });
});
