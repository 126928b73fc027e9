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
  const hasNext = () => run.next < items.length && run.failure === undefined;
  const lane = async () => {
    while (hasNext()) {
      await slots.acquire();
      if (!hasNext()) {
        slots.release();
        return;
      }
      const item = items[run.next++] as T;
      let fetched: F;
      try {
        fetched = await stages.fetch(item);
      } catch (error) {
        stop(error);
        return;
      }
      processing = processing.then(async () => {
        slots.release();
        // Without it, processing starts in this same reaction, as it always did (not even an `await` later).
        if (stages.beforeProcess && run.failure === undefined) await stages.beforeProcess();
        if (run.failure === undefined) await stages.process(fetched, item).catch(stop);
      });
    }
  };
  const lanes = Math.max(1, Math.min(stages.lanes, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  await processing;
  if (run.failure) throw run.failure.error;
}
