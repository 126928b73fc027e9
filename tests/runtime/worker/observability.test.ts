/**
 * @module tests/runtime/worker/observability
 * What an operator sees of the Worker, inside workerd: every log event reaches `console` as one object of the
 * Node log's shape (`time`, `level`, `msg`, then the fields: src/core/log-entry.ts), a request makes a
 * `request` event and a tick makes debug `fetch` events, a source URL's credentials are redacted — and
 * `/metrics` is not there (404, with or without a token: docs/workers.md, "Metrics").
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite, renderRss } from './fixture-control.ts';
import { envWith, request, tick, uniquePrefix, workerFor } from './worker-helpers.ts';

const site = fixtureSite();
const prefix = uniquePrefix('observe');
const ADMIN_TOKEN = 'worker-admin-3c1d';
const METRICS_TOKEN = 'worker-metrics-9e2f';
const SOURCE_PASSWORD = 'hunter2-worker';

const definition = (url: string) => ({
  title: 'Observed',
  site: `${site.origin}/`,
  language: 'en',
  source: { type: 'feed', url },
  article: { content: '.article__body' },
  license: { maxShare: 0.3, attribution: 'The Qazaqstan Monitor' },
});
const worker = workerFor({
  observed: definition(site.url(`${prefix}/rss`)),
  secret: definition(site.url(`${prefix}/rss`).replace('//', `//reader:${SOURCE_PASSWORD}@`)),
});
// METRICS_TOKEN is not a Worker variable; set anyway, it opens nothing.
const workerEnv = Object.assign(envWith({ ARTICLE_QUEUE: undefined, LOG_LEVEL: 'debug', ADMIN_TOKEN }), {
  METRICS_TOKEN,
});

interface Logged {
  readonly method: 'debug' | 'log' | 'warn' | 'error';
  readonly args: unknown[];
}

const METHODS = ['debug', 'log', 'warn', 'error'] as const;
const originals = { debug: console.debug, log: console.log, warn: console.warn, error: console.error };
let logged: Logged[] = [];

/** Take what the Worker hands `console` for the length of one test (then give `console` back). */
function captureConsole(): void {
  logged = [];
  for (const method of METHODS) console[method] = (...args: unknown[]) => logged.push({ method, args });
}
afterEach(() => {
  Object.assign(console, originals);
});

const entries = () => logged.map((call) => call.args[0] as Record<string, unknown>);

beforeAll(async () => {
  const article = await site.addArticle({
    path: `${prefix}/news/1/first`,
    title: 'First story from the steppe',
    paragraphs: ['One paragraph that says what happened this morning in the capital, at some length.'],
    published: '2025-03-13T08:00:00+05:00',
  });
  await site.setFile(
    `${prefix}/rss`,
    renderRss('Observed', [{ url: article, title: 'First', published: '2025-03-13T08:00:00+05:00' }]),
  );
});

describe('the Worker log', () => {
  it('hands console one object per event, { time, level, msg, …fields }, a request line per answer', async () => {
    captureConsole();
    const response = await request(worker, workerEnv, '/healthz?token=abc');
    Object.assign(console, originals);
    expect(response.status).toBe(200);
    expect(logged.every((call) => call.args.length === 1 && typeof call.args[0] === 'object')).toBe(true);
    const line = entries().find((entry) => entry['msg'] === 'request');
    expect(Object.keys(line ?? {})).toEqual([
      'time',
      'level',
      'msg',
      'method',
      'path',
      'route',
      'status',
      'ms',
      'bytes',
    ]);
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/healthz', route: '/healthz', status: 200 });
    expect(line?.['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(typeof line?.['ms']).toBe('number');
    expect(line?.['bytes']).toBeGreaterThan(0);
    expect(logged.find((call) => call.args[0] === line)?.method).toBe('log');
  });

  it('logs a debug fetch event per page a tick reads, with the credentials of a source URL redacted', async () => {
    captureConsole();
    await tick(worker, workerEnv, Date.now());
    Object.assign(console, originals);
    const fetches = entries().filter((entry) => entry['msg'] === 'fetch');
    const source = fetches.find((entry) => entry['url'] === site.url(`${prefix}/rss`));
    expect(source).toMatchObject({ level: 'debug', outcome: 'ok', status: 200, conditional: false });
    expect(source?.['bytes']).toBeGreaterThan(0);
    expect(typeof source?.['ms']).toBe('number');
    const secret = fetches.find((entry) => String(entry['url']).includes('***@'));
    expect(secret?.['url']).toBe(site.url(`${prefix}/rss`).replace('//', '//***@'));
    expect(JSON.stringify(logged.map((call) => call.args))).not.toContain(SOURCE_PASSWORD);
  });
});

describe('GET /metrics on the Worker', () => {
  it('is not there: 404 with either token or none, and no token in the answer', async () => {
    captureConsole();
    for (const token of [undefined, ADMIN_TOKEN, METRICS_TOKEN]) {
      const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
      const response = await request(worker, workerEnv, '/metrics', { headers });
      expect(response.status).toBe(404);
      const body = await response.text();
      expect(body).not.toContain(ADMIN_TOKEN);
      expect(body).not.toContain(METRICS_TOKEN);
    }
  });
});
