/**
 * @module tests/runtime/worker/fetch-page
 * The Worker's `fetchPage` (src/runtime/worker/fetch-page.ts) inside workerd, against the fixture site's
 * well- and misbehaving routes: the same policy and error codes as the Node fetcher, with workerd's own
 * failures classified, and every redirect hop announced to (and refusable by) the subrequest budget.
 */
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import { DEFAULT_USER_AGENT } from '../../../src/core/pull/http-policy.ts';
import { createSubrequestBudget, isBudgetRefusal } from '../../../src/runtime/worker/budget.ts';
import { createWorkerFetchPage } from '../../../src/runtime/worker/fetch-page.ts';
import { fixtureSite } from './fixture-control.ts';

const site = fixtureSite();

async function failure(promise: Promise<unknown>): Promise<LedeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LedeError);
  return error as LedeError;
}

describe('Worker fetchPage', () => {
  it('sends the Lede User-Agent, Accept and the validators of a conditional GET', async () => {
    const page = await createWorkerFetchPage()({
      url: site.url('/echo'),
      etag: '"v1"',
      lastModified: 'Wed, 12 Mar 2025 06:00:00 GMT',
      accept: 'text/html',
    });
    expect(page.status).toBe('ok');
    const echoed = JSON.parse(page.status === 'ok' ? page.body : '{}') as { headers: Record<string, string> };
    expect(echoed.headers).toMatchObject({
      'user-agent': DEFAULT_USER_AGENT,
      accept: 'text/html',
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 12 Mar 2025 06:00:00 GMT',
    });
  });

  it('returns validators, then not-modified for a conditional GET that matches', async () => {
    const fetchPage = createWorkerFetchPage();
    const first = await fetchPage({ url: site.url('/rss') });
    expect(first.status === 'ok' && first.etag).toMatch(/^"/);
    const second = await fetchPage({ url: site.url('/rss'), etag: first.status === 'ok' ? first.etag : undefined });
    expect(second).toEqual({ status: 'not-modified', url: site.url('/rss') });
  });

  it('decodes a windows-1251 page by its <meta charset>', async () => {
    const page = await createWorkerFetchPage()({ url: site.url('/legacy/news/1001.html') });
    expect(page.status === 'ok' && page.body).toMatch(/[А-Яа-я]{4}/);
  });

  it('follows same-site redirects by hand, announcing every hop', async () => {
    const hops: string[] = [];
    const page = await createWorkerFetchPage({ onSubrequest: (url) => hops.push(new URL(url).pathname) })({
      url: site.url('/redirect/chain/2'),
    });
    expect(page.status === 'ok' && page.url).toBe(site.url('/politics/1101/senate-backs-water-code-overhaul'));
    expect(hops).toHaveLength(3);
  });

  it.each([
    ['/redirect/off-host', 'off-host-redirect'],
    ['/redirect/loop', 'too-many-redirects'],
    ['/huge-declared', 'too-large'],
    ['/status/404', 'http-status'],
  ])('%s fails with %s', async (path, code) => {
    expect((await failure(createWorkerFetchPage({ maxBodyBytes: 64 * 1024 })({ url: site.url(path) }))).code).toBe(
      code,
    );
  });

  it.each([
    ['/broken/gzip-truncated', 'truncated'],
    ['/broken/length-over', 'truncated'],
    ['/broken/gzip-garbage', 'bad-encoding'],
    ['/broken/br-garbage', 'bad-encoding'],
  ])('fails the broken body %s as %s, never reading it as the whole page', async (path, code) => {
    expect((await failure(createWorkerFetchPage()({ url: site.url(path) }))).code).toBe(code);
  });

  it('caps a body without Content-Length while reading the stream', async () => {
    expect((await failure(createWorkerFetchPage({ maxBodyBytes: 64 * 1024 })({ url: site.url('/huge') }))).code).toBe(
      'too-large',
    );
  });

  it('keeps the status and Retry-After of an error answer', async () => {
    const error = await failure(createWorkerFetchPage()({ url: site.url('/status/503?retry-after=120') }));
    expect(error).toMatchObject({ code: 'http-status', status: 503, retryAfter: 120 });
  });

  it('times out a server that never answers (AbortSignal.timeout)', async () => {
    expect(
      (await failure(createWorkerFetchPage({ totalTimeoutMs: 300 })({ url: site.url('/slow-headers') }))).code,
    ).toBe('timeout');
  });

  it('classifies an unreachable host as network', async () => {
    expect(
      (await failure(createWorkerFetchPage({ totalTimeoutMs: 5000 })({ url: 'http://lede-test.invalid/rss' }))).code,
    ).toBe('network');
  });

  it('refuses a request past the subrequest budget before making it', async () => {
    const budget = createSubrequestBudget(2);
    const fetchPage = budget.guard(createWorkerFetchPage({ onSubrequest: (url) => budget.take(url) }));
    const before = (await site.hits('/redirect/chain/2')).hits;
    const error = await failure(fetchPage({ url: site.url('/redirect/chain/2') }));
    expect(isBudgetRefusal(error)).toBe(true);
    expect(error.code).toBe('network');
    expect(budget.used).toBe(2);
    expect([...budget.refused]).toEqual([site.url('/redirect/chain/2')]);
    expect((await site.hits('/redirect/chain/2')).hits).toBe(before + 1);
  });
});
