/**
 * @module runtime/node/request-shape
 * Keeps the first request node:http hands a server — its `IncomingMessage` and `ServerResponse` — alive for the
 * life of the process, so that every later request and response keeps its properties inside the object, where
 * V8's inline caches find them at a fixed offset.
 *
 * Why (measured on Node 24, issue 11): V8 sizes the objects a constructor makes by "slack tracking". The first
 * few objects get room for many properties; when the seventh is constructed (V8 today), the room is cut to what
 * the objects then alive needed, found by walking the hidden classes ("maps") they went through. Those maps are
 * held only weakly. If a full garbage collection runs while no request is alive — Lede runs several while it
 * starts and refreshes (`compactHeap`, extraction), between its first requests (a health check, a first poll) —
 * they are freed, the walk finds none, and the room is cut to nothing: every later request and response then
 * holds its ~30 properties outside the object, more than V8 allows there for the stores Node makes with symbol
 * keys, so each one is turned into a dictionary in its constructor. Every property access of node:http and its
 * streams then misses its inline cache (megamorphic): a 304 cost ≈ 1.7× the CPU (≈ 65 µs instead of ≈ 38), in
 * about one Lede process of three (12 of 34 started as the bench starts them), decided by GC timing at start.
 * With the first request and response kept, their maps stay alive, the room is cut to what a whole request
 * used, and the maps their properties went through are not freed by later collections either (the weak maps
 * of ./tick-shape.ts).
 *
 * A bare node:http server rarely collects fully between its first seven requests, so it does not meet this.
 * tests/runtime/node/request-shape.test.ts reads V8's `%HasFastProperties` in a child process: fast with it,
 * dictionaries without it.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

let kept: readonly [IncomingMessage, ServerResponse] | undefined;

/**
 * Keep the first request `server` is handed, and its response (see the module comment); a listener that runs
 * once, before the server's own, then removes itself.
 * @example const server = createServer(listener); keepRequestShape(server)
 */
export function keepRequestShape(server: Server): void {
  if (kept !== undefined) return;
  server.prependOnceListener('request', (incoming: IncomingMessage, outgoing: ServerResponse) => {
    kept ??= [incoming, outgoing];
  });
}
