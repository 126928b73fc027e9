/**
 * @module core/refresh/article-pipeline
 * Fetching and processing a refresh's pending articles, overlapped. `lanes` fetches run at once; each
 * hands what it read to one processing queue and goes on to the next page at once, instead of waiting
 * while the page is extracted, licensed and stored. Processing is one at a time, in the order pages
 * arrive: it is CPU work on a single thread (running two at once would only interleave them), and it
 * keeps progress and the report in one sequence.
 *
 * Memory stays bounded: a lane takes a slot before it fetches and the slot comes back when processing
 * takes up its result, so at most `held` bodies are being read or waiting at once (plus the one being
 * processed). When processing falls behind, lanes wait for a slot instead of piling bodies up.
 *
 * A lane's next request should go out before the page it read is processed. Processing is mostly one long
 * synchronous stretch (parsing, extraction), and promise reactions run in order: started as soon as the slot
 * comes back, it would hold up the lane's next fetch — a few promise steps from writing its request — for the
 * whole stretch, and the site's latency would add to Lede's CPU time instead of overlapping it. So processing
 * first awaits `beforeProcess` (the fetcher's `requestsSent`), which settles once that request is written.
 *
 * Pages may also be processed in runs (`batch`): pages read wait until a few are (fewer when they are large),
 * then are processed back to back. A page processed after a wait on the network runs cold: on the 2-core VM the bench runs on, extracting a
 * page 12 ms after the last cost 1.5–1.9× what it costs right after it, whether the thread slept or spun
 * meanwhile (sweeping 16 MB of memory in between, with no time passing, cost nothing). With two lanes, pages
 * arrive in pairs a round trip apart; in runs of four, a refresh's extraction fell from ≈ 0.9 to ≈ 0.6 ms a page.
 *
 * Politeness is not decided here: each fetch still goes through the fetcher's per-host limit and the
 * source's rules, exactly as when the lanes processed their own pages.
 */

/** The two halves of the work on an item, and how much of it may be in the air. */
export interface PipelineStages<T, F> {
  /** Fetches in flight at once. */
  readonly lanes: number;
  /** Fetch results (in flight, or read and waiting for `process`) held at once; at least `lanes`. */
  readonly held: number;
  /** Should not reject; if it does, no further item starts and the pipeline rejects with its error. */
  readonly fetch: (item: T) => Promise<F>;
  /**
   * Awaited when a fetched item is taken up, after its slot is handed back and before `process`: lets the lane
   * that takes the slot send its request first. Absent: `process` starts at once.
   */
  readonly beforeProcess?: () => Promise<void>;
  /**
   * Read items processed in runs: processing starts once `size` are waiting, or they weigh `maxWeight` together
   * (`weigh`: a page's characters, so a few large pages are not held for a run), once no lane can add to them
   * (every lane done, or waiting for a slot), or once the first has waited `maxWaitMs` (a slow fetch holds the
   * others up no longer than that). Absent: each item as soon as it is read. `held` should leave the lanes room
   * to fetch while a run fills: `lanes + size`.
   */
  readonly batch?: PipelineBatch<F>;
  /** Called one at a time, in the order fetches finish. A rejection stops the pipeline as `fetch`'s does. */
  readonly process: (fetched: F, item: T) => Promise<void>;
}

/** A counting semaphore: `acquire` waits for a free slot, first come first served. */
function createSlots(count: number) {
  let free = count;
  const waiting: (() => void)[] = [];
  return {
    acquire: (): Promise<void> | undefined => {
      if (free > 0) {
        free -= 1;
        return undefined;
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: (): void => {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
    /** Wake every waiter (the pipeline stopped: they will not fetch). */
    releaseAll: (): void => {
      for (const next of waiting.splice(0)) next();
    },
  };
}

/** How read items are gathered into runs (`PipelineStages.batch`). */
export interface PipelineBatch<F> {
  readonly size: number;
  readonly maxWaitMs: number;
  readonly maxWeight: number;
  readonly weigh: (fetched: F) => number;
}

/**
 * Items read and waiting for their run to fill (`PipelineStages.batch`), handed to `start` in the order read.
 * `pause` when a lane stops adding, for now (waiting for a slot) or for good; `resume` when it goes on.
 */
function createRuns<F, R extends { readonly fetched: F }>(
  batch: PipelineBatch<F> | undefined,
  lanes: number,
  start: (read: R) => void,
) {
  let waiting: R[] = [];
  let weight = 0;
  let active = lanes;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handOver = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const ready = waiting;
    waiting = [];
    weight = 0;
    for (const read of ready) start(read);
  };
  // A run is handed over once full (by count or weight), or once no lane can add to it: every lane done or
  // waiting for a slot.
  const check = () => {
    if (batch === undefined || waiting.length >= batch.size || weight >= batch.maxWeight || active === 0) handOver();
    else if (waiting.length > 0) timer ??= setTimeout(handOver, batch.maxWaitMs);
  };
  return {
    add(read: R): void {
      waiting.push(read);
      weight += batch ? batch.weigh(read.fetched) : 0;
      check();
    },
    pause(): void {
      active -= 1;
      check();
    },
    resume(): void {
      active += 1;
    },
  };
}

/**
 * Run `fetch` over `items` on `lanes` lanes and `process` over the results one at a time; resolves once
 * every item is processed.
 *
 * @example
 * await runPipeline(records, {
 *   lanes: 2,
 *   held: 4,
 *   fetch: (record) => fetchArticle(deps, feed, record, readSite),
 *   process: async (fetched) => writer.put(await licenseFetchedArticle(feed, fetched, readSite)),
 * });
 */
export async function runPipeline<T, F>(items: readonly T[], stages: PipelineStages<T, F>): Promise<void> {
  const slots = createSlots(Math.max(stages.held, stages.lanes, 1));
  const run: { next: number; failure?: { readonly error: unknown } } = { next: 0 };
  let processing = Promise.resolve();
  const stop = (error: unknown) => {
    run.failure ??= { error };
    slots.releaseAll();
  };
  const lanes = Math.max(1, Math.min(stages.lanes, items.length));
  const runs = createRuns<F, { readonly fetched: F; readonly item: T }>(stages.batch, lanes, ({ fetched, item }) => {
    processing = processing.then(async () => {
      slots.release();
      // Without it, processing starts in this same reaction, as it always did (not even an `await` later).
      if (stages.beforeProcess && run.failure === undefined) await stages.beforeProcess();
      if (run.failure === undefined) await stages.process(fetched, item).catch(stop);
    });
  });
  const hasNext = () => run.next < items.length && run.failure === undefined;
  const fetchNext = async () => {
    const blocked = slots.acquire();
    if (blocked) {
      runs.pause();
      await blocked;
      runs.resume();
    }
    if (!hasNext()) {
      slots.release();
      return;
    }
    const item = items[run.next++] as T;
    runs.add({ fetched: await stages.fetch(item), item });
  };
  const lane = async () => {
    try {
      while (hasNext()) await fetchNext();
    } catch (error) {
      stop(error);
    } finally {
      runs.pause();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  await processing;
  if (run.failure) throw run.failure.error;
}
