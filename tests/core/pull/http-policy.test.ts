/**
 * core/pull/http-policy: how Lede behaves as an HTTP client — Retry-After, redirect hops, request headers,
 * limits and Cache-Control. Pure decisions; no network here.
 */
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import {
  buildRequestHeaders,
  DEFAULT_HTTP_LIMITS,
  DEFAULT_USER_AGENT,
  parseMaxAge,
  parseRetryAfter,
  resolveHttpLimits,
  resolveRedirect,
} from '../../../src/core/pull/http-policy.ts';

function catchError(run: () => unknown): LedeError {
  try {
    run();
  } catch (error) {
    if (error instanceof LedeError) return error;
    throw error;
  }
  throw new Error('expected a LedeError');
}

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
    ['another site under the same public suffix', 'https://b.co.uk/', 'off-host-redirect'],
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

describe('resolveRedirect: same site', () => {
  it('allows a redirect to another host of the same site (core/same-site)', () => {
    expect(resolveRedirect('http://a.example/', 'https://cdn.a.example/x', 'a.example', 0, 5)).toBe(
      'https://cdn.a.example/x',
    );
  });
});
