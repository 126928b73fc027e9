/**
 * @module tests/contract/route-cases-http
 * The HTTP-level contract for readers and aggregators, kept by both runtimes: OPML, CORS (exposed
 * validators, preflight), HEAD with Content-Length, 405 + Allow. Run, like tests/contract/route-cases.ts,
 * by tests/runtime/node/routes.test.ts (the Node app on a SQLite file) and tests/runtime/worker/routes.test.ts
 * (the Worker in workerd).
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { BROKEN_FEED } from '../runtime/worker/fixture-feeds.ts';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

const BASE = 'http://lede.test';

function request(path: string, init: RequestInit = {}): Request {
  return new Request(`${BASE}${path}`, init);
}

interface Outline {
  type: string;
  text: string;
  title: string;
  xmlUrl: string;
  htmlUrl: string;
}

function parseOpml(text: string): { head: Record<string, string>; outlines: Outline[] } {
  // Throws, saying where, on the first well-formedness error.
  SyntaxValidator.validate(text);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => name === 'outline',
  });
  const document = parser.parse(text) as {
    opml: { version: string; head: Record<string, string>; body: { outline: Outline[] } };
  };
  expect(document.opml.version).toBe('2.0');
  return { head: document.opml.head, outlines: document.opml.body.outline };
}

function describeOpml(send: () => SendRequest): void {
  it('GET /feeds.opml: OPML 2.0 listing every enabled feed, its RSS URL and site, with validators and CORS', async () => {
    const response = await send()(request('/feeds.opml'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const { head, outlines } = parseOpml(await response.text());
    expect(head.title).toBe('Lede feeds');
    expect(head.docs).toBe('http://opml.org/spec2.opml');
    // The head's dates are the newest built RSS rendition's, as its Last-Modified says (RFC 822 / IMF-fixdate).
    expect(head.dateModified).toBe(response.headers.get('last-modified'));
    expect(head.dateCreated).toBe(head.dateModified);
    expect(outlines.map((outline) => outline.xmlUrl).sort()).toEqual([
      `${BASE}/feeds/monitor.rss`,
      `${BASE}/feeds/queued.rss`,
    ]);
    const monitor = outlines.find((outline) => outline.xmlUrl.endsWith('/monitor.rss'));
    expect(monitor).toMatchObject({
      type: 'rss',
      text: expect.any(String) as string,
      htmlUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+/) as string,
    });
    expect(monitor?.title).toBe(monitor?.text);
    expect(outlines.some((outline) => outline.xmlUrl.includes(BROKEN_FEED.id))).toBe(false);
  });

  it('GET /feeds.opml with its ETag: 304 with the validators, no body', async () => {
    const first = await send()(request('/feeds.opml'));
    await first.body?.cancel();
    const etag = first.headers.get('etag') ?? '';
    const again = await send()(request('/feeds.opml', { headers: { 'If-None-Match': etag } }));
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
    expect(await again.text()).toBe('');
  });
}

function describeCors(send: () => SendRequest): void {
  it.each(['/feeds/monitor.rss', '/feeds/monitor.json', '/feeds.opml'])(
    'GET %s: JavaScript on another origin may read ETag and Last-Modified',
    async (path) => {
      const response = await send()(request(path, { headers: { Origin: 'https://reader.example' } }));
      await response.body?.cancel();
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const exposed = (response.headers.get('access-control-expose-headers') ?? '').split(/,\s*/);
      expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Last-Modified', 'Link']));
    },
  );

  it.each(['/feeds/monitor.atom', '/feeds.opml'])(
    'OPTIONS %s (a CORS preflight): 204 with the methods, headers and max-age',
    async (path) => {
      const response = await send()(
        request(path, {
          method: 'OPTIONS',
          headers: {
            Origin: 'https://reader.example',
            'Access-Control-Request-Method': 'GET',
            'Access-Control-Request-Headers': 'if-none-match',
          },
        }),
      );
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
      expect(response.headers.get('access-control-allow-headers')).toBe('If-None-Match, If-Modified-Since');
      expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
      expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(await response.text()).toBe('');
    },
  );
}

function describeHead(send: () => SendRequest): void {
  it.each(['/feeds/monitor.rss', '/feeds/monitor.json', '/feeds.opml', '/', '/healthz'])(
    'HEAD %s: every header of the GET, Content-Length included, no body',
    async (path) => {
      const full = await send()(request(path));
      const bytes = new Uint8Array(await full.arrayBuffer());
      const head = await send()(request(path, { method: 'HEAD' }));
      expect(head.status).toBe(200);
      expect(head.headers.get('content-length')).toBe(String(bytes.byteLength));
      const withoutLength = (response: Response) => [...response.headers].filter(([name]) => name !== 'content-length');
      expect(withoutLength(head)).toEqual(withoutLength(full));
      expect(await head.text()).toBe('');
    },
  );
}

function describeMethods(send: () => SendRequest): void {
  const wrong: [string, string][] = [
    ['POST', '/feeds/monitor.rss'],
    ['PUT', '/feeds/monitor.atom'],
    ['DELETE', '/feeds/monitor.json'],
    ['PATCH', '/feeds.opml'],
    ['POST', '/'],
    ['DELETE', '/healthz'],
  ];
  it.each(wrong)('%s %s: 405 with Allow', async (method, path) => {
    const response = await send()(request(path, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await response.json()).toEqual({ error: 'method not allowed' });
  });

  it('OPTIONS /: 204 with Allow, and no CORS (pages are not an API)', async () => {
    const response = await send()(request('/', { method: 'OPTIONS' }));
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
}

/**
 * Register the HTTP cases for one runtime, set up as for `describeRouteCases` (the same `setup` may serve
 * both) and seeded the same way, by a real refresh of `monitor` through the admin route.
 *
 * @example
 * describeHttpRouteCases('Node', async () => (request) => app.request(request));
 */
export function describeHttpRouteCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`HTTP for readers and aggregators (${runtime})`, () => {
    const sender = useSeededTarget(setup);

    describeOpml(sender);
    describeCors(sender);
    describeHead(sender);
    describeMethods(sender);
  });
}
