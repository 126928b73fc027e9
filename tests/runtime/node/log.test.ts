/**
 * The Node log's two formats (src/runtime/node/log.ts): JSON lines for collectors, and `LOG_FORMAT=pretty`
 * for a person at a terminal, with colours only when asked; both filtered by `LOG_LEVEL`.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFormat } from '../../../src/core/config/runtime-config.ts';
import type { LogLevel } from '../../../src/core/ports.ts';
import type { RequestEvent } from '../../../src/core/serve/request-log.ts';
import { bufferStderr, createNodeLog, isoClock, requestLineWriterOf } from '../../../src/runtime/node/log.ts';
import { runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

function capture(minimum: LogLevel, format: LogFormat, colour = false) {
  const lines: string[] = [];
  const log = createNodeLog(minimum, { format, colour, write: (line) => lines.push(line) });
  return { log, lines };
}

describe('createNodeLog', () => {
  it('writes one JSON object per line, filtered by level', () => {
    const { log, lines } = capture('info', 'json');
    log('debug', 'fetch', { url: 'https://example.com/' });
    log('info', 'request', { method: 'GET', path: '/feeds/a.rss', status: 200, ms: 0.5, bytes: 1234 });
    log('error', 'request failed', { error: new RangeError('out of range') });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    const [request, failed] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(request).toMatchObject({ level: 'info', msg: 'request', method: 'GET', status: 200, bytes: 1234 });
    expect(request?.['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(failed).toMatchObject({ level: 'error', error: { name: 'RangeError', message: 'out of range' } });
  });

  it('writes a readable line with LOG_FORMAT=pretty: time, level, msg, then key=value with quotes only where needed', () => {
    const { log, lines } = capture('debug', 'pretty');
    log('warn', 'source failed', { feed: 'monitor', message: 'HTTP 503 from source', status: 503, empty: '' });
    const [time, ...rest] = (lines[0] ?? '').split(' ');
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rest.join(' ')).toBe(
      'WARN  source failed feed=monitor message="HTTP 503 from source" status=503 empty=""\n',
    );
    expect(lines[0]).not.toContain('\u001b[');
  });

  it('keeps a pretty event on one line when its message has line breaks', () => {
    const { log, lines } = capture('info', 'pretty');
    log('error', 'bad feed definition: a.json\nsecond line', { detail: 'x\ny' });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split('\n')).toHaveLength(2);
    expect(lines[0]).toContain('bad feed definition: a.json\\nsecond line detail="x\\ny"');
  });

  it('colours the time and level only when colour is on', () => {
    const { log, lines } = capture('info', 'pretty', true);
    log('error', 'boom', { feed: 'a' });
    const [time, rest] = (lines[0] ?? '').split(' ', 2);
    expect(time?.startsWith('\u001b[2m') && time.endsWith('\u001b[0m')).toBe(true);
    expect(lines[0]?.slice((time ?? '').length)).toBe(' \u001b[31mERROR\u001b[0m boom feed=a\n');
    expect(rest).toBe('\u001b[31mERROR\u001b[0m');
  });
});

describe('requestLineWriterOf', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Texts a request line may hold: a fast-path path, and anything a client could send or a route be called. */
  const text = fc.oneof(
    fc.constantFrom('GET', 'HEAD', '/feeds/:file', '/feeds/a.rss', '/feeds/bench.rss', 'unmatched', ''),
    // Credentials in a URL, which every log line redacts.
    fc.constantFrom('https://user:secret@example.com/', '/go?to=http://me:pw@host/x', 'a@b'),
    fc.webUrl({ withQueryParameters: true }).map((url) => url.replace('://', '://user:pw@')),
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('a', '@', '"', '\\', '\n', '\u007f', '\ud800', 'é', ':', '/') }),
  );
  const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(304, 0, -0, 0.001, 1e21, 1e-7, Number.NaN));
  const event = fc.record({ method: text, path: text, route: text, status: number, ms: number, bytes: number });
  const level = fc.constantFrom<LogLevel>('debug', 'info', 'warn', 'error');

  it("writes exactly what log('info', 'request', event) writes, for any event and LOG_LEVEL", () => {
    vi.useFakeTimers();
    fc.assert(
      fc.property(event, level, fc.integer({ min: -8.64e15, max: 8.64e15 }), (fields, minimum, now) => {
        vi.setSystemTime(now);
        const { log, lines } = capture(minimum, 'json');
        // A literal in RequestEvent's order, as Node's fast path makes them.
        const request: RequestEvent = { ...fields };
        requestLineWriterOf(log)?.(request);
        log('info', 'request', request);
        expect(lines).toHaveLength(minimum === 'info' || minimum === 'debug' ? 2 : 0);
        expect(lines[0]).toBe(lines[1]);
      }),
      { numRuns: 2000 },
    );
  });

  it('is there for the JSON format only, and for no other log', () => {
    expect(requestLineWriterOf(capture('info', 'json').log)).toBeTypeOf('function');
    expect(requestLineWriterOf(capture('info', 'pretty').log)).toBeUndefined();
    expect(requestLineWriterOf(() => undefined)).toBeUndefined();
  });
});

