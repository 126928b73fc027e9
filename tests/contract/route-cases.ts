/**
 * @module tests/contract/route-cases
 * The HTTP contract both runtimes must keep, written once: routes, statuses, caching headers and
 * conditional GET. tests/runtime/node/routes.test.ts runs it against the Node app on a real SQLite file,
 * tests/runtime/worker/routes.test.ts against the Worker inside workerd (D1 + Cache API). Both are seeded the
 * same way, by a real refresh of the fixture site's `monitor` feed through the admin route, with the
 * definitions of tests/runtime/worker/fixture-feeds.ts. Imports nothing runtime-specific.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_FEED, TEST_ADMIN_TOKEN } from '../runtime/worker/fixture-feeds.ts';

/** One runtime under test: send a request in-process, get its response. */
export type SendRequest = (request: Request) => Promise<Response>;

/** RFC 5861 directives both runtimes send on feeds (src/core/serve/http-cache.ts). */
const FEED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400, stale-if-error=604800';
const BASE = 'http://lede.test';

const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers });
}

function post(path: string, token?: string): Request {
  return new Request(`${BASE}${path}`, {
    method: 'POST',
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  });
}

/** The validator headers every feed answer carries, 200 and 304 alike (RFC 9110 §15.4.5). */
function expectFeedValidators(response: Response): void {
  expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
  expect(new Date(response.headers.get('last-modified') ?? '').toUTCString()).toBe(
    response.headers.get('last-modified'),
  );
  expect(response.headers.get('cache-control')).toBe(FEED_CACHE_CONTROL);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
}

