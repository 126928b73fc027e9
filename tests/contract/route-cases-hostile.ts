/**
 * @module tests/contract/route-cases-hostile
 * Hostile values in paths, parameters and headers on every route, as a table — NUL bytes, overlong values,
 * Unicode tricks (right-to-left override, zero-width, fullwidth and homoglyph look-alikes), encoded path
 * traversal, duplicate parameters, broken percent-encoding, absurd numbers — on both runtimes (run by
 * tests/runtime/node/routes.test.ts and tests/runtime/worker/routes.test.ts). Each answer: below 500; a 4xx
 * carries a JSON error; no stack trace; the hostile value never comes back inside an HTML answer.
 * (tests/fuzz/serve.fuzz.test.ts sends random hostile requests on top of this fixed table.)
 */
import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN } from '../runtime/worker/fixture-feeds.ts';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

const BASE = 'http://lede.test';

/** Values, as they go on the wire (percent-encoded where a URL needs it). */
const HOSTILE_VALUES: readonly (readonly [string, string])[] = [
  ['a NUL byte', '%00'],
  ['a NUL inside a word', 'mon%00itor'],
  ['an overlong value', 'a'.repeat(8_000)],
  ['a right-to-left override', '%E2%80%AEssr.rotinom'],
  ['zero-width characters', 'mon%E2%80%8Bitor'],
  ['a fullwidth look-alike', '%EF%BD%8Donitor'],
  ['a Cyrillic homoglyph', 'm%D0%BEnitor'],
  ['encoded traversal', '..%2F..%2Fetc%2Fpasswd'],
  ['double-encoded traversal', '%252e%252e%252fetc%252fpasswd'],
  ['backslash traversal', '..%5C..%5Cwindows%5Cwin.ini'],
  ['broken percent-encoding', '%zz%E2%82'],
  ['an absurd number', '1e309'],
  ['a negative number', '-1'],
  ['markup', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
];

/** Where each value goes: a path segment, each feed parameter, and duplicated parameters. */
const PLACES: readonly (readonly [string, (value: string) => string])[] = [
  ['a feed id', (value) => `/feeds/${value}.rss`],
  ['a preview id', (value) => `/feeds/${value}`],
  ['a format', (value) => `/feeds/monitor.${value}`],
  ['limit', (value) => `/feeds/monitor.rss?limit=${value}`],
  ['category', (value) => `/feeds/monitor.atom?category=${value}`],
  ['q', (value) => `/feeds/monitor.json?q=${value}`],
  ['since', (value) => `/feeds/monitor.rss?since=${value}`],
  ['after', (value) => `/feeds/monitor.rss?after=${value}`],
  ['duplicated limit', (value) => `/feeds/monitor.rss?limit=5&limit=${value}`],
  ['the combined feed', (value) => `/feeds/all.rss?limit=${value}&limit=2`],
  ['the index', (value) => `/?page=${value}`],
  ['OPML', (value) => `/feeds.opml?x=${value}`],
  ['health', (value) => `/healthz?feed=${value}`],
  ['the admin refresh', (value) => `/admin/refresh/${value}?wait=${value}`],
  ['the refresh status', (value) => `/admin/refresh/${value}`],
  ['the audit', (value) => `/feeds/${value}/audit`],
];

const HOSTILE_HEADERS: readonly (readonly [string, Record<string, string>])[] = [
  ['an overlong If-None-Match', { 'If-None-Match': `"${'x'.repeat(8_000)}"` }],
  ['a list of junk ETags', { 'If-None-Match': 'W/"a", *, "b\u00e9", junk' }],
  ['an impossible If-Modified-Since', { 'If-Modified-Since': 'Mon, 99 Foo 99999 99:99:99 GMT' }],
  ['a hostile Accept-Encoding', { 'Accept-Encoding': 'br;q=NaN, gzip;q=-1, *;q=2, x'.repeat(200) }],
  ['a malformed Authorization', { Authorization: 'Bearer \u00e9\u00e9 extra words' }],
];

/** The hostile value as a reader would see it, decoded where it can be. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function expectSafeAnswer(response: Response, value: string, where: string): Promise<void> {
  const body = await response.text();
  expect(response.status, `${where}: ${body.slice(0, 200)}`).toBeLessThan(500);
  expect(body, where).not.toMatch(/\n\s+at .+:\d+:\d+|TypeError|RangeError|SyntaxError/);
  const type = response.headers.get('content-type') ?? '';
  if (response.status >= 400) {
    expect(type, where).toMatch(/^application\/json/);
    expect(JSON.parse(body), where).toHaveProperty('error');
  }
  if (type.startsWith('text/html') && value.length > 3) {
    expect(body, where).not.toContain(decoded(value));
    expect(body, where).not.toContain('<script>alert(1)');
  }
}

/**
 * Register the table for one runtime.
 * @example describeHostileRequestCases('Node, SQLite file', openNodeApp)
 */
export function describeHostileRequestCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`Hostile requests (${runtime})`, () => {
    const sender = useSeededTarget(setup);
    const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

    it.each(PLACES)('in %s: below 500, JSON errors, nothing reflected in HTML', async (place, build) => {
      for (const [name, value] of HOSTILE_VALUES) {
        const path = build(value);
        const admin = path.startsWith('/admin/') || path.endsWith('/audit');
        const method = path.startsWith('/admin/refresh/') && path.includes('?') ? 'POST' : 'GET';
        const response = await sender()(new Request(`${BASE}${path}`, { method, headers: admin ? auth : {} }));
        await expectSafeAnswer(response, value, `${place}, ${name}: ${method} ${path.slice(0, 120)}`);
      }
    });

    it.each(HOSTILE_HEADERS)('with %s: below 500, JSON errors', async (name, headers) => {
      for (const path of ['/feeds/monitor.rss', '/feeds/monitor.json', '/', '/healthz', '/admin/refresh/monitor']) {
        const response = await sender()(new Request(`${BASE}${path}`, { headers }));
        await expectSafeAnswer(response, '', `${name}: GET ${path}`);
      }
    });
  });
}
