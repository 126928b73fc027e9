/**
 * @module tests/bench/socket-load
 * The serve case's load generator (bench/socket-load.ts) against node:http servers: it counts whole answers
 * — a 304, a 200 whose body comes in many chunks — sends the scenario's headers, and fails on a wrong
 * status, a chunked answer or a connection the server closes, instead of counting them.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runSocketLoad } from '../../bench/socket-load.ts';

const servers: Server[] = [];

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('runSocketLoad', () => {
  it('counts 304s, each request carrying the headers asked for', async () => {
    let answered = 0;
    const origin = await serve((request, response) => {
      if (request.headers['if-none-match'] !== '"a"' || request.url !== '/feeds/a.rss') throw new Error('request');
      answered++;
      response.writeHead(304, { etag: '"a"' }).end();
    });
    const result = await runSocketLoad(
      origin,
      { path: '/feeds/a.rss', headers: { 'if-none-match': '"a"' }, status: 304 },
      4,
      100,
    );
    expect(result.requests).toBeGreaterThan(0);
    // The warm-up's answers are counted by the server, not in the result.
    expect(answered).toBeGreaterThan(result.requests);
    expect(result.bodyBytes).toBe(0);
  });

  it('reads a 200 body sent in many chunks to its stated length', async () => {
    const body = Buffer.alloc(300_000, 'é');
    const origin = await serve((_request, response) => {
      response.writeHead(200, { 'content-length': String(body.length) });
      for (let at = 0; at < body.length; at += 7_000) response.write(body.subarray(at, at + 7_000));
      response.end();
    });
    const result = await runSocketLoad(origin, { path: '/', status: 200 }, 3, 100);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.bodyBytes).toBe(body.length);
  });

  it('fails on a wrong status, a chunked answer and a closed connection', async () => {
    const wrong = await serve((_request, response) => response.writeHead(200, { 'content-length': '0' }).end());
    await expect(runSocketLoad(wrong, { path: '/', status: 304 }, 2, 50)).rejects.toThrow('expected 304');
    const ok = await serve((_request, response) =>
      response.writeHead(200, { 'transfer-encoding': 'chunked' }).end('x'),
    );
    await expect(runSocketLoad(ok, { path: '/', status: 200 }, 2, 50)).rejects.toThrow('chunked');
    const closing = await serve((request) => request.socket.destroy());
    await expect(runSocketLoad(closing, { path: '/', status: 200 }, 2, 50)).rejects.toThrow('closed');
  });
});
