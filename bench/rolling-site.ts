/**
 * @module bench/rolling-site
 * A loopback news site for the memory case, in the bench's process: `/feed/quiet.xml` never changes (a
 * refresh of it is one conditional request answered 304), `/feed/rolling.xml` lists the 20 newest of the
 * articles published so far and gains one each time `publish()` is called, so every refresh of it finds one
 * new article. Article pages are the bench's usual ones (bench/fixture-pages.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { articleDate, articlePath, renderArticlePage } from './fixture-pages.ts';

const WINDOW = 20;

export interface RollingSite {
  readonly origin: string;
  /** One more article at the top of `/feed/rolling.xml`. */
  publish(): void;
  close(): Promise<void>;
}

function renderWindow(origin: string, newest: number): string {
  const items: string[] = [];
  for (let index = newest; index > newest - WINDOW && index >= 0; index--) {
    const url = `${origin}${articlePath(index)}`;
    items.push(
      `<item><title>Water code overhaul, part ${String(index)}</title><link>${url}</link><guid>${url}</guid>` +
        `<pubDate>${articleDate(index).toUTCString()}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Rolling Monitor</title><link>${origin}/</link>
<description>Bench news</description>${items.join('\n')}</channel></rss>`;
}

function answerListing(request: IncomingMessage, response: ServerResponse, etag: string, body: () => string): void {
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag }).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body());
}

/** @example const site = await startRollingSite(); site.publish(); await site.close() */
export async function startRollingSite(): Promise<RollingSite> {
  let origin = '';
  let newest = WINDOW - 1;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    const article = /^\/news\/(\d+)\//.exec(path);
    if (path === '/feed/quiet.xml') answerListing(request, response, '"quiet"', () => renderWindow(origin, WINDOW - 1));
    else if (path === '/feed/rolling.xml')
      answerListing(request, response, `"rolling-${String(newest)}"`, () => renderWindow(origin, newest));
    else if (article)
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(renderArticlePage(origin, Number(article[1])));
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    origin,
    publish: () => {
      newest++;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
