/**
 * `npm run refresh`'s progress: the display against a fake terminal stream (what is drawn, redrawn and
 * cleared), then the real CLI in a pseudo-terminal (`script` from util-linux, when installed) and through
 * pipes, where nothing is redrawn and stdout stays JSON lines.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../src/core/ports.ts';
import type { RefreshReport } from '../../../src/core/store.ts';
import { createProgressDisplay } from '../../../src/runtime/node/refresh-progress.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace, runNode, runToEnd } from '../../helpers/spawn-lede.ts';

const CLEAR = '\r\x1b[2K';

function fakeTerminal(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, columns: 40, write: (text: string) => written.push(text) }, written };
}

const REPORT: RefreshReport = {
  feedId: 'monitor',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  ok: true,
  discovered: 6,
  fetched: 5,
  unchanged: 0,
  pending: 0,
  failed: 1,
  changed: true,
  errors: [{ url: 'http://site.test/a', code: 'http-status', message: 'HTTP 404' }],
};

describe('createProgressDisplay', () => {
  it('on a terminal: redraws one line in place, keeps log lines off it, leaves the outcome', () => {
    const { stream, written } = fakeTerminal(true);
    const display = createProgressDisplay(stream, { keepSummary: true });
    const logged: string[] = [];
    const log = display.wrapLog((_level: LogLevel, message) => {
      written.push(`[log ${message}]\n`);
      logged.push(message);
    });
    display.start('monitor');
    display.update({ feedId: 'monitor', done: 0, total: 6, errors: 0 });
    display.update({ feedId: 'monitor', done: 4, total: 6, errors: 1 });
    log('warn', 'page failed');
    display.finish(REPORT);
    expect(written).toEqual([
      `${CLEAR}monitor: reading the source…`,
      `${CLEAR}monitor: 0/6 articles`,
      `${CLEAR}monitor: 4/6 articles · 1 error`,
      CLEAR,
      '[log page failed]\n',
      'monitor: 4/6 articles · 1 error',
      // Cut to the terminal's 40 columns (less one, so the cursor never wraps).
      `${CLEAR}${'monitor: ok · 6 discovered · 5 fetched ·'.slice(0, 39)}`,
      '\n',
    ]);
    expect(logged).toEqual(['page failed']);
  });

  it('on a terminal whose stdout shows the reports: clears the line at the end', () => {
    const { stream, written } = fakeTerminal(true);
    const display = createProgressDisplay(stream, { keepSummary: false });
    display.start('monitor');
    display.finish(REPORT);
    expect(written).toEqual([`${CLEAR}monitor: reading the source…`, CLEAR]);
  });

  it('not on a terminal: draws nothing and leaves the log as it is', () => {
    const { stream, written } = fakeTerminal(false);
    const display = createProgressDisplay(stream, { keepSummary: true });
    const log = () => undefined;
    display.start('monitor');
    display.update({ feedId: 'monitor', done: 1, total: 6, errors: 0 });
    display.finish(REPORT);
    expect(display.wrapLog(log)).toBe(log);
    expect(written).toEqual([]);
  });
});

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor', 'legacy']);
});
afterAll(async () => {
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
const SCRIPT = '/usr/bin/script';

/** The CLI inside a pseudo-terminal: stdout and stderr are both the terminal, as in an operator's shell. */
function runInTerminal(args: readonly string[]) {
  const cli = path.resolve(import.meta.dirname, '../../../src/runtime/node/cli.ts');
  const command = [process.execPath, cli, ...args].map(quote).join(' ');
  return runToEnd(
    spawn(SCRIPT, ['-qfc', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

describe('npm run refresh: progress and output', () => {
  it.skipIf(!existsSync(SCRIPT))(
    'on a terminal: a progress line per feed redrawn in place, a human line per report',
    async () => {
      const result = await runInTerminal(['refresh']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${CLEAR}legacy: reading the source…`);
      expect(result.stdout).toContain(`${CLEAR}monitor: 3/6 articles`);
      // The summary on stdout, on the line the progress was cleared from.
      const lines = result.stdout.split(/\r?\n/).map((line) => line.split(CLEAR).at(-1));
      expect(lines).toContain('monitor: ok · 6 discovered · 6 fetched · 0 unchanged · 0 pending · 0 failed · changed');
      expect(result.stdout).not.toContain('{"feedId"');
    },
  );

  it.skipIf(!existsSync(SCRIPT))('on a terminal with --json: the reports as JSON lines', async () => {
    const result = await runInTerminal(['refresh', '--json', 'monitor']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .split(/\r?\n/)
      .map((line) => line.split(CLEAR).at(-1) ?? '')
      .filter((line) => line.startsWith('{'));
    // A terminal shows stderr's JSON log lines too (`msg` first); the reports are the lines with a `feedId` first.
    const reports = lines.map((line) => JSON.parse(line) as { feedId?: string }).filter((line) => 'feedId' in line);
    expect(reports).toMatchObject([{ feedId: 'monitor' }]);
  });

  it('through pipes: no redrawing on stderr, JSON lines on stdout (with or without --json)', async () => {
    for (const args of [
      ['refresh', 'monitor'],
      ['refresh', '--json', 'monitor'],
    ]) {
      const env = { FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir };
      const result = await runToEnd(runNode('src/runtime/node/cli.ts', args, env));
      expect(result.code).toBe(0);
      expect(result.stderr).not.toContain(CLEAR);
      expect(result.stderr).toMatch(/"msg":"refreshed","feed":"monitor"/);
      expect(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { feedId: string }),
      ).toMatchObject([{ feedId: 'monitor', ok: true }]);
    }
  });

  it('refuses an unknown option with usage (exit 2)', async () => {
    const result = await runToEnd(runNode('src/runtime/node/cli.ts', ['refresh', '--jsno'], {}));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--jsno'");
  });
});
