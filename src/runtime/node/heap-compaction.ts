/**
 * @module runtime/node/heap-compaction
 * Gives memory back to the system after a burst of work: the start (loading, re-rendering stored feeds) and
 * each batch of refreshes.
 *
 * A burst makes V8 grow its young generation to its cap (two 16 MB semi-spaces under `npm start`'s
 * `--max-semi-space-size=16`), and Node 24 keeps it at that size while the process idles: V8's memory reducer,
 * which would shrink it, judges the allocation rate from samples taken at collections, and an idle process
 * makes none, so it keeps reporting "high alloc" (`node --trace-memory-reducer`) and never runs. Measured on
 * a start that re-renders 100 feeds: 32 MB of new space holding 2.6 MB, ≈ 50 MB of RSS until the next
 * collection (docs/performance-history.md, "A built start, and the young generation given back").
 *
 * The remedy is the collection the reducer would have made: a full one that also shrinks the young
 * generation and releases free pages (the `last-resort` flavour of V8's `gc()`; an ordinary minor or major
 * collection shrinks the young generation but releases nothing). Its price, measured: ≈ 70 ms of CPU, a
 * pause of that length, and ≈ 40 ms more on the next batch (the young generation regrows, flushed code is
 * compiled again), for 30–60 MB of RSS. It needs `gc`, which Node exposes with `--expose-gc` (`npm start`
 * passes it); without it nothing happens. Refreshes are watched rather than the ticker, so a refresh asked for
 * by an admin or the start is covered too; the collection waits until none has run for a second, so a batch
 * gets one, not one a feed. Feeds on schedules of their own finish one by one rather than in batches, so
 * collections are also kept at least a minute apart: at ≈ 110 ms of CPU each, never more than ≈ 0.2 % of a core.
 */
import type { RefreshRequest, RefreshRunner } from '../../core/refresh/refresh-runner.ts';
import type { FeedDefinition } from '../../core/types.ts';

/** How long the runner must stay idle before the collection: longer than the gap between a batch's feeds. */
const QUIET_MS = 1000;
/** The least time between two collections, however often refreshes end. */
const MIN_GAP_MS = 60_000;

/**
 * One memory-reducing collection, if Node was started with `--expose-gc`; returns whether it ran.
 * @example compactHeap() // after the start's work
 */
export function compactHeap(): boolean {
  const collect = globalThis.gc;
  if (collect === undefined) return false;
  collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return true;
}

/** When collections may run: each a quiet period after the last refresh, and a minimum gap after the one before. */
export interface CompactionTiming {
  readonly quietMs: number;
  readonly minGapMs: number;
}

/**
 * `runner`, with one `compact()` (by default `compactHeap`) once no refresh has been in flight for `quietMs`,
 * and not sooner than `minGapMs` after the previous one.
 * @example const runner = compactAfterRefreshes(createRefreshRunner(deps, options))
 */
export function compactAfterRefreshes(
  runner: RefreshRunner,
  timing: CompactionTiming = { quietMs: QUIET_MS, minGapMs: MIN_GAP_MS },
  compact: () => void = compactHeap,
): RefreshRunner {
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastCompaction = -Infinity;
  // Unref'd: a pending collection never keeps the process alive, nor delays a shutdown.
  const after = (ms: number, then: () => void) => {
    timer = setTimeout(then, ms).unref();
  };
  // The quiet period is waited for with one duration, and the rest of the gap only once it has passed: Node
  // keeps a list per distinct duration of unref'd timers until that duration has elapsed, even when they are
  // cleared, and wakes to drop each. A timer for "the gap's remainder" armed at every refresh's end (a new
  // duration each time) left one list behind per refresh: 756 in a heap snapshot during 1,000 back-to-back
  // refreshes, up to one per millisecond of the gap (60,000).
  const compactWhenDue = () => {
    const rest = lastCompaction + timing.minGapMs - performance.now();
    if (rest > 0) {
      after(rest, compactWhenDue);
      return;
    }
    lastCompaction = performance.now();
    compact();
  };
  const track = <T>(work: () => Promise<T>): Promise<T> => {
    clearTimeout(timer);
    inFlight++;
    return work().finally(() => {
      if (--inFlight > 0) return;
      after(timing.quietMs, compactWhenDue);
    });
  };
  return {
    ...runner,
    refresh: (feed: FeedDefinition, request?: RefreshRequest) => track(() => runner.refresh(feed, request)),
    refreshMany: (feeds, request) => track(() => runner.refreshMany(feeds, request)),
  };
}
