/**
 * Node's fast path for stored feeds (src/runtime/node/fast-feeds.ts) against the app it stands in front of:
 * two servers on 127.0.0.1 over the same SQLite file, rendition cache and definitions — one as `npm start`
 * serves (the fast listener → @hono/node-server → compression → fast path → app), one without either fast
 * path (@hono/node-server → compression → app) — asked the same matrix of requests over real sockets. Every
 * answer must be the same: status, every header but `Date`, the bytes as sent, the request log line and the
 * metrics event (but the measured `ms`). And the fast paths must have answered exactly the requests they may:
 * a GET of a stored feed's own URL, whatever its conditional and Accept-Encoding headers; never a query
 * string, a HEAD, a person's navigation, an unknown, disabled or taken-down feed. The listener takes only
 * what is plain (a plain Host and request target, each header read sent once) and known at once (the
 * rendition in memory, its coded bytes made); everything else reaches @hono/node-server.
 */
import { createServer, request as httpRequest, type OutgoingHttpHeaders, type Server } from 'node:http';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import type { Log } from '../../../src/core/ports.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import type { RequestEvent } from '../../../src/core/serve/request-log.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { createCompression } from '../../../src/runtime/node/compression.ts';
import { withFastFeeds, withFastFeedsListener, type Listener } from '../../../src/runtime/node/fast-feeds.ts';
import { openNodeDeps } from '../../../src/runtime/node/server.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace } from '../../helpers/spawn-lede.ts';
import { silentLog } from '../../helpers/silent-log.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Side {
  url: string;
  server: Server;
  /** The request lines logged and the metrics events, each without its measured `ms`. */
  recorded: unknown[];
  /** Requests that reached the Hono app. */
  appCalls: number;
  /** Requests that reached @hono/node-server's listener (the fast listener did not answer them). */
  honoCalls: number;
}

const PUBLIC_URL = 'http://127.0.0.1:8080';

let site: FixtureSite | undefined;
let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
let opened: Awaited<ReturnType<typeof openNodeDeps>> | undefined;
let fast: Side | undefined;
let plain: Side | undefined;

/** A request target and headers as sent: `path` may be any target (absolute-form, `//`…), headers repeated. */
interface Sent {
  readonly path: string;
  /** An object, or raw lines as `rawHeaders` has them (a name may come twice). */
  readonly headers: OutgoingHttpHeaders | string[];
}

