/**
 * What an operator sees of `npm start`, as a real process with `LOG_LEVEL=debug`: every stderr line is one
 * JSON object (`time`, `level`, `msg`, fields), a request makes a `request` line, a refresh makes `fetch`
 * lines, `/metrics` answers the Prometheus text format behind its tokens and its counters move — and neither
 * token nor a source URL's password ever shows in a log line or an answer.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { fixtureFeedDefinitions } from '../../fixtures/site/definitions.ts';
import { parseExposition, sample } from '../../helpers/prometheus-text.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

const ADMIN_TOKEN = 'admin-7f3a9c0e-do-not-log';
const METRICS_TOKEN = 'metrics-51be0d2a-do-not-log';
const SOURCE_PASSWORD = 'hunter2-do-not-log';

interface Entry {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let server: Awaited<ReturnType<typeof runStart>>;
let url: string;
let stderr = '';
let stdout = '';
/** Every answer's status line, headers and body, searched for secrets at the end. */
const answers: string[] = [];

const entries = () =>
  stderr
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Entry);

async function call(route: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${url}${route}`, init);
  const body = await response.text();
  answers.push(`${String(response.status)} ${JSON.stringify([...response.headers])} ${body}`);
  return new Response(response.status === 304 ? null : body, { status: response.status, headers: response.headers });
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never saw ${what}:\n${stderr}`);
}

async function scrape(token = METRICS_TOKEN) {
  const response = await call('/metrics', bearer(token));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor', 'blog']);
  // A source whose URL carries credentials: they must never be logged (and undici refuses such a URL).
  const secret = { ...fixtureFeedDefinitions(site.origin)['monitor'] };
  secret['source'] = { type: 'feed', url: site.origin.replace('//', `//reader:${SOURCE_PASSWORD}@`) + '/rss' };
  await writeFile(path.join(workspace.feedsDir, 'secret.json'), JSON.stringify(secret));
  server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
    ADMIN_TOKEN,
    METRICS_TOKEN,
    LOG_LEVEL: 'debug',
  });
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  url = await waitForUrl(server);
  await until(() => entries().filter((entry) => entry.msg === 'refreshed').length === 3, 'three refreshed lines');
});

