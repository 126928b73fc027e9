/**
 * @module tests/contract/route-cases-pages
 * The pages people open, as both runtimes must answer them: `GET /` with each feed's live state,
 * `GET /feeds/{id}` (the preview), a browser navigation to a feed URL (the preview again, with the URL to
 * paste into a reader) against every other request to it (the feed, byte for byte), and the security
 * headers of every page. Run by tests/runtime/node/routes.test.ts and tests/runtime/worker/routes.test.ts
 * with the same setup as the shared route cases (tests/contract/route-cases.ts): only `monitor` is refreshed,
 * so `queued` is defined but not built.
 */
import { describe, expect, it } from 'vitest';
import { useSeededTarget, type SendRequest } from './route-cases.ts';

const BASE = 'http://lede.test';
const FORMATS = ['rss', 'atom', 'json'] as const;
const NAVIGATION = { 'Sec-Fetch-Dest': 'document', 'Sec-Fetch-Mode': 'navigate', 'Sec-Fetch-Site': 'none' };
const HOSTILE = '<script>alert(1)</script>';

function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, { headers });
}

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** Every page: HTML, a strict CSP whose hashes are those of the inline style and script, nosniff, a referrer policy. */
async function expectPage(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toMatch(/^default-src 'none';/);
  expect(policy).not.toContain('unsafe-inline');
  const html = await response.text();
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
  expect(scripts).toHaveLength(1);
  expect(policy).toContain(`style-src 'sha256-${await sha256Base64(style)}'`);
  expect(policy).toContain(`script-src 'sha256-${await sha256Base64(scripts[0] ?? '')}'`);
  return html;
}

function describeIndex(send: () => SendRequest): void {
  it('GET /: each feed’s status, licence, URLs with copy buttons, latest items; autodiscovery for every format', async () => {
    const html = await expectPage(await send()(get('/')));
    expect(html).toMatch(/<section aria-labelledby="feed-monitor" data-feed="monitor">[\s\S]*data-status="ok"/);
    expect(html).toMatch(/<section aria-labelledby="feed-queued" data-feed="queued">[\s\S]*data-status="not-built"/);
    expect(html).toContain('Excerpts of at most 30% of each article, each linking to the original. Terms: Only 30%');
    for (const id of ['monitor', 'queued'])
      for (const format of FORMATS) {
        expect(html).toContain(`href="/feeds/${id}.${format}"`);
        expect(html).toContain(`data-copy="/feeds/${id}.${format}"`);
      }
    expect(html.match(/<link rel="alternate"/g)).toHaveLength(6);
    expect(html).toContain('Senate Backs Overhaul of the Water Code');
    expect(html).toContain('<dt>Last successful refresh</dt><dd><time datetime="');
  });

  it('GET /?q=<script>: reflects no input', async () => {
    const html = await expectPage(await send()(get(`/?q=${encodeURIComponent(HOSTILE)}`, { 'X-Test': HOSTILE })));
    expect(html).not.toContain('alert(1)');
  });
}

function describePreview(send: () => SendRequest): void {
  it('GET /feeds/monitor: every published item with the HTML the feeds carry, backlink and licence note', async () => {
    const html = await expectPage(await send()(get('/feeds/monitor')));
    const feed = (await (await send()(get('/feeds/monitor.json'))).json()) as {
      items: { title: string; content_html: string }[];
    };
    expect(feed.items.length).toBeGreaterThan(0);
    for (const item of feed.items) expect(html).toContain(item.content_html);
    expect(html).toContain('Read the full article at <a href="');
    expect(html).toMatch(/Licence: \d+ of \d+ words of the article \(\d+(\.\d)?%\)\./);
    expect(html.match(/<article>/g)).toHaveLength(feed.items.length);
  });

  it('GET /feeds/queued: a defined feed not built yet says so', async () => {
    const html = await expectPage(await send()(get('/feeds/queued')));
    expect(html).toContain('data-status="not-built"');
    expect(html).toContain('No items are published yet.');
  });

  it('GET /feeds/nope: 404 JSON', async () => {
    const response = await send()(get('/feeds/nope'));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no such feed' });
  });
}

function describeNavigation(send: () => SendRequest): void {
  it.each(FORMATS)('a browser navigation to /feeds/monitor.%s: the preview with the URL to paste', async (format) => {
    const plain = await send()(get(`/feeds/monitor.${format}`));
    const bytes = await plain.text();
    const response = await send()(get(`/feeds/monitor.${format}?x=${encodeURIComponent(HOSTILE)}`, NAVIGATION));
    expect(response.headers.get('vary')).toContain('Sec-Fetch-Dest, Sec-Fetch-Mode');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await expectPage(response);
    expect(html).toContain(`<code data-url="/feeds/monitor.${format}">/feeds/monitor.${format}</code>`);
    expect(html).toContain('Paste its URL into your feed reader');
    expect(html).not.toContain('alert(1)');
    // The feed itself, after the page, is still the feed (on the Worker: the Cache API never held the page).
    const again = await send()(get(`/feeds/monitor.${format}`));
    expect(await again.text()).toBe(bytes);
    expect(again.headers.get('content-type')).toBe(plain.headers.get('content-type'));
  });

  it.each([
    ['no Fetch Metadata (a feed reader, curl)', {}],
    ['fetch() from a page', { 'Sec-Fetch-Dest': 'empty', 'Sec-Fetch-Mode': 'cors' }],
    ['a navigation into a frame', { 'Sec-Fetch-Dest': 'iframe', 'Sec-Fetch-Mode': 'navigate' }],
    ['Sec-Fetch-Dest: document alone', { 'Sec-Fetch-Dest': 'document' }],
  ])('%s: the feed byte for byte, with Vary: Sec-Fetch-Dest, Sec-Fetch-Mode', async (_name, headers) => {
    for (const format of FORMATS) {
      const plain = await send()(get(`/feeds/monitor.${format}`));
      const response = await send()(get(`/feeds/monitor.${format}`, headers));
      expect(response.status).toBe(200);
      expect(response.headers.get('vary')).toContain('Sec-Fetch-Dest, Sec-Fetch-Mode');
      expect(plain.headers.get('vary')).toContain('Sec-Fetch-Dest, Sec-Fetch-Mode');
      expect(await response.text()).toBe(await plain.text());
    }
  });

  it('a 304 varies on the navigation headers too', async () => {
    const first = await send()(get('/feeds/monitor.atom'));
    await first.body?.cancel();
    const response = await send()(get('/feeds/monitor.atom', { 'If-None-Match': first.headers.get('etag') ?? '' }));
    expect(response.status).toBe(304);
    expect(response.headers.get('vary')).toContain('Sec-Fetch-Dest, Sec-Fetch-Mode');
  });

  it('a navigation to an unknown feed: 404 JSON as before', async () => {
    const response = await send()(get('/feeds/nope.rss', NAVIGATION));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no such feed' });
  });
}

/**
 * Register the page cases for one runtime; `setup` builds it as for `describeRouteCases`.
 * @example describePageRouteCases('Node', async () => (request) => app.request(request));
 */
export function describePageRouteCases(runtime: string, setup: () => Promise<SendRequest>): void {
  describe(`Pages (${runtime})`, () => {
    const sender = useSeededTarget(setup);

    describeIndex(sender);
    describePreview(sender);
    describeNavigation(sender);
  });
}