/** One request over a fresh socket: the status, headers and bytes as they came off the wire. */
function send(url: string, method: string, sent: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // `setHost: false`: a Host given in `headers` is sent as it is (or none at all).
    const names = Array.isArray(sent.headers) ? sent.headers.filter((_, i) => i % 2 === 0) : Object.keys(sent.headers);
    const hasHost = names.some((name) => name.toLowerCase() === 'host');
    // Node adds no Host to raw lines: add the usual one (a request without any is node's own 400).
    const headers =
      Array.isArray(sent.headers) && !hasHost ? ['Host', new URL(url).host, ...sent.headers] : sent.headers;
    const options = { method, path: sent.path, headers, agent: false, setHost: !hasHost };
    const outgoing = httpRequest(url, options, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        // The one header that may differ between two answers a second apart.
        const kept = { ...incoming.headers };
        delete kept.date;
        resolve({ status: incoming.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks).toString('base64') });
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function withoutMs(fields: object): object {
  const rest: Record<string, unknown> = { ...fields };
  delete rest.ms;
  return rest;
}

function listenOn(listener: Listener): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer(listener);
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` });
    });
  });
}

async function startSide(feeds: ReadonlyMap<string, FeedDefinition>, withFast: boolean): Promise<Side> {
  if (!opened) throw new Error('not set up');
  const recorded: unknown[] = [];
  // The line's fields in the order they are written, `ms` included, and their values but `ms`.
  const log: Log = (level, msg, fields = {}) =>
    recorded.push({ level, msg, keys: Object.keys(fields), fields: withoutMs(fields) });
  const onRequest = (event: RequestEvent) => recorded.push({ event: withoutMs(event) });
  const { store, readRendition, readNow, peek, runner } = opened;
  // One public URL for both: the variants' links would otherwise name each server's own port.
  const publicUrl = PUBLIC_URL;
  const app = createApp({ store, readRendition, feeds, runner, log, clock: () => new Date(), onRequest, publicUrl });
  const side: Side = { url: '', server: createServer(), recorded, appCalls: 0, honoCalls: 0 };
  const counted = (request: Request, env?: unknown) => {
    side.appCalls++;
    return app.fetch(request, env);
  };
  // As src/runtime/node/server.ts wires them (`serve()` from @hono/node-server is its listener and a listen).
  const compression = createCompression();
  const inner = withFast ? withFastFeeds(counted, { feeds, read: readNow, log, onRequest }) : counted;
  const hono = getRequestListener(compression.wrap(inner), { hostname: '127.0.0.1' });
  const countedHono: Listener = (incoming, outgoing) => {
    side.honoCalls++;
    return hono(incoming, outgoing);
  };
  const listener = withFast ? withFastFeedsListener(countedHono, { feeds, log, onRequest, peek, compression }) : hono;
  Object.assign(side, await listenOn(listener));
  return side;
}

/**
 * The same request to both sides: their answers and records must be equal; says which layer answered it.
 * `rejected`: @hono/node-server answers 400 itself (a Host it cannot build a URL from), so nothing is logged.
 */
async function compare(target: string, method = 'GET', headers: OutgoingHttpHeaders | string[] = {}, rejected = false) {
  if (!fast || !plain) throw new Error('not set up');
  const [fastCalls, honoCalls, fastRecorded, plainRecorded] = [
    fast.appCalls,
    fast.honoCalls,
    fast.recorded.length,
    plain.recorded.length,
  ];
  const fastAnswer = await send(fast.url, method, { path: target, headers });
  const plainAnswer = await send(plain.url, method, { path: target, headers });
  const label = `${method} ${target} ${JSON.stringify(headers)}`;
  expect(fastAnswer, label).toEqual(plainAnswer);
  expect(fast.recorded.slice(fastRecorded), label).toEqual(plain.recorded.slice(plainRecorded));
  if (rejected) expect([fastAnswer.status, fast.recorded.length], label).toEqual([400, fastRecorded]);
  else expect(fast.recorded.length, label).toBeGreaterThan(fastRecorded);
  return { answer: fastAnswer, byApp: fast.appCalls > fastCalls, byListener: fast.honoCalls === honoCalls };
}

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
  const config = parseRuntimeConfig({ FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir, PUBLIC_URL });
  opened = await openNodeDeps(config, silentLog);
  await opened.runner.refreshMany([...opened.definitions.values()]);
  const monitor = opened.definitions.get('monitor');
  if (!monitor) throw new Error('no monitor definition');
  // A second definition of the same feed, switched off: gone (410), by the app's rules only.
  const feeds = new Map([...opened.definitions, ['closed', { ...monitor, id: 'closed', enabled: false }]]);
  fast = await startSide(feeds, true);
  plain = await startSide(feeds, false);
}, 60_000);

afterAll(async () => {
  for (const side of [fast, plain]) await new Promise((resolve) => side?.server.close(resolve));
  await opened?.store.close();
  await site?.close();
  if (workspace) await rm(workspace.dir, { recursive: true, force: true });
});

describe('Node fast path for stored feeds: the same answers as the app', () => {
  it('answers GETs of a stored feed, with every conditional and coding, as the app does', async () => {
    // An empty query is no query (the URL @hono/node-server builds drops it): either path gives the same answer.
    await compare('/feeds/monitor.rss?');
    for (const format of ['rss', 'atom', 'json']) {
      const target = `/feeds/monitor.${format}`;
      const { answer } = await compare(target);
      const etag = String(answer.headers.etag);
      const lastModified = String(answer.headers['last-modified']);
      const conditionals: Record<string, string>[] = [
        {},
        { 'if-none-match': etag },
        { 'if-none-match': `W/${etag}` },
        { 'if-none-match': `"nope", ${etag}` },
        { 'if-none-match': '*' },
        { 'if-none-match': '"nope"' },
        { 'if-modified-since': lastModified },
        { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' },
        { 'if-modified-since': 'not a date' },
        { 'if-none-match': '"nope"', 'if-modified-since': lastModified },
      ];
      const codings = [
        {},
        { 'accept-encoding': 'gzip' },
        { 'accept-encoding': 'br, gzip' },
        { 'accept-encoding': 'gzip;q=0, br;q=0' },
      ];
      for (const conditional of conditionals)
        for (const coding of codings) {
          const { byApp } = await compare(target, 'GET', { ...conditional, ...coding });
          expect(byApp, `${target} ${JSON.stringify({ ...conditional, ...coding })}`).toBe(false);
          // Asked again, the rendition is in memory and its coded bytes made: the listener answers.
          const again = await compare(target, 'GET', { ...conditional, ...coding });
          expect(again.byListener, `again: ${target} ${JSON.stringify({ ...conditional, ...coding })}`).toBe(true);
        }
    }
  });

  it('leaves everything else to the app, with the same answers', async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['HEAD', '/feeds/monitor.rss', {}],
      ['GET', '/feeds/monitor.rss?limit=2', {}],
      ['GET', '/feeds/monitor.rss?utm_source=x', {}],
      ['GET', '/feeds/monitor.rss', { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' }],
      ['GET', '/feeds/nope.rss', {}],
      ['GET', '/feeds/monitor.xml', {}],
      ['GET', '/feeds/MONITOR.rss', {}],
      ['GET', '/feeds/monitor%2Erss', {}],
      ['GET', '/feeds/all.rss', {}],
      ['GET', '/feeds/closed.rss', {}],
      ['GET', '/feeds/monitor', {}],
      ['POST', '/feeds/monitor.rss', {}],
      ['OPTIONS', '/feeds/monitor.rss', {}],
    ];
    for (const [method, target, headers] of cases) {
      const { byApp, byListener } = await compare(target, method, headers);
      expect(byApp, `${method} ${target}`).toBe(true);
      expect(byListener, `${method} ${target}`).toBe(false);
    }
  });

  it('leaves to @hono/node-server whatever is not plain at the listener, with the same answers', async () => {
    await compare('/feeds/monitor.rss'); // in memory from here on
    const port = new URL(fast?.url ?? '').port;
    const cases: [string, OutgoingHttpHeaders | string[], boolean?][] = [
      // Hosts @hono/node-server parses (upper case, IPv6, a port of 2 or 6 digits, `_`) or has no plain value for.
      ['/feeds/monitor.rss', { host: `LOCALHOST:${port}` }],
      ['/feeds/monitor.rss', { host: `[::1]:${port}` }],
      ['/feeds/monitor.rss', { host: 'example.com:80' }],
      ['/feeds/monitor.rss', { host: 'example.com:65536' }, true],
      ['/feeds/monitor.rss', { host: 'my_host:8080' }],
      ['/feeds/monitor.rss', { host: 'exa mple.com' }, true],
      ['/feeds/monitor.rss', { host: 'user@example.com' }, true],
      ['/feeds/monitor.rss', ['Host', 'one.example', 'Host', 'two.example']],
      // Request targets it builds a URL from by parsing, or routes elsewhere.
      [`http://127.0.0.1:${port}/feeds/monitor.rss`, {}],
      ['//feeds/monitor.rss', {}],
      ['/feeds//monitor.rss', {}],
      ['/feeds/./monitor.rss', {}],
      ['/feeds/x/../monitor.rss', {}],
      ['/feeds/%6Donitor.rss', {}],
      ['/feeds/monitor.rss/', {}],
      ['/feeds/monitor.rss#top', {}],
      ['/feeds/monitor.rss?', {}],
      ['/feeds/monitor.rss?limit=2', {}],
      // A header the route reads, sent twice: node and @hono/node-server join some, keep others once.
      ['/feeds/monitor.rss', ['If-None-Match', '"nope"', 'if-none-match', '*']],
      ['/feeds/monitor.rss', ['If-Modified-Since', 'Thu, 01 Jan 1970 00:00:00 GMT', 'If-Modified-Since', 'x']],
      ['/feeds/monitor.rss', ['If-Modified-Since', 'x', 'If-Modified-Since', 'Thu, 01 Jan 1970 00:00:00 GMT']],
      ['/feeds/monitor.rss', ['Accept-Encoding', 'gzip', 'Accept-Encoding', 'br']],
      ['/feeds/monitor.rss', ['Sec-Fetch-Dest', 'document', 'Sec-Fetch-Dest', 'x', 'Sec-Fetch-Mode', 'navigate']],
    ];
    for (const [target, headers, rejected] of cases) {
      const { byListener } = await compare(target, 'GET', headers, rejected);
      expect(byListener, `${target} ${JSON.stringify(headers)}`).toBe(false);
    }
    // Node's parser trims a value's surrounding whitespace: such a request is as plain as any.
    const padded = ['Accept-Encoding', 'gzip\t', 'If-None-Match', '"nope" '];
    expect((await compare('/feeds/monitor.rss', 'GET', padded)).byListener).toBe(true);
    // The plain forms of the same requests are the listener's.
    for (const host of ['localhost', `localhost:${port}`, 'feeds.example.org', '192.0.2.1:8080', 'a-b.example:59999'])
      expect((await compare('/feeds/monitor.rss', 'GET', { host })).byListener, host).toBe(true);
  });

  it('answers a rendition in memory at once, without a promise, as @hono/node-server writes in the same turn', async () => {
    if (!opened) throw new Error('not set up');
    const { store, readRendition, readNow, runner, definitions: feeds } = opened;
    const app = createApp({ store, readRendition, feeds, runner, log: silentLog, clock: () => new Date() });
    const fetch = createCompression().wrap(withFastFeeds(app.fetch, { feeds, read: readNow, log: silentLog }));
    const url = `${PUBLIC_URL}/feeds/monitor.json`;
    for (const headers of [{}, { 'accept-encoding': 'br' }]) {
      // The first request may load the bytes (and compress them); the next is answered at once.
      await fetch(new Request(url, { headers }));
      const again = fetch(new Request(url, { headers }));
      expect(again).toBeInstanceOf(Response);
      expect((await again).status).toBe(200);
    }
  });

  it('answers a HEAD with a coding as its GET, as the app does (the compression asks the GET of both)', async () => {
    const { answer, byApp, byListener } = await compare('/feeds/monitor.rss', 'HEAD', { 'accept-encoding': 'gzip' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(byApp).toBe(false);
    expect(byListener).toBe(false);
  });

  it('serves what another process publishes (SQLite data_version), as the app does', async () => {
    if (!opened || !workspace) throw new Error('not set up');
    const before = await compare('/feeds/monitor.atom');
    const other = await openSqliteStore(path.join(workspace.dataDir, 'lede.sqlite'));
    const stored = await other.getRendition('monitor', 'atom');
    if (!stored) throw new Error('no stored rendition');
    const body = stored.body.replace('</feed>', '<!-- republished --></feed>');
    await other.putRendition({ ...stored, body, etag: '"republished"', lastModified: new Date().toISOString() });
    await other.close();
    // Node reads data_version at most once a millisecond (src/runtime/node/server.ts).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = await compare('/feeds/monitor.atom');
    expect(after.answer.headers.etag).toBe('"republished"');
    expect(after.answer.body).not.toBe(before.answer.body);
    expect(after.byApp).toBe(false);
    // Not in memory any more: the listener leaves the first read to the fast path behind it, then answers.
    expect(after.byListener).toBe(false);
    expect((await compare('/feeds/monitor.atom', 'GET', { 'if-none-match': '"republished"' })).answer.status).toBe(304);
    // Each coding's bytes are made by the first request that asks for them (cold), then answered at once (warm).
    for (const coding of ['gzip', 'br']) {
      const cold = await compare('/feeds/monitor.atom', 'GET', { 'accept-encoding': coding });
      expect([cold.answer.headers['content-encoding'], cold.byApp, cold.byListener]).toEqual([coding, false, false]);
      const warm = await compare('/feeds/monitor.atom', 'GET', { 'accept-encoding': coding });
      expect([warm.answer.body, warm.byListener]).toEqual([cold.answer.body, true]);
    }
    expect((await compare('/feeds/monitor.atom')).byListener).toBe(true);
  });
  it('follows a takedown and its lift as the app does', async () => {
    if (!opened) throw new Error('not set up');
    await opened.store.takeDown({ feedId: 'monitor', at: new Date().toISOString(), reason: 'test' });
    const gone = await compare('/feeds/monitor.rss');
    expect(gone.answer.status).toBe(410);
    expect(gone.byApp).toBe(true);
    expect(gone.byListener).toBe(false);
    // Lifted, the feed has nothing stored until its next publish: 503 from the app on both sides.
    await opened.store.liftTakedown('monitor');
    const lifted = await compare('/feeds/monitor.rss');
    expect(lifted.answer.status).toBe(503);
    expect(lifted.byApp).toBe(true);
    expect(lifted.byListener).toBe(false);
    await opened.runner.refreshMany([...opened.definitions.values()]);
    const back = await compare('/feeds/monitor.rss');
    expect(back.answer.status).toBe(200);
    expect(back.byApp).toBe(false);
    expect((await compare('/feeds/monitor.rss')).byListener).toBe(true);
  });
});
