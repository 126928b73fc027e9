/**
 * @module bench/servers/fixture-site
 * The bench's loopback news site, run as its own process (so its CPU is not counted as the client's):
 * `/feed/<n>.xml` lists articles 0…n-1 with an ETag (304 to a matching If-None-Match), `/feed/rolling.xml` the
 * newest 20 of the articles published so far (each `/__publish` publishes one more), `/news/…` serves article
 * pages, everything else is a 404. `LATENCY_MS` delays every answer, as a distant server would.
 * It counts what it is asked (`/__stats`, reset by `/__reset`), so a bench can show that a refresh with
 * nothing new made one conditional request and fetched no article. Prints its origin on stdout.
 *
 * With `PAGES_DIR` (a folder of `<name>/source.html`, such as ../shared/corpus), article `i` is the `i`-th of those
 * real pages, in turn, instead of a generated one: a refresh of real sizes. Their canonical links are taken out, so
 * that each URL stays an article of its own.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderArticlePage, renderListing } from '../fixture-pages.ts';
import { exitWithParent } from '../processes.ts';

const latencyMs = Number(process.env['LATENCY_MS'] ?? '0');
const stats = { feed: 0, feedConditional: 0, feedNotModified: 0, articles: 0, other: 0 };
const cache = new Map<string, Buffer>();
/** How many articles `/feed/rolling.xml` has published, and how many of the newest it lists. */
let rolling = 50;
const ROLLING_WINDOW = 20;
let origin = '';

/** The real pages of `PAGES_DIR`, in name order, their canonical link and `og:url` taken out; none without it. */
function readRealPages(dir: string | undefined): Buffer[] {
  if (!dir) return [];
  const names = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return names
    .map((entry) => entry.name)
    .sort()
    .map((name) =>
      Buffer.from(
        readFileSync(`${dir}/${name}/source.html`, 'utf8')
          .replace(/<link\b[^>]*\brel=["']?canonical\b[^>]*>/gi, '')
          .replace(/<meta\b[^>]*\bog:url\b[^>]*>/gi, ''),
      ),
    );
}
const realPages = readRealPages(process.env['PAGES_DIR']);

function page(key: string, render: () => string): Buffer {
  let bytes = cache.get(key);
  if (!bytes) cache.set(key, (bytes = Buffer.from(render())));
  return bytes;
}

function answerFeed(request: IncomingMessage, response: ServerResponse, count: number, window = count): void {
  stats.feed++;
  const etag = `"feed-${String(count)}-${String(window)}"`;
  const asked = request.headers['if-none-match'];
  if (asked !== undefined) stats.feedConditional++;
  if (asked === etag) {
    stats.feedNotModified++;
    response.writeHead(304, { etag }).end();
    return;
  }
  const body = page(`feed-${String(count)}-${String(window)}`, () => renderListing(origin, count, window));
  response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(body);
}

function answer(request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', origin).pathname;
  const feed = /^\/feed\/(\d+)\.xml$/.exec(path);
  const article = /^\/news\/(\d+)\//.exec(path);
  if (feed) answerFeed(request, response, Number(feed[1]));
  else if (path === '/feed/rolling.xml') answerFeed(request, response, rolling, ROLLING_WINDOW);
  else if (article) {
    stats.articles++;
    const index = Number(article[1]);
    const real = realPages.length > 0 ? realPages[index % realPages.length] : undefined;
    const body = real ?? page(path, () => renderArticlePage(origin, index));
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  } else {
    stats.other++;
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

const server = createServer((request, response) => {
  if (request.url === '/__stats') return void response.end(JSON.stringify(stats));
  if (request.url === '/__reset') {
    for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] = 0;
    return void response.end('{}');
  }
  if (request.url === '/__publish') return void response.end(JSON.stringify({ published: ++rolling }));
  if (latencyMs > 0) setTimeout(() => answer(request, response), latencyMs);
  else answer(request, response);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  process.stdout.write(`${JSON.stringify({ origin })}\n`);
});
exitWithParent();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