describe('bufferStderr', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function buffered(options: { maxChars?: number; maxDelayMs?: number } = {}) {
    const writes: string[] = [];
    const stderr = bufferStderr({ ...options, write: (text) => writes.push(text) });
    return { stderr, writes };
  }

  it('writes the lines of the last 50 ms together, in order, once 50 ms have passed since the first', () => {
    vi.useFakeTimers();
    const { stderr, writes } = buffered();
    stderr.write('a\n');
    vi.advanceTimersByTime(30);
    stderr.write('b\n');
    vi.advanceTimersByTime(19);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['a\nb\n']);
    stderr.write('c\n');
    vi.advanceTimersByTime(50);
    expect(writes).toEqual(['a\nb\n', 'c\n']);
    stderr.flush();
  });

  it('writes at once when the pending lines reach the size bound, and on flush', () => {
    vi.useFakeTimers();
    const { stderr, writes } = buffered({ maxChars: 10 });
    stderr.write('12345\n');
    stderr.write('6789\n');
    expect(writes).toEqual(['12345\n6789\n']);
    stderr.write('x\n');
    stderr.flush();
    expect(writes).toEqual(['12345\n6789\n', 'x\n']);
    // The timer of a batch written early does not write anything later.
    vi.advanceTimersByTime(100);
    expect(writes).toHaveLength(2);
  });

  /** A Node process that logs through a `bufferStderr` and then runs `then`; its exit code and stderr. */
  function runBuffered(then: string) {
    const module = pathToFileURL(path.resolve(import.meta.dirname, '../../../src/runtime/node/log.ts')).href;
    const script = `import { bufferStderr } from '${module}'; const stderr = bufferStderr({ maxDelayMs: 600_000 }); stderr.write('first\\n'); stderr.write('second\\n'); ${then}`;
    return runToEnd(
      spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] }),
    );
  }

  it('keeps no process alive, and writes what is pending when the process ends', async () => {
    // Written by the exit flush: the 10-minute timer neither wrote them nor kept the process alive.
    const { code, stderr } = await runBuffered('');
    expect(code).toBe(0);
    expect(stderr).toBe('first\nsecond\n');
  });

  it('writes what is pending before the stack of an uncaught exception, and at process.exit', async () => {
    const crashed = await runBuffered("throw new Error('boom');");
    expect(crashed.code).toBe(1);
    expect(crashed.stderr.startsWith('first\nsecond\n')).toBe(true);
    expect(crashed.stderr).toContain('Error: boom');
    const exited = await runBuffered('setTimeout(() => process.exit(3), 5);');
    expect(exited).toMatchObject({ code: 3, stderr: 'first\nsecond\n' });
  });
});

describe('npm start with LOG_FORMAT=pretty', () => {
  it('writes readable lines, not JSON', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lede-pretty-'));
    await mkdir(path.join(dir, 'feeds'));
    const env = {
      PORT: '0',
      FEEDS_DIR: path.join(dir, 'feeds'),
      DATA_DIR: path.join(dir, 'data'),
      LOG_FORMAT: 'pretty',
    };
    const server = await runStart(env);
    try {
      const url = await waitForUrl(server);
      const done = runToEnd(server);
      await (await fetch(`${url}/healthz`)).text();
      server.kill('SIGTERM');
      const lines = (await done).stderr.split('\n').filter((line) => line !== '');
      expect(
        lines.some((line) => / INFO {2}request method=GET path=\/healthz route=\/healthz status=200 /.test(line)),
      ).toBe(true);
      for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\S+Z (DEBUG|INFO |WARN |ERROR) \S/);
    } finally {
      server.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('isoClock', () => {
  it("gives new Date(now).toISOString() for any clock's readings, in any order", () => {
    const instant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: 1.7e12, max: 1.8e12 }),
      fc.constantFrom(0, -1, 999, 1000, -1000, -999, 8.64e15, -8.64e15, 253402300799999, 253402300800000),
    );
    // Runs of readings close together (the same second, the next millisecond) and far apart.
    const readings = fc.array(
      fc.tuple(instant, fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 8 })).map(([start, steps]) => {
        let at = start;
        return [start, ...steps.map((step) => (at = Math.min(8.64e15, at + step)))];
      }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(readings, (runs) => {
        const times = runs.flat();
        let index = 0;
        const now = isoClock(() => times[index] ?? 0);
        for (; index < times.length; index++) expect(now()).toBe(new Date(times[index] ?? 0).toISOString());
      }),
      { numRuns: 500 },
    );
  });
});