afterAll(async () => {
  server.kill('SIGKILL');
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

describe('npm start with LOG_LEVEL=debug: logs', () => {
  it('writes one JSON object per stderr line, each with an ISO time, a level and a msg', () => {
    const lines = stderr.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(5);
    for (const entry of entries()) {
      expect(entry.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['debug', 'info', 'warn', 'error']).toContain(entry.level);
      expect(typeof entry.msg).toBe('string');
    }
    expect(entries().find((entry) => entry.msg === 'serving')).toMatchObject({ level: 'info', url, feeds: 3 });
  });

  it('logs a request line per answer: method, path without its query, route, status, ms, bytes', async () => {
    const before = entries().length;
    expect((await call('/feeds/monitor.rss?utm_source=x&token=abc')).status).toBe(200);
    await until(
      () =>
        entries()
          .slice(before)
          .some((entry) => entry.msg === 'request'),
      'a request line',
    );
    const line = entries()
      .slice(before)
      .find((entry) => entry.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', path: '/feeds/monitor.rss', route: '/feeds/:file' });
    expect(line).toMatchObject({ status: 200 });
    expect(typeof line?.['ms']).toBe('number');
    expect(line?.['bytes']).toBeGreaterThan(0);
    expect(JSON.stringify(line)).not.toContain('token=abc');
  });

  it("logs a stored feed's GET and 304, answered in front of the app (src/runtime/node/fast-feeds.ts), as every request line", async () => {
    const before = stderr.length;
    const requestLines = () =>
      stderr
        .slice(before)
        .split('\n')
        .filter((line) => line.includes('"msg":"request"'));
    const first = await call('/feeds/monitor.rss');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect((await call('/feeds/monitor.rss', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await until(() => requestLines().length >= 2, 'two request lines');
    const head = String.raw`^\{"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","level":"info","msg":"request","method":"GET",`;
    const feed = String.raw`"path":"/feeds/monitor\.rss","route":"/feeds/:file",`;
    const [ok, notModified] = requestLines();
    expect(ok).toMatch(new RegExp(`${head}${feed}"status":200,"ms":\\d+(\\.\\d+)?,"bytes":[1-9]\\d*\\}$`));
    expect(notModified).toMatch(new RegExp(`${head}${feed}"status":304,"ms":\\d+(\\.\\d+)?,"bytes":0\\}$`));
  });

  it('logs a debug fetch line per page read: url, status, bytes, ms, conditional', async () => {
    const fetches = entries().filter((entry) => entry.msg === 'fetch');
    const first = fetches.find((entry) => entry.url === `${site.origin}/rss`);
    expect(first).toMatchObject({ level: 'debug', outcome: 'ok', status: 200, conditional: false });
    expect(first?.['bytes']).toBeGreaterThan(0);
    expect(typeof first?.['ms']).toBe('number');
    const before = entries().length;
    const refresh = await call('/admin/refresh/monitor', { method: 'POST', ...bearer(ADMIN_TOKEN) });
    expect(refresh.status).toBe(200);
    // Log lines reach stderr up to 50 ms after they are written (bufferStderr), so possibly after the answer.
    const isSourceFetch = (entry: Record<string, unknown>) =>
      entry.msg === 'fetch' && entry.url === `${site.origin}/rss`;
    await until(() => entries().slice(before).some(isSourceFetch), 'a fetch line for the source');
    const again = entries().slice(before).find(isSourceFetch);
    expect(again).toMatchObject({ outcome: 'not-modified', status: 304, conditional: true });
  });

  it('redacts the credentials of a source URL in fetch lines and errors', () => {
    const failed = entries().find((entry) => entry.msg === 'fetch' && entry.outcome === 'network');
    expect(failed?.url).toBe(site.origin.replace('//', '//***@') + '/rss');
    const sourceFailed = entries().find((entry) => entry.msg === 'source failed' && entry.feed === 'secret');
    expect(sourceFailed).toMatchObject({ level: 'warn', code: 'network' });
    expect(JSON.stringify(sourceFailed)).toContain('//***@');
  });

  it('keeps them out of the stored report too, which the public /healthz and the admin API show', async () => {
    const health = (await (await call('/healthz')).json()) as { feeds: { id: string; lastError: unknown }[] };
    const lastError = health.feeds.find((feed) => feed.id === 'secret')?.lastError;
    expect(lastError).toMatchObject({ code: 'network', url: site.origin.replace('//', '//***@') + '/rss' });
    // Asked for by hand, the source is tried again at once (Lede's backoff binds only scheduled runs).
    const report = await call('/admin/refresh/secret', { method: 'POST', ...bearer(ADMIN_TOKEN) });
    expect(await report.json()).toMatchObject({ ok: false, errors: [{ code: 'network' }] });
  });
});

describe('npm start: GET /metrics', () => {
  it('answers 401 without a token or with a wrong one; METRICS_TOKEN opens /metrics but not the admin API', async () => {
    expect((await call('/metrics')).status).toBe(401);
    expect((await call('/metrics', bearer('wrong'))).status).toBe(401);
    expect((await call('/metrics', bearer(ADMIN_TOKEN))).status).toBe(200);
    expect((await call('/admin/refresh/blog', { method: 'POST', ...bearer(METRICS_TOKEN) })).status).toBe(401);
    expect((await call('/admin/refresh/blog', { method: 'POST' })).status).toBe(401);
  });

  it('counts refreshes, fetches, published items, requests and their latency, plus the process metrics', async () => {
    const first = await scrape();
    expect(sample(first, 'lede_refreshes_total', { feed: 'monitor', outcome: 'ok' })).toBe(1);
    expect(sample(first, 'lede_refreshes_total', { feed: 'monitor', outcome: 'not-modified' })).toBe(1);
    // At start-up, and by the admin call of the test above.
    expect(sample(first, 'lede_refreshes_total', { feed: 'secret', outcome: 'failed' })).toBe(2);
    expect(sample(first, 'lede_refresh_duration_seconds_count', { feed: 'blog' })).toBe(1);
    expect(sample(first, 'lede_items_published_total', { feed: 'monitor' })).toBeGreaterThan(0);
    expect(sample(first, 'lede_fetches_total', { outcome: 'network' })).toBe(2);
    expect(sample(first, 'lede_fetches_total', { outcome: 'not-modified' })).toBeGreaterThanOrEqual(1);
    expect(first.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(first.types.get('lede_http_request_duration_seconds')).toBe('histogram');

    const feedOk = { route: '/feeds/:file', status: '200' };
    const requestsBefore = sample(first, 'lede_http_requests_total', feedOk) ?? 0;
    const feedDurations = { route: '/feeds/:file', le: '+Inf' };
    // Every status of the route (the 304 of a test above too).
    const timedBefore = sample(first, 'lede_http_request_duration_seconds_bucket', feedDurations) ?? 0;
    const fetchesBefore = sample(first, 'lede_fetches_total', { outcome: 'ok' }) ?? 0;
    await call('/feeds/blog.json');
    await call('/nowhere');
    await call('/admin/refresh/blog', { method: 'POST', ...bearer(ADMIN_TOKEN) });
    const second = await scrape(ADMIN_TOKEN);
    expect(sample(second, 'lede_http_requests_total', feedOk)).toBe(requestsBefore + 1);
    expect(sample(second, 'lede_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(second, 'lede_http_requests_total', { route: '/metrics', status: '401' })).toBe(2);
    expect(sample(second, 'lede_http_request_duration_seconds_bucket', feedDurations)).toBe(timedBefore + 1);
    expect(sample(second, 'lede_refreshes_total', { feed: 'blog', outcome: 'not-modified' })).toBe(1);
    expect(sample(second, 'lede_fetches_total', { outcome: 'not-modified' })).toBeGreaterThan(
      sample(first, 'lede_fetches_total', { outcome: 'not-modified' }) ?? 0,
    );
    expect(sample(second, 'lede_fetches_total', { outcome: 'ok' })).toBe(fetchesBefore);
  });
});

describe('npm start: no secret leaves the process', () => {
  it('never shows a token or a source password in any log line or answer, through to shutdown', async () => {
    const done = runToEnd(server);
    server.kill('SIGTERM');
    expect((await done).code).toBe(0);
    const everything = [stderr, stdout, ...answers].join('\n');
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const secret of [ADMIN_TOKEN, METRICS_TOKEN, SOURCE_PASSWORD]) expect(everything).not.toContain(secret);
  });
});
