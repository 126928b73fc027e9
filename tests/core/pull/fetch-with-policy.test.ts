/**
 * createPolicyFetchPage (core/pull/fetch-with-policy) over a scripted runtime fetch: redirect hops, the
 * subrequest hook, Retry-After with the injected clock, failure classification.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import { decodeBody } from '../../../src/core/pull/decode-body.ts';
import {
  createPolicyFetchPage,
  type HttpResponse,
  type SendRequest,
} from '../../../src/core/pull/fetch-with-policy.ts';

describe('createPolicyFetchPage with a scripted runtime fetch', () => {
  /** A runtime `fetch` that answers from a table of path → response factory, and logs the URLs asked for. */
  function script(routes: Record<string, () => Response | Promise<Response>>): { send: SendRequest; asked: string[] } {
    const asked: string[] = [];
    const send: SendRequest = async (url) => {
      asked.push(url);
      const route = routes[new URL(url).pathname];
      if (!route)
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
      return route();
    };
    return { send, asked };
  }
  const redirectTo = (location: string) => () => new Response(null, { status: 302, headers: { location } });

  it('reports every hop to onSubrequest, which may refuse one', async () => {
    const { send, asked } = script({ '/a': redirectTo('/b'), '/b': redirectTo('/c'), '/c': () => new Response('ok') });
    const hops: string[] = [];
    const fetchPage = createPolicyFetchPage({ send, onSubrequest: (url) => hops.push(new URL(url).pathname) });
    expect(await fetchPage({ url: 'https://a.example/a' })).toMatchObject({
      status: 'ok',
      url: 'https://a.example/c',
      body: 'ok',
    });
    expect(hops).toEqual(['/a', '/b', '/c']);
    const budget = createPolicyFetchPage({
      send,
      onSubrequest: (url) => {
        if (url.endsWith('/c')) throw new LedeError('http-status', 'subrequest budget spent', { cause: url });
      },
    });
    await expect(budget({ url: 'https://a.example/a' })).rejects.toMatchObject({ message: 'subrequest budget spent' });
    expect(asked.filter((url) => url.endsWith('/c'))).toHaveLength(1);
  });

  it('reads Retry-After dates with the injected clock', async () => {
    const { send } = script({
      '/busy': () => new Response('', { status: 429, headers: { 'retry-after': 'Wed, 12 Mar 2025 06:05:00 GMT' } }),
    });
    const fetchPage = createPolicyFetchPage({ send, now: () => Date.parse('2025-03-12T06:00:00Z') });
    await expect(fetchPage({ url: 'https://a.example/busy' })).rejects.toMatchObject({
      code: 'http-status',
      status: 429,
      retryAfter: 300,
    });
  });

  it('classifies runtime failures: timeouts by the runtime rule, the rest as network, cause kept', async () => {
    const slow = Object.assign(new Error('connect timed out'), { code: 'MY_TIMEOUT' });
    const { send } = script({ '/slow': () => Promise.reject(new TypeError('fetch failed', { cause: slow })) });
    const fetchPage = createPolicyFetchPage({
      send,
      isTimeout: (error) => (error as { code?: string }).code === 'MY_TIMEOUT',
    });
    await expect(fetchPage({ url: 'https://a.example/slow' })).rejects.toMatchObject({ code: 'timeout' });
    const refused = await fetchPage({ url: 'https://a.example/none' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'network', message: 'Could not fetch https://a.example/none: ECONNREFUSED' });
    expect((refused as LedeError).cause).toBeInstanceOf(TypeError);
  });

  it('treats a 300 Multiple Choices as an error, not a redirect', async () => {
    const { send } = script({ '/choose': () => new Response('', { status: 300, headers: { location: '/x' } }) });
    await expect(createPolicyFetchPage({ send })({ url: 'https://a.example/choose' })).rejects.toMatchObject({
      code: 'http-status',
      status: 300,
    });
  });

  // A timeout left armed after its fetch held its signal for the whole 30 s: at a refresh's fetch rate, a
  // backlog of thousands of timers and signals (bench/cases/memory.ts showed it as heap growth).
  it('disarms the timeout once a fetch has settled: its signal never fires afterwards', async () => {
    const signals: AbortSignal[] = [];
    const send: SendRequest = (_url, init) => {
      signals.push(init.signal);
      return Promise.resolve(new Response('ok'));
    };
    const fetchPage = createPolicyFetchPage({ send, totalTimeoutMs: 20, signal: new AbortController().signal });
    expect(await fetchPage({ url: 'https://a.example/a' })).toMatchObject({ status: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(signals.map((signal) => signal.aborted)).toEqual([false]);
  });

  /** A 200 whose body arrives as `chunks`, one a read. */
  function chunked(chunks: readonly Uint8Array[]): HttpResponse {
    let next = 0;
    const reader = {
      read: () => {
        const value = chunks[next++];
        return Promise.resolve(value === undefined ? { done: true } : { done: false, value });
      },
      cancel: () => Promise.resolve(),
    };
    const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
    return { status: 200, headers, body: { getReader: () => reader, cancel: () => Promise.resolve() } };
  }

  // A lone chunk is returned without a copy (src/core/pull/fetch-with-policy.ts, `concat`): however the bytes
  // are cut into chunks, and wherever `truncateAt` stops the read, the page is the same.
  it('reads the same page from one chunk or many, truncated or not', async () => {
    const arbitrary = fc.record({
      text: fc.string({ unit: 'binary', maxLength: 300 }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
      truncateAt: fc.option(fc.nat({ max: 1200 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ text, cuts, truncateAt }) => {
        const bytes = new TextEncoder().encode(text);
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((start, index) => bytes.slice(start, points[index] ?? bytes.length));
        const fetchPage = createPolicyFetchPage({ send: () => Promise.resolve(chunked(chunks)) });
        const read = truncateAt === undefined ? bytes : bytes.subarray(0, truncateAt);
        const request = { url: 'https://a.example/p', ...(truncateAt === undefined ? {} : { truncateAt }) };
        expect(await fetchPage(request)).toMatchObject({
          status: 'ok',
          body: decodeBody(read, 'text/html; charset=utf-8'),
          size: read.length,
        });
      }),
    );
  });
});
