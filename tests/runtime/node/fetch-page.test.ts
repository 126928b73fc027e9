/**
 * The Node FetchPage (undici) against the fixture site on 127.0.0.1: decoding, conditional GET,
 * redirects, every failure route and its error code, and the per-host concurrency limit as the server
 * counts it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import type { FetchPageResult } from '../../../src/core/ports.ts';
import {
  createNodeFetchPage,
  type NodeFetchPage,
  type NodeFetchPageOptions,
} from '../../../src/runtime/node/fetch-page.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';

let site: FixtureSite;
const fetchers: NodeFetchPage[] = [];

beforeAll(async () => {
  site = await startFixtureSite();
});
afterEach(() => site.reset());
afterAll(async () => {
  await Promise.all(fetchers.map((fetcher) => fetcher.close()));
  await site.close();
});

function createFetcher(options: NodeFetchPageOptions = {}): NodeFetchPage {
  const fetcher = createNodeFetchPage(options);
  fetchers.push(fetcher);
  return fetcher;
}

async function fetchOk(path: string, fetcher = createFetcher()): Promise<Extract<FetchPageResult, { status: 'ok' }>> {
  const result = await fetcher({ url: site.url(path) });
  if (result.status !== 'ok') throw new Error(`expected ok for ${path}, got ${result.status}`);
  return result;
}

async function catchLedeError(promise: Promise<unknown>): Promise<LedeError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LedeError);
  expect((error as LedeError).cause).toBeDefined();
  return error as LedeError;
}

describe('createNodeFetchPage: success', () => {
  it('fetches a page with its validators, as the Lede bot', async () => {
    const page = await fetchOk('/politics/1101/senate-backs-water-code-overhaul');
    expect(page.url).toBe(site.url('/politics/1101/senate-backs-water-code-overhaul'));
    expect(page.contentType).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<div class="article__body"');
    expect(page.etag).toMatch(/^"[0-9a-f]+"$/);
    expect(page.lastModified).toBe('Wed, 12 Mar 2025 06:00:00 GMT');
    expect(site.requests.at(-1)?.headers['user-agent']).toBe(
      'Lede/0.1 (+https://github.com/lede-feeds/lede; feed syndication bot)',
    );
  });

  it('sends Accept and a custom User-Agent', async () => {
    const fetcher = createFetcher({ userAgent: 'TestBot/1' });
    await fetcher({ url: site.url('/rss'), accept: 'application/rss+xml' });
    expect(site.requests.at(-1)?.headers).toMatchObject({ 'user-agent': 'TestBot/1', accept: 'application/rss+xml' });
  });

  it('drops the BOM of the UTF-8 RSS', async () => {
    const page = await fetchOk('/rss');
    expect(page.body.startsWith('\n<?xml')).toBe(true);
  });

  it('decodes the Kazakh article', async () => {
    const page = await fetchOk('/culture/1107/nauryz-auyldagy-koktem');
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']) expect(page.body).toContain(letter);
  });

  it.each([
    ['<meta charset>', '/legacy/news/1001.html', 'text/html', 'В Караганде открылся обновлённый краеведческий музей'],
    [
      'only the HTTP header',
      '/legacy/news/1002.html',
      'text/html; charset=windows-1251',
      'Зимний рейс в Павлодар задержали из-за метели',
    ],
    ['<meta http-equiv>', '/legacy/news/1003.html', 'text/html', 'Студенты Усть-Каменогорска собрали библиотеку'],
    ['the XML declaration', '/legacy/rss', 'application/rss+xml', 'Региональные новости'],
  ])('decodes windows-1251 named by %s', async (_how, path, contentType, text) => {
    const page = await fetchOk(path);
    expect(page.contentType).toBe(contentType);
    expect(page.body).toContain(text);
    expect(page.body).not.toContain('\uFFFD');
  });

  it('follows same-site redirects and reports the final URL', async () => {
    const target = site.url('/politics/1101/senate-backs-water-code-overhaul');
    expect((await fetchOk('/redirect/ok')).url).toBe(target);
    expect((await fetchOk('/redirect/chain/5')).url).toBe(target);
  });
});

describe('createNodeFetchPage: conditional GET', () => {
  it('answers not-modified for a matching ETag, and sends the validators', async () => {
    const fetcher = createFetcher();
    const first = await fetchOk('/rss', fetcher);
    const second = await fetcher({ url: site.url('/rss'), etag: first.etag, lastModified: first.lastModified });
    expect(second).toEqual({ status: 'not-modified', url: site.url('/rss') });
    expect(site.hits.get('/rss')).toBe(2);
    expect(site.notModified.get('/rss')).toBe(1);
    expect(site.requests.at(-1)?.headers).toMatchObject({
      'if-none-match': first.etag,
      'if-modified-since': first.lastModified,
    });
  });

  it('answers not-modified from Last-Modified alone', async () => {
    site.validators = { etag: false, lastModified: true };
    const fetcher = createFetcher();
    const first = await fetchOk('/atom.xml', fetcher);
    expect(first.etag).toBeUndefined();
    const second = await fetcher({ url: site.url('/atom.xml'), lastModified: first.lastModified });
    expect(second.status).toBe('not-modified');
  });

  it('fetches again once the page changed', async () => {
    const fetcher = createFetcher();
    const first = await fetchOk('/rss', fetcher);
    site.setFile(
      '/rss',
      first.body.replace('</channel>', '<item><title>New</title><link>{{origin}}/new</link></item></channel>'),
    );
    const second = await fetcher({ url: site.url('/rss'), etag: first.etag, lastModified: first.lastModified });
    expect(second.status).toBe('ok');
    expect(second.status === 'ok' && second.etag).not.toBe(first.etag);
  });
});

describe('createNodeFetchPage: failures', () => {
  it.each([
    ['/status/404', 404],
    ['/status/500', 500],
  ])('%s → http-status %i', async (path, status) => {
    const error = await catchLedeError(createFetcher()({ url: site.url(path) }));
    expect(error).toMatchObject({ code: 'http-status', status });
    expect(error.retryAfter).toBeUndefined();
  });

  it('parses Retry-After seconds and HTTP-dates on 503', async () => {
    const fetcher = createFetcher();
    const seconds = await catchLedeError(fetcher({ url: site.url('/status/503?retry-after=120') }));
    expect(seconds).toMatchObject({ code: 'http-status', status: 503, retryAfter: 120 });
    const date = new Date(Date.now() + 3_600_000).toUTCString();
    const dated = await catchLedeError(
      fetcher({ url: site.url(`/status/503?retry-after=${encodeURIComponent(date)}`) }),
    );
    expect(dated.retryAfter).toBeGreaterThan(3_000);
    expect(dated.retryAfter).toBeLessThanOrEqual(3_600);
  });

  it('refuses a redirect off the host without following it', async () => {
    const error = await catchLedeError(createFetcher()({ url: site.url('/redirect/off-host') }));
    expect(error.code).toBe('off-host-redirect');
    expect(site.hits.get('/rss')).toBeUndefined();
  });

  it('stops a redirect loop at the limit', async () => {
    const error = await catchLedeError(createFetcher({ maxRedirects: 3 })({ url: site.url('/redirect/loop') }));
    expect(error.code).toBe('too-many-redirects');
    expect((site.hits.get('/redirect/loop') ?? 0) + (site.hits.get('/redirect/loop-back') ?? 0)).toBe(4);
  });

  it('counts redirects exactly', async () => {
    const fetcher = createFetcher({ maxRedirects: 5 });
    expect((await fetcher({ url: site.url('/redirect/chain/5') })).status).toBe('ok');
    expect((await catchLedeError(fetcher({ url: site.url('/redirect/chain/6') }))).code).toBe('too-many-redirects');
  });

  it.each([
    ['a body that trickles forever', '/slow?interval=20'],
    ['headers that never come', '/slow-headers'],
  ])('times out on %s', async (_what, path) => {
    const error = await catchLedeError(createFetcher({ totalTimeoutMs: 300 })({ url: site.url(path) }));
    expect(error.code).toBe('timeout');
  });

  it.each(['/huge', '/huge-declared'])('aborts %s at the body cap', async (path) => {
    const error = await catchLedeError(createFetcher({ maxBodyBytes: 200_000 })({ url: site.url(path) }));
    expect(error.code).toBe('too-large');
  });

  it.each([
    ['a gzip body cut off in the middle', '/broken/gzip-truncated', 'truncated'],
    ['a body shorter than its Content-Length', '/broken/length-over', 'truncated'],
    ['a "gzip" body that is not gzip', '/broken/gzip-garbage', 'bad-encoding'],
    ['a "br" body that is not Brotli', '/broken/br-garbage', 'bad-encoding'],
  ])('fails %s as %s, never reading it as the whole page', async (_what, path, code) => {
    const error = await catchLedeError(createFetcher()({ url: site.url(path) }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(site.url(path));
  });

  it('reads exactly Content-Length bytes when the server sends more (HTTP framing), and the pool stays usable', async () => {
    const fetcher = createFetcher();
    const page = await fetcher({ url: site.url('/broken/length-under') });
    expect(page.status === 'ok' && page.body).toBe('<?xml version="1.0" ');
    expect((await fetcher({ url: site.url('/rss') })).status).toBe('ok');
  });

  it('reads a body up to the cap', async () => {
    const size = (await (await fetch(site.url('/rss'))).arrayBuffer()).byteLength;
    const page = await createFetcher({ maxBodyBytes: size + 10 })({ url: site.url('/rss') });
    expect(page.status).toBe('ok');
  });

  it('reports a refused connection as network', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await catchLedeError(createFetcher()({ url: `http://127.0.0.1:${port}/` }));
    expect(error.code).toBe('network');
  });

  it('reports an unusable URL as network', async () => {
    expect((await catchLedeError(createFetcher()({ url: 'not a url' }))).code).toBe('network');
  });
});

describe('createNodeFetchPage: per-host concurrency', () => {
  it('never has more than perHostConcurrency requests at the server, and queues the rest', async () => {
    // A site of its own, so no connection left over from other tests counts towards the peak.
    const quiet = await startFixtureSite();
    const fetcher = createFetcher({ perHostConcurrency: 2 });
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => fetcher({ url: quiet.url(`/hold/${i}`) })));
    for (let remaining = 6; remaining > 0; remaining--) {
      await quiet.waitForHeld(Math.min(2, remaining));
      quiet.release(1);
    }
    const results = await all;
    await quiet.close();
    expect(results.every((result) => result.status === 'ok')).toBe(true);
    expect(quiet.peakConcurrency).toBe(2);
    expect(quiet.hits.size).toBe(6);
  });

  it('limits each host separately', async () => {
    const fetcher = createFetcher({ perHostConcurrency: 1 });
    const other = site.origin.replace('127.0.0.1', 'localhost');
    const both = Promise.all([
      fetcher({ url: site.url('/hold/a') }),
      fetcher({ url: `${other}/hold/b`, allowedHost: 'localhost' }),
    ]);
    await site.waitForHeld(2);
    site.release(2);
    expect((await both).map((result) => result.status)).toEqual(['ok', 'ok']);
  });
});

describe('createNodeFetchPage: abort (shutdown)', () => {
  it('rejects fetches in flight, mid-body and queued with aborted, at once', async () => {
    const stopping = new AbortController();
    const fetcher = createFetcher({ signal: stopping.signal, perHostConcurrency: 2 });
    const started = Date.now();
    const pending = ['/slow-headers', '/slow?interval=50', '/politics/1101/senate-backs-water-code-overhaul'].map(
      (path) =>
        fetcher({ url: site.url(path) }).then(
          () => 'fetched',
          (error: unknown) => error,
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    stopping.abort(new Error('shutting down'));
    const outcomes = await Promise.all(pending);
    expect(Date.now() - started).toBeLessThan(2000);
    for (const outcome of outcomes) {
      expect(outcome).toBeInstanceOf(LedeError);
      expect((outcome as LedeError).code).toBe('aborted');
    }
    await expect(fetcher({ url: site.url('/rss') })).rejects.toMatchObject({ code: 'aborted' });
  });
});
