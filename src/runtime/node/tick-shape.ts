/**
 * @module runtime/node/tick-shape
 * Keeps one of Node's own `process.nextTick` records alive for the life of the process, so that every later
 * `nextTick` stays on V8's fast path. A Node server makes several per request (node:http and its streams do).
 *
 * Why (measured on Node 24, issue 11): `nextTick` builds each record with an object literal whose keys are
 * symbols, `{ [async_id_symbol], [trigger_async_id_symbol], [async_context_frame], callback, args }`. V8 caches
 * the hidden classes ("maps") that literal goes through in the function's inline caches, but holds them only
 * weakly: a full garbage collection at a moment when no record is alive frees them, the next record gets new
 * ones, and after a few such collections the caches give up (megamorphic) for good. Every record is then built
 * by the runtime's slow property definition, about 1 µs each instead of ≈ 0.1. A bare server rarely runs a full
 * collection; Lede runs many while it starts and refreshes (extraction, `compactHeap`). With one record kept,
 * its maps stay alive and the caches stay monomorphic: one 304 cost ≈ 6 µs less CPU of Node's own work.
 *
 * The record is caught with an `init` async hook, enabled only around one `nextTick` and disabled at once (an
 * enabled hook would cost on every async operation). Should Node stop naming the record `TickObject`, nothing
 * is kept and nothing else changes.
 */
import { createHook } from 'node:async_hooks';

let kept: object | undefined;

/**
 * Keep one `nextTick` record alive (see the module comment); call it before the first heavy work.
 * @example keepTickShape() // first thing in startLede
 */
export function keepTickShape(): void {
  if (kept !== undefined) return;
  const hook = createHook({
    init(_asyncId, type, _triggerAsyncId, resource) {
      if (type === 'TickObject') kept ??= resource;
    },
  });
  hook.enable();
  process.nextTick(() => undefined);
  hook.disable();
}
