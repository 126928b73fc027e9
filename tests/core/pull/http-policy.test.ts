/**
 * Pure pieces of the pull stage shared by both runtimes' fetchers: charset decoding, date parsing,
 * Retry-After, redirect-hop checks, the per-host limiter and the site/URL rules. No network here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import { decodeBody } from '../../../src/core/pull/decode-body.ts';
import { createPolicyFetchPage, type SendRequest } from '../../../src/core/pull/fetch-with-policy.ts';
import { createHostLimiter } from '../../../src/core/pull/host-limiter.ts';
import {
  buildRequestHeaders,
  DEFAULT_HTTP_LIMITS,
  DEFAULT_USER_AGENT,
  parseMaxAge,
  parseRetryAfter,
  resolveHttpLimits,
  resolveRedirect,
} from '../../../src/core/pull/http-policy.ts';
import { parseDate } from '../../../src/core/dates.ts';
import { isSameSite, normalizeEntryUrl } from '../../../src/core/pull/source-urls.ts';
import { encodeSingleByte } from '../../fixtures/site/encode-legacy.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

function catchError(run: () => unknown): LedeError {
  try {
    run();
  } catch (error) {
    if (error instanceof LedeError) return error;
    throw error;
  }
  throw new Error('expected a LedeError');
}

describe('decodeBody', () => {
  const russian = 'Вестник Степи: «Привет», ёжик — №1';
  const cp1251 = encodeSingleByte(russian, 'windows-1251');

  it.each([
    ['header charset', cp1251, 'text/html; charset=windows-1251'],
    ['header charset, quoted and upper-case', cp1251, 'text/html; Charset="WINDOWS-1251"'],
    ['header alias cp1251', cp1251, 'text/plain; charset=cp1251'],
    ['koi8-r from the header', encodeSingleByte('Вестник Степи, ёжик', 'koi8-r'), 'text/plain; charset=koi8-r'],
  ])('decodes by %s', (name, bytes, contentType) => {
    expect(decodeBody(bytes, contentType)).toBe(name.startsWith('koi8') ? 'Вестник Степи, ёжик' : russian);
  });

  it.each([
    ['<meta charset>', '<!doctype html><html><head><meta charset="windows-1251"><title>', 'text/html'],
    [
      '<meta http-equiv>',
      '<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">',
      undefined,
    ],
    ['an XML declaration', '<?xml version="1.0" encoding="windows-1251"?><rss><title>', 'application/xml'],
  ])('sniffs %s in the first 1024 bytes when the header names no charset', (_name, head, contentType) => {
    const bytes = encodeSingleByte(`${head}${russian}`, 'windows-1251');
    expect(decodeBody(bytes, contentType)).toBe(`${head}${russian}`);
  });

  it('ignores a declaration past the first 1024 bytes and falls back to UTF-8', () => {
    const late = utf8(`${' '.repeat(1100)}<meta charset="windows-1251">Қазақстан`);
    expect(decodeBody(late, 'text/html')).toContain('Қазақстан');
  });

  it('lets a BOM win over the header (WHATWG Encoding "decode")', () => {
    const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('Әлем'));
    expect(decodeBody(bytes, 'text/html; charset=windows-1251')).toBe('Әлем');
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Uint8Array.of(0xff, 0xfe, 0x1a, 0x04, 0x30, 0x04); // "Ка"
    const be = Uint8Array.of(0xfe, 0xff, 0x04, 0x1a, 0x04, 0x30);
    expect(decodeBody(le, undefined)).toBe('Ка');
    expect(decodeBody(be, undefined)).toBe('Ка');
  });

  it('treats a sniffed UTF-16 declaration as UTF-8 (HTML §13.2.3.3)', () => {
    expect(decodeBody(utf8('<meta charset="utf-16">Өнер'), 'text/html')).toBe('<meta charset="utf-16">Өнер');
  });

  it('falls back to UTF-8 for unknown labels and never throws', () => {
    expect(decodeBody(utf8('ұлттық'), 'text/html; charset=x-no-such-charset')).toBe('ұлттық');
    expect(decodeBody(utf8('<meta charset="bogus">ү'), undefined)).toBe('<meta charset="bogus">ү');
    expect(decodeBody(Uint8Array.of(0xff, 0x41), 'text/plain')).toBe('\uFFFDA');
  });

  it('reads iso-8859-1 as windows-1252, as the Encoding Standard maps it', () => {
    expect(decodeBody(Uint8Array.of(0x93, 0x63, 0x61, 0x66, 0xe9, 0x94), 'text/html; charset=iso-8859-1')).toBe(
      '“café”',
    );
  });

  it('round-trips any string as UTF-8 when nothing is declared', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const clean = text.replace(/^\uFEFF/, '').replace(/<\?xml|<meta/gi, '');
        expect(decodeBody(utf8(clean), undefined)).toBe(clean);
      }),
    );
  });
});

describe('parseDate', () => {
  it.each([
    ['Wed, 12 Mar 2025 09:40:00 +0500', '2025-03-12T04:40:00.000Z'],
    ['Tue, 11 Mar 2025 11:05:00 GMT', '2025-03-11T11:05:00.000Z'],
    ['11 Mar 2025 11:05 EST', '2025-03-11T16:05:00.000Z'],
    ['Mon, 23 Jan 23 10:11:00 +0600', '2023-01-23T04:11:00.000Z'],
    ['Thu, 5 November 2009 03:45:00 -0000', '2009-11-05T03:45:00.000Z'],
    ['2023-01-23T10:11:00+06:00', '2023-01-23T04:11:00.000Z'],
    ['2025-03-12T09:40:00.250Z', '2025-03-12T09:40:00.250Z'],
    ['2025-03-12T09:40:00+0500', '2025-03-12T04:40:00.000Z'],
    ['2025-03-12 09:40:00', '2025-03-12T09:40:00.000Z'],
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['  2024-06-01T10:00Z ', '2024-06-01T10:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([undefined, '', 'yesterday', '2025-13-01', '32 Jan 2025 10:00:00 GMT', 'Wed, 12 Foo 2025 09:40:00 GMT'])(
    'gives undefined for %j',
    (input) => {
      expect(parseDate(input)).toBeUndefined();
    },
  );

  it('reads back any instant it could have written, in both grammars', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01Z'), max: new Date('2099-12-31Z'), noInvalidDate: true }),
        (date) => {
          const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
          expect(parseDate(seconds.toISOString())).toBe(seconds.toISOString());
          expect(parseDate(seconds.toUTCString())).toBe(seconds.toISOString());
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-12T06:00:00Z');
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Wed, 12 Mar 2025 06:01:30 GMT', 90],
    ['Wed, 12 Mar 2025 05:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('resolveRedirect', () => {
  it('resolves relative locations and drops the fragment', () => {
    expect(resolveRedirect('http://a.example/x/y', '../z#top', 'a.example', 0, 5)).toBe('http://a.example/z');
  });

  it('allows www. and bare host, and an upgrade to https', () => {
    expect(resolveRedirect('http://a.example/', 'https://www.a.example/', 'a.example', 0, 5)).toBe(
      'https://www.a.example/',
    );
  });

  it.each([
    ['another host', 'https://b.example/', 'off-host-redirect'],
    ['a subdomain', 'https://cdn.a.example/', 'off-host-redirect'],
    ['a non-HTTP scheme', 'ftp://a.example/file', 'off-host-redirect'],
    ['a missing Location', null, 'network'],
  ])('refuses %s', (_name, location, code) => {
    expect(catchError(() => resolveRedirect('http://a.example/', location, 'a.example', 0, 5)).code).toBe(code);
  });

  it('counts hops', () => {
    expect(resolveRedirect('http://a.example/4', '/5', 'a.example', 4, 5)).toBe('http://a.example/5');
    const error = catchError(() => resolveRedirect('http://a.example/5', '/6', 'a.example', 5, 5));
    expect(error.code).toBe('too-many-redirects');
    expect(error.cause).toBeDefined();
  });
});

describe('buildRequestHeaders', () => {
  it('sends the bot User-Agent and the validators of a conditional GET', () => {
    const headers = buildRequestHeaders(
      {
        url: 'http://a.example/',
        etag: '"v1"',
        lastModified: 'Wed, 12 Mar 2025 06:00:00 GMT',
        accept: 'application/xml',
      },
      DEFAULT_USER_AGENT,
    );
    expect(headers).toEqual({
      'user-agent': 'Lede/0.1 (+https://github.com/lede-feeds/lede; feed syndication bot)',
      accept: 'application/xml',
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 12 Mar 2025 06:00:00 GMT',
    });
  });
});

describe('source URL rules', () => {
  it.each([
    [' /a/1?utm_source=rss&utm_medium=feed#top ', 'https://example.com/a/1'],
    ['/a/1?id=7&fbclid=xyz&page=2', 'https://example.com/a/1?id=7&page=2'],
    ['https://example.com/a/%D0%B0?q=a+b', 'https://example.com/a/%D0%B0?q=a+b'],
    ['//example.com/x', 'https://example.com/x'],
    ['mailto:editor@example.com', undefined],
    ['javascript:void(0)', undefined],
    ['http://[bad', undefined],
    ['', undefined],
  ])('normalizeEntryUrl(%j)', (raw, expected) => {
    expect(normalizeEntryUrl(raw, 'https://example.com/rss')).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        const once = normalizeEntryUrl(url, 'https://example.com/');
        if (once !== undefined) expect(normalizeEntryUrl(once, 'https://example.com/')).toBe(once);
      }),
    );
  });

  it.each([
    ['example.com', 'www.example.com', true],
    ['WWW.Example.COM', 'example.com', true],
    ['example.com.', 'example.com', true],
    ['news.example.com', 'example.com', false],
    ['www.www.example.com', 'example.com', false],
    ['example.com', 'example.org', false],
    ['127.0.0.1', 'localhost', false],
  ])('isSameSite(%s, %s) is %s', (a, b, expected) => {
    expect(isSameSite(a, b)).toBe(expected);
  });
});

describe('createHostLimiter', () => {
  /** A task that runs until the test resolves it. */
  function deferred() {
    let resolve = (): void => {};
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  }

  it('runs at most N tasks per host, first come first served, and hosts independently', async () => {
    const limiter = createHostLimiter(2);
    const started: string[] = [];
    let peak = 0;
    const gates = Array.from({ length: 5 }, deferred);
    const runs = gates.map((gate, index) =>
      limiter.run('a.example', async () => {
        started.push(`a${index}`);
        peak = Math.max(peak, limiter.active('a.example'));
        await gate.promise;
      }),
    );
    const other = limiter.run('b.example', async () => started.push('b'));
    await other;
    expect(started).toEqual(['a0', 'a1', 'b']);
    for (const gate of gates) {
      gate.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(runs);
    expect(started).toEqual(['a0', 'a1', 'b', 'a2', 'a3', 'a4']);
    expect(peak).toBe(2);
    expect(limiter.active('a.example')).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createHostLimiter(1);
    await expect(limiter.run('a.example', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a.example', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe('resolveHttpLimits', () => {
  it('fills what is not given from the defaults', () => {
    expect(resolveHttpLimits({})).toEqual(DEFAULT_HTTP_LIMITS);
    expect(resolveHttpLimits({ maxRedirects: 1, totalTimeoutMs: undefined })).toEqual({
      ...DEFAULT_HTTP_LIMITS,
      maxRedirects: 1,
    });
    expect(DEFAULT_HTTP_LIMITS).toEqual({
      connectTimeoutMs: 10_000,
      totalTimeoutMs: 30_000,
      maxBodyBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      perHostConcurrency: 2,
    });
  });
});

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
});

describe('parseMaxAge (RFC 9111 §5.2.2)', () => {
  it.each([
    ['public, max-age=600, stale-while-revalidate=60', 600],
    ['max-age="30"', 30],
    ['no-cache', 0],
    ['private, no-store, max-age=600', 0],
    ['s-maxage=600', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j', (header, expected) => {
    expect(parseMaxAge(header)).toBe(expected);
  });
});
