/**
 * Compression on Node over a real socket: Lede started in-process on 127.0.0.1 with the fixture news site
 * and a real start-up refresh, read with node:http (which, unlike fetch, hands over the coded bytes as sent).
 * Checks the negotiation (q-values, identity fallback), Content-Encoding, Vary, the weak ETag of a coded
 * answer and its 304, HEAD's Content-Length, and that a rendition is compressed once, not per request.
 */
import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { chooseCoding, createCompression } from '../../../src/runtime/node/compression.ts';
import { startLede, type LedeNode } from '../../../src/runtime/node/server.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { makeWorkspace } from '../../helpers/spawn-lede.ts';
import { silentLog } from '../../helpers/silent-log.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let site: FixtureSite | undefined;
let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
let lede: LedeNode | undefined;

/** One request over a fresh socket; the body exactly as it came off the wire. */
function send(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${lede?.url ?? ''}${path}`, { method, headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }),
      );
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
  const config = parseRuntimeConfig({ PORT: '0', FEEDS_DIR: workspace.feedsDir, DATA_DIR: workspace.dataDir });
  lede = await startLede(config, silentLog);
  await lede.initialRefresh;
}, 60_000);

afterAll(async () => {
  await lede?.close();
  await site?.close();
  if (workspace) await rm(workspace.dir, { recursive: true, force: true });
});

describe('chooseCoding (Accept-Encoding, RFC 9110 §12.5.3)', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*;q=0.3', 'br'],
    ['*, br;q=0', 'gzip'],
    ['GZIP ; Q=0.8, Br ; q=0.9', 'br'],
  ])('%j → %s', (header, coding) => {
    expect(chooseCoding(header)).toBe(coding);
  });
});

describe('Compression on Node (a real socket)', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('%s: coded bytes that decode to the identity body, weak ETag, Vary', async (coding, decode) => {
    const identity = await send('/feeds/monitor.rss');
    const coded = await send('/feeds/monitor.rss', { 'Accept-Encoding': coding });
    expect(coded.status).toBe(200);
    expect(coded.headers['content-encoding']).toBe(coding);
    expect(coded.headers.vary).toMatch(/Accept-Encoding/);
    expect(coded.headers['content-length']).toBe(String(coded.body.byteLength));
    expect(coded.headers.etag).toBe(`W/${String(identity.headers.etag)}`);
    expect(coded.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(coded.body.byteLength).toBeLessThan(identity.body.byteLength / 2);
    expect(decode(coded.body).equals(identity.body)).toBe(true);
  });

  it('identity when nothing is accepted: the strong ETag, Vary, no Content-Encoding', async () => {
    const response = await send('/feeds/monitor.atom', { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    // The feed route's own Vary (browser navigations get the preview page) stays, Accept-Encoding is added.
    expect(response.headers.vary).toBe('Sec-Fetch-Dest, Sec-Fetch-Mode, Accept-Encoding');
    expect(response.body.toString('utf8')).toMatch(/^<\?xml/);
  });

  it.each([
    ['the weak ETag it was sent', (etag: string) => `W/${etag}`],
    ['the strong identity ETag', (etag: string) => etag],
  ])('a conditional GET with %s: 304 with the weak ETag and Vary, no body', async (_name, tag) => {
    const identity = await send('/feeds/monitor.json');
    const etag = String(identity.headers.etag);
    const response = await send('/feeds/monitor.json', { 'Accept-Encoding': 'gzip', 'If-None-Match': tag(etag) });
    expect(response.status).toBe(304);
    expect(response.headers.etag).toBe(`W/${etag}`);
    expect(response.headers.vary).toMatch(/Accept-Encoding/);
    expect(response.body.byteLength).toBe(0);
  });

  it('HEAD with br: the GET’s headers, Content-Length of the coded body, no body', async () => {
    const full = await send('/feeds/monitor.atom', { 'Accept-Encoding': 'br' });
    const head = await send('/feeds/monitor.atom', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.byteLength).toBe(0);
    expect(head.headers['content-length']).toBe(String(full.body.byteLength));
    for (const name of ['content-encoding', 'etag', 'vary', 'content-type', 'last-modified', 'cache-control'])
      expect(head.headers[name]).toBe(full.headers[name]);
  });

  it.each(['/feeds/monitor.rss', '/feeds.opml', '/', '/healthz'])(
    'HEAD %s without Accept-Encoding: the identity Content-Length over the socket, no body',
    async (path) => {
      const full = await send(path);
      const head = await send(path, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body.byteLength).toBe(0);
      expect(head.headers['content-length']).toBe(String(full.body.byteLength));
    },
  );

  it('the OPML is compressed too; pages without an ETag are not', async () => {
    const opml = await send('/feeds.opml', { 'Accept-Encoding': 'gzip' });
    expect(opml.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(opml.body).toString('utf8')).toContain('<opml version="2.0">');
    const health = await send('/healthz', { 'Accept-Encoding': 'gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
  });
});

describe('createCompression().wrap: bytes made once per rendition and coding', () => {
  it('reads and compresses the identity body on the first request only', async () => {
    const text = '<rss>'.padEnd(20_000, ' item');
    let bodiesRead = 0;
    // A body that counts its reads: with no high-water mark it is pulled only when someone reads it.
    const fetch = createCompression().wrap(() => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            bodiesRead += 1;
            controller.enqueue(new TextEncoder().encode(text));
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { headers: { ETag: '"r1"', 'Content-Type': 'application/rss+xml' } });
    });
    const get = () => fetch(new Request('http://lede.test/feeds/x.rss', { headers: { 'Accept-Encoding': 'br' } }));
    const first = new Uint8Array(await (await get()).arrayBuffer());
    const second = new Uint8Array(await (await get()).arrayBuffer());
    expect(bodiesRead).toBe(1);
    expect(second).toEqual(first);
    expect(brotliDecompressSync(first).toString('utf8')).toBe(text);
  });
});
