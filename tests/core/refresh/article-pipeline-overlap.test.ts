/**
 * `runPipeline` (src/core/refresh/article-pipeline.ts) with the real Node fetcher and a real site: a lane's
 * next request reaches the site before the page it read is processed, even when processing is one long
 * synchronous stretch (as extraction is). The site runs in a worker thread, so it answers and counts requests
 * while this thread is busy; processing waits (synchronously, `Atomics.wait`) for the next request to arrive,
 * after the fetcher's `requestsSent` as a refresh awaits it.
 * Had processing started before the request was written, it would wait in vain: nothing is timed, the wait's
 * deadline only keeps a regression from hanging the suite. The fetcher's two connections to the site are opened
 * first, as they are after a refresh's first pages: a request on a new connection waits for its connect, which
 * is I/O of its own, while one on an open keep-alive connection is written at once.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observeFetchPage } from '../../../src/core/pull/observe-fetch.ts';
import { runPipeline } from '../../../src/core/refresh/article-pipeline.ts';
import { createNodeFetchPage, type NodeFetchPage } from '../../../src/runtime/node/fetch-page.ts';

/** The site: counts requests (slot 0), the most in flight at once (slot 2), and answers each after a few ms. */
const SITE = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const counts = new Int32Array(workerData);
const server = http.createServer((request, response) => {
  Atomics.add(counts, 0, 1);
  Atomics.notify(counts, 0);
  const open = Atomics.add(counts, 1, 1) + 1;
  if (open > Atomics.load(counts, 2)) Atomics.store(counts, 2, open);
  setTimeout(() => {
    Atomics.sub(counts, 1, 1);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>' + request.url + '</p>');
  }, 5);
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

/** Wait, blocking this thread, until the site has seen more than `count` requests; false at the deadline. */
function blockUntilRequests(counts: Int32Array, count: number, deadline: number): boolean {
  for (let seen = Atomics.load(counts, 0); seen <= count; seen = Atomics.load(counts, 0)) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(counts, 0, seen, left);
  }
  return true;
}

/** The Node fetcher's `requestsSent`, as `observeFetchPage` passes it on. */
function beforeProcess(): { beforeProcess: () => Promise<void> } {
  const { requestsSent } = observeFetchPage(fetchPage, () => undefined);
  if (!requestsSent) throw new Error('the Node fetcher tells when its requests are sent');
  return { beforeProcess: requestsSent };
}

let site: Worker;
let origin: string;
let counts: Int32Array;
let fetchPage: NodeFetchPage;

beforeEach(async () => {
  const shared = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  counts = new Int32Array(shared);
  site = new Worker(SITE, { eval: true, workerData: shared });
  const port = await new Promise<number>((resolve) => site.once('message', resolve));
  origin = `http://127.0.0.1:${String(port)}`;
  fetchPage = createNodeFetchPage();
  await Promise.all(['a', 'b'].map((name) => fetchPage({ url: `${origin}/warm-up/${name}` })));
  Atomics.store(counts, 0, 0);
  Atomics.store(counts, 2, 0);
});

afterEach(async () => {
  await fetchPage.close();
  await site.terminate();
});

describe('runPipeline over sockets', () => {
  it.each([
    { lanes: 1, held: 1 },
    { lanes: 2, held: 2 },
  ])(
    'sends the next request before a page read is processed synchronously ($lanes lanes)',
    async ({ lanes, held }) => {
      const items = Array.from({ length: 8 }, (_, index) => index);
      const seenInStretch: boolean[] = [];
      const processed: number[] = [];
      await runPipeline(items, {
        lanes,
        held,
        fetch: (item) => fetchPage({ url: `${origin}/page/${String(item)}` }),
        // As a refresh runs it (refresh-feed.ts): through the decorator every runtime puts around its fetcher.
        ...beforeProcess(),
        process: (page, item) => {
          expect(page).toMatchObject({ status: 'ok', body: `<p>/page/${String(item)}</p>` });
          // Every item but the last `lanes` has a successor: its request must arrive while this thread is blocked.
          const fetchedSoFar = processed.length + lanes;
          if (processed.length < items.length - lanes)
            seenInStretch.push(blockUntilRequests(counts, fetchedSoFar, Date.now() + 5000));
          processed.push(item);
          return Promise.resolve();
        },
      });
      expect([...processed].sort((a, b) => a - b)).toEqual(items);
      expect(seenInStretch).toEqual(items.slice(lanes).map(() => true));
      expect(Atomics.load(counts, 0)).toBe(items.length);
      // The fetcher's per-host limit (2) still holds, the site says.
      expect(Atomics.load(counts, 2)).toBeLessThanOrEqual(2);
    },
    30_000,
  );
});
