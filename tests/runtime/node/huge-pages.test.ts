/**
 * Several huge pages at once: four endless article pages fetched side by side (concurrency 4) are each cut
 * at the body cap while streaming, fail on their own as `too-large`, and the process stays small — its peak
 * resident memory is measured in its own process (huge-pages-probe.ts) and must stay under 256 MiB.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { runToEnd } from '../../helpers/spawn-lede.ts';

let site: FixtureSite;
let dir = '';
beforeAll(async () => {
  site = await startFixtureSite();
  dir = await mkdtemp(join(tmpdir(), 'lede-huge-'));
});
afterAll(async () => {
  await site.close();
  await rm(dir, { recursive: true, force: true });
});

describe('four endless pages at once', () => {
  it('fails each as too-large at the cap and peaks under 256 MiB of resident memory', async () => {
    const probe = spawn(process.execPath, [join(import.meta.dirname, 'huge-pages-probe.ts'), site.origin, '4', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { code, stdout, stderr } = await runToEnd(probe);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { codes, peakRssMiB } = JSON.parse(stdout) as { codes: string[]; peakRssMiB: number };
    expect(codes).toEqual(['too-large', 'too-large', 'too-large', 'too-large']);
    process.stdout.write(`four endless pages at once: peak RSS ${peakRssMiB.toFixed(0)} MiB\n`);
    expect(peakRssMiB).toBeLessThan(256);
  }, 60_000);
});
