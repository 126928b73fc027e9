/**
 * Node's fast path for stored feeds (src/runtime/node/fast-feeds.ts) against the app it stands in front of:
 * two servers on 127.0.0.1 over the same SQLite file, rendition cache and definitions — one as `npm start`
 * serves (compression → fast path → app), one without the fast path (compression → app) — asked the same
 * matrix of requests over real sockets. Every answer must be the same: status, every header but `Date`, the
 * bytes as sent, the request log line and the metrics event (but the measured `ms`). And the fast path must
 * have answered exactly the requests it may: a GET of a stored feed's own URL, whatever its conditional and
 * Accept-Encoding headers; never a query string, a HEAD, a person's navigation, an unknown, disabled or
 * taken-down feed.
 */
import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import type { Log } from '../../../src/core/ports.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import type { RequestEvent } from '../../../src/core/serve/request-log.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { withCompression } from '../../../src/runtime/node/compression.ts';
import { withFastFeeds } from '../../../src/runtime/node/fast-feeds.ts';
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
  server: ServerType;
  /** The request lines logged and the metrics events, each without its measured `ms`. */
  recorded: unknown[];
  /** Requests that reached the Hono app. */
  appCalls: number;
}

const PUBLIC_URL = 'http://127.0.0.1:8080';

let site: FixtureSite | undefined;
let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
let opened: Awaited<ReturnType<typeof openNodeDeps>> | undefined;
let fast: Side | undefined;
let plain: Side | undefined;

/** One request over a fresh socket: the status, headers and bytes as they came off the wire. */
function send(url: string, method: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers, agent: false }, (incoming) => {
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

async function startSide(feeds: ReadonlyMap<string, FeedDefinition>, withFast: boolean): Promise<Side> {
  if (!opened) throw new Error('not set up');
  const recorded: unknown[] = [];
  const log: Log = (level, msg, fields = {}) => recorded.push({ level, msg, fields: withoutMs(fields) });
  const onRequest = (event: RequestEvent) => recorded.push({ event: withoutMs(event) });
  const { store, readRendition, readNow, runner } = opened;
  // One public URL for both: the variants' links would otherwise name each server's own port.
  const publicUrl = PUBLIC_URL;
  const app = createApp({ store, readRendition, feeds, runner, log, clock: () => new Date(), onRequest, publicUrl });
  const side = { url: '', server: undefined as unknown as ServerType, recorded, appCalls: 0 };
  const counted = (request: Request, env?: unknown) => {
    side.appCalls++;
    return app.fetch(request, env);
  };
  const inner = withFast ? withFastFeeds(counted, { feeds, read: readNow, log, onRequest }) : counted;
  await new Promise<void>((resolve) => {
    side.server = serve({ fetch: withCompression(inner), port: 0, hostname: '127.0.0.1' }, (info) => {
      side.url = `http://127.0.0.1:${String(info.port)}`;
      resolve();
    });
  });
  return side;
}

/** The same request to both sides: their answers and records must be equal; says whether the app answered it. */
async function compare(target: string, method = 'GET', headers: Record<string, string> = {}) {
  if (!fast || !plain) throw new Error('not set up');
  const [fastCalls, fastRecorded, plainRecorded] = [fast.appCalls, fast.recorded.length, plain.recorded.length];
  const fastAnswer = await send(`${fast.url}${target}`, method, headers);
  const plainAnswer = await send(`${plain.url}${target}`, method, headers);
  const label = `${method} ${target} ${JSON.stringify(headers)}`;
  expect(fastAnswer, label).toEqual(plainAnswer);
  expect(fast.recorded.slice(fastRecorded), label).toEqual(plain.recorded.slice(plainRecorded));
  expect(fast.recorded.length, label).toBeGreaterThan(fastRecorded);
  return { answer: fastAnswer, byApp: fast.appCalls > fastCalls };
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
      const { byApp } = await compare(target, method, headers);
      expect(byApp, `${method} ${target}`).toBe(true);
    }
  });

  it('answers a rendition in memory at once, without a promise, as @hono/node-server writes in the same turn', async () => {
    if (!opened) throw new Error('not set up');
    const { store, readRendition, readNow, runner, definitions: feeds } = opened;
    const app = createApp({ store, readRendition, feeds, runner, log: silentLog, clock: () => new Date() });
    const fetch = withCompression(withFastFeeds(app.fetch, { feeds, read: readNow, log: silentLog }));
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
    const { answer, byApp } = await compare('/feeds/monitor.rss', 'HEAD', { 'accept-encoding': 'gzip' });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(byApp).toBe(false);
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
    expect((await compare('/feeds/monitor.atom', 'GET', { 'if-none-match': '"republished"' })).answer.status).toBe(304);
  });
  it('follows a takedown and its lift as the app does', async () => {
    if (!opened) throw new Error('not set up');
    await opened.store.takeDown({ feedId: 'monitor', at: new Date().toISOString(), reason: 'test' });
    const gone = await compare('/feeds/monitor.rss');
    expect(gone.answer.status).toBe(410);
    expect(gone.byApp).toBe(true);
    // Lifted, the feed has nothing stored until its next publish: 503 from the app on both sides.
    await opened.store.liftTakedown('monitor');
    const lifted = await compare('/feeds/monitor.rss');
    expect(lifted.answer.status).toBe(503);
    expect(lifted.byApp).toBe(true);
    await opened.runner.refreshMany([...opened.definitions.values()]);
    const back = await compare('/feeds/monitor.rss');
    expect(back.answer.status).toBe(200);
    expect(back.byApp).toBe(false);
  });
});