function describeFeeds(send: () => SendRequest): void {
  it.each(['rss', 'atom', 'json'] as const)(
    'GET /feeds/monitor.%s: 200, the format’s type, validators and cache headers',
    async (format) => {
      const response = await send()(get(`/feeds/monitor.${format}`));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(CONTENT_TYPES[format]);
      expectFeedValidators(response);
      const body = await response.text();
      if (format === 'json') expect(JSON.parse(body)).toMatchObject({ version: 'https://jsonfeed.org/version/1.1' });
      else expect(body).toMatch(format === 'rss' ? /^<\?xml[^>]*\?>\s*<rss/ : /^<\?xml[^>]*\?>\s*<feed/);
      expect(body).toContain('/politics/1101/senate-backs-water-code-overhaul');
      expect(body).toContain('http://lede.test/feeds/monitor.');
    },
  );

  it('HEAD /feeds/monitor.atom: the GET’s status and headers, no body', async () => {
    const full = await send()(get('/feeds/monitor.atom'));
    const head = await send()(new Request(`${BASE}/feeds/monitor.atom`, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(full.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe(CONTENT_TYPES.atom);
    expectFeedValidators(head);
    expect(await head.text()).toBe('');
    await full.body?.cancel();
  });

  // On the Worker the first GET may come from D1 and the second from the Cache API: the same headers, the same bytes.
  it.each(['rss', 'atom', 'json'] as const)(
    'GET /feeds/monitor.%s twice: the same headers and bytes',
    async (format) => {
      const first = await send()(get(`/feeds/monitor.${format}`));
      const firstBody = await first.text();
      const second = await send()(get(`/feeds/monitor.${format}`));
      expect([...second.headers]).toEqual([...first.headers]);
      expect(await second.text()).toBe(firstBody);
    },
  );

  it('GET /feeds/queued.json: 503 with Retry-After for a feed defined but not built yet', async () => {
    const response = await send()(get('/feeds/queued.json'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toEqual({ error: 'feed not built yet; try again shortly' });
  });

  it.each(['/feeds/nope.rss', '/feeds/monitor.xml', `/feeds/${BROKEN_FEED.id}.rss`, '/feeds/', '/nope'])(
    'GET %s: 404 JSON',
    async (path) => {
      const response = await send()(get(path));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      await response.body?.cancel();
    },
  );
}

function describeConditional(send: () => SendRequest): void {
  let current = { etag: '', lastModified: '' };
  beforeAll(async () => {
    const response = await send()(get('/feeds/monitor.rss'));
    current = { etag: response.headers.get('etag') ?? '', lastModified: response.headers.get('last-modified') ?? '' };
    await response.body?.cancel();
  });

  const notModified: [string, () => Record<string, string>][] = [
    ['If-None-Match with the current ETag', () => ({ 'If-None-Match': current.etag })],
    ['a weak If-None-Match in a list (weak comparison)', () => ({ 'If-None-Match': `"other", W/${current.etag}` })],
    ['If-None-Match: *', () => ({ 'If-None-Match': '*' })],
    ['If-Modified-Since the Last-Modified', () => ({ 'If-Modified-Since': current.lastModified })],
  ];
  it.each(notModified)('%s: 304 with the validators and cache headers, no body', async (_name, headers) => {
    const response = await send()(get('/feeds/monitor.rss', headers()));
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(current.etag);
    expect(response.headers.get('last-modified')).toBe(current.lastModified);
    expectFeedValidators(response);
    expect(await response.text()).toBe('');
  });

  const modified: [string, () => Record<string, string>][] = [
    ['another ETag', () => ({ 'If-None-Match': '"0123456789abcdef0123456789abcdef"' })],
    [
      'If-Modified-Since a second before Last-Modified',
      () => ({ 'If-Modified-Since': new Date(Date.parse(current.lastModified) - 1000).toUTCString() }),
    ],
    // RFC 9110 §13.2.2: If-None-Match is evaluated, If-Modified-Since ignored.
    [
      'a stale ETag with a fresh If-Modified-Since',
      () => ({ 'If-None-Match': '"stale"', 'If-Modified-Since': current.lastModified }),
    ],
  ];
  it.each(modified)('%s: 200 with the body', async (_name, headers) => {
    const response = await send()(get('/feeds/monitor.rss', headers()));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(current.etag);
    expect((await response.text()).length).toBeGreaterThan(100);
  });
}

function describePages(send: () => SendRequest): void {
  it('GET /: the feed index with autodiscovery links, cacheable for 5 minutes', async () => {
    const response = await send()(get('/'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const html = await response.text();
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(html).toContain('href="/feeds/monitor.atom"');
    expect(html).not.toContain(`/feeds/${BROKEN_FEED.id}.`);
  });

  it('GET /healthz: every loaded feed’s last refresh, and the broken definition reported (degraded)', async () => {
    const response = await send()(get('/healthz'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const health = (await response.json()) as {
      status: string;
      feeds: { id: string; ok: boolean | null }[];
      problems: { file: string; field: string }[];
    };
    expect(health.status).toBe('degraded');
    expect(health.feeds.map((feed) => feed.id).sort()).toEqual(['monitor', 'queued']);
    expect(health.feeds.find((feed) => feed.id === 'monitor')).toMatchObject({ ok: true, errors: [] });
    expect(health.problems).toEqual([expect.objectContaining({ field: BROKEN_FEED.field })]);
    expect(health.problems[0]?.file).toMatch(/broken\.json$/);
  });
}

function describeAdmin(send: () => SendRequest): void {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'not-the-token'],
  ])('POST /admin/refresh/monitor with %s: 401', async (_name, token) => {
    const response = await send()(post('/admin/refresh/monitor', token));
    expect(response.status).toBe(401);
    await response.body?.cancel();
  });

  it('POST /admin/refresh/nope with the token: 404 JSON, not cached', async () => {
    const response = await send()(post('/admin/refresh/nope', TEST_ADMIN_TOKEN));
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'no such feed' });
  });

  // GET /admin/refresh/{id} is the refresh's status (tests/contract/route-cases-refresh-status.ts).
  it('GET /admin/refresh: 404 (refreshing every feed is POST only)', async () => {
    const response = await send()(
      new Request(`${BASE}/admin/refresh`, { headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }),
    );
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
}

/**
 * Register a `beforeAll` that builds the runtime with `setup` and seeds it with a real refresh of `monitor`
 * through the admin route; returns the request sender for the cases. Shared by the suites of tests/contract/.
 * @example const send = useSeededTarget(setup); it('…', async () => { await send()(new Request(…)); });
 */
export function useSeededTarget(setup: () => Promise<SendRequest>): () => SendRequest {
  let send: SendRequest | undefined;
  beforeAll(async () => {
    send = await setup();
    const response = await send(post('/admin/refresh/monitor', TEST_ADMIN_TOKEN));
    expect(response.status).toBe(200);
    await response.body?.cancel();
  }, 60_000);
  return () => {
    if (!send) throw new Error('route target not set up');
    return send;
  };
}

/**
 * Register the shared route cases for one runtime. `setup` builds the runtime (fresh storage, the
 * definitions of fixture-feeds.ts, ADMIN_TOKEN = TEST_ADMIN_TOKEN, PUBLIC_URL = http://lede.test);
 * the suite seeds it with a real refresh of `monitor` before the cases run.
 *
 * @example
 * describeRouteCases('Node', async () => (request) => app.request(request));
 */
export function describeRouteCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`Routes (${runtime})`, () => {
    let send: SendRequest | undefined;
    const sender = (): SendRequest => {
      if (!send) throw new Error('route target not set up');
      return send;
    };
    beforeAll(async () => {
      send = await setup();
      const response = await send(post('/admin/refresh/monitor', TEST_ADMIN_TOKEN));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toMatchObject({ feedId: 'monitor', ok: true, errors: [] });
    }, 60_000);

    describeFeeds(sender);
    describeConditional(sender);
    describePages(sender);
    describeAdmin(sender);
  });
}
