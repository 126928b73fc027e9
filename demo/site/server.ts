/**
 * @module demo/site/server
 * Serves the demo news site on a loopback port: GET/HEAD of the documents `buildSite` rendered, each with
 * a strong ETag answered with 304 on `If-None-Match` (RFC 9110 §13.1.2), so Lede's conditional GETs work.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSite, type SiteDocument } from './build-site.ts';

export interface DemoSite {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

interface Prepared extends SiteDocument {
  readonly bytes: Buffer;
  readonly etag: string;
}

function prepare(documents: ReadonlyMap<string, SiteDocument>): Map<string, Prepared> {
  const prepared = new Map<string, Prepared>();
  for (const [path, document] of documents) {
    const bytes = Buffer.from(document.body, 'utf8');
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    prepared.set(path, { ...document, bytes, etag });
  }
  return prepared;
}

function answer(documents: ReadonlyMap<string, Prepared>, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const document = documents.get(new URL(req.url ?? '/', 'http://demo').pathname);
  if (!document) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  // The site is static while it runs: revalidate every time, and a matching ETag costs no body.
  const headers = { etag: document.etag, 'cache-control': 'no-cache' };
  const ifNoneMatch = req.headers['if-none-match'] ?? '';
  if (ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === document.etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': document.type, 'content-length': document.bytes.length });
  res.end(req.method === 'HEAD' ? undefined : document.bytes);
}

/**
 * Start the site on `host` (default 127.0.0.1) and `port` (default 0: a free one). Dates are relative to
 * `now`, so the newest story is always a couple of hours old.
 * @example const site = await startDemoSite(); console.log(site.origin); await site.close();
 */
export async function startDemoSite(options: { host?: string; port?: number; now?: Date } = {}): Promise<DemoSite> {
  const host = options.host ?? '127.0.0.1';
  let documents = new Map<string, Prepared>();
  const server = createServer((req, res) => answer(documents, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  documents = prepare(buildSite(origin, options.now ?? new Date()));
  return {
    origin,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from Lede's client would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
