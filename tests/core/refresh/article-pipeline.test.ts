/**
 * `runPipeline` (src/core/refresh/article-pipeline.ts) on its own, driven step by step: the test decides
 * when each fetch and each processing step finishes, so what may overlap, and how much is held, is
 * checked without timing anything.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/core/refresh/article-pipeline.ts';

interface Step {
  readonly item: number;
  resolve(): void;
  reject(error: Error): void;
}

/** A run's bounds; its weight is each page's characters (`page 0`: 6), unbounded unless given. */
type Batch = { readonly size: number; readonly maxWaitMs: number; readonly maxWeight?: number } | undefined;

/** A pipeline over `count` items whose every fetch and processing step waits for the test. */
function drive(count: number, lanes: number, held: number, batch?: Batch) {
  const fetches: Step[] = [];
  const steps: Step[] = [];
  const log: string[] = [];
  let processing = 0;
  let peakProcessing = 0;
  const pending = (list: Step[], item: number) =>
    new Promise<void>((resolve, reject) => list.push({ item, resolve, reject }));
  const done = runPipeline(
    Array.from({ length: count }, (_, index) => index),
    {
      lanes,
      held,
      ...(batch
        ? { batch: { ...batch, maxWeight: batch.maxWeight ?? Infinity, weigh: (page: string) => page.length } }
        : {}),
      fetch: async (item) => {
        log.push(`fetch ${String(item)}`);
        await pending(fetches, item);
        return `page ${String(item)}`;
      },
      process: async (page, item) => {
        expect(page).toBe(`page ${String(item)}`);
        processing += 1;
        peakProcessing = Math.max(peakProcessing, processing);
        log.push(`process ${String(item)}`);
        await pending(steps, item);
        processing -= 1;
        log.push(`stored ${String(item)}`);
      },
    },
  );
  return { fetches, steps, log, done, peak: () => peakProcessing };
}

/** Let every promise reaction that can run, run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const processed = (log: readonly string[]) => log.filter((line) => line.startsWith('process'));

/** Resolve what is left, fetches first, until the pipeline ends. */
async function finish(run: ReturnType<typeof drive>): Promise<void> {
  while (run.steps.length > 0 || run.fetches.length > 0) {
    for (const step of run.fetches.splice(0)) step.resolve();
    run.steps.shift()?.resolve();
    await settle();
  }
  await run.done;
}

/** Fetches started and not yet taken up by processing. */
function heldNow(log: readonly string[]): number {
  return (
    log.filter((line) => line.startsWith('fetch')).length - log.filter((line) => line.startsWith('process')).length
  );
}

describe('runPipeline', () => {
  it('fetches the next item while an earlier one is processed', async () => {
    const run = drive(3, 1, 2);
    await settle();
    run.fetches.shift()?.resolve();
    await settle();
    // Item 0 is being processed, and the one lane has already gone on to item 1.
    expect(run.log).toEqual(['fetch 0', 'process 0', 'fetch 1']);
    run.fetches.shift()?.resolve();
    await settle();
    expect(run.log).toEqual(['fetch 0', 'process 0', 'fetch 1', 'fetch 2']);
    for (let index = 0; index < 3; index++) {
      run.fetches.shift()?.resolve();
      run.steps.shift()?.resolve();
      await settle();
    }
    await run.done;
    expect(run.log.filter((line) => line.startsWith('stored'))).toEqual(['stored 0', 'stored 1', 'stored 2']);
  });

  it('processes one at a time, in the order fetches finish', async () => {
    const run = drive(4, 2, 4);
    await settle();
    // Item 1 arrives before item 0.
    run.fetches.find((step) => step.item === 1)?.resolve();
    await settle();
    run.fetches.find((step) => step.item === 0)?.resolve();
    await settle();
    expect(run.log.filter((line) => line.startsWith('process'))).toEqual(['process 1']);
    while (run.steps.length > 0 || run.fetches.length > 0) {
      for (const step of run.fetches.splice(0)) step.resolve();
      run.steps.shift()?.resolve();
      await settle();
    }
    await run.done;
    expect(run.log.filter((line) => line.startsWith('process'))).toEqual([
      'process 1',
      'process 0',
      'process 2',
      'process 3',
    ]);
    expect(run.peak()).toBe(1);
  });

  it('holds no more than `held` fetched items while processing is stuck', async () => {
    const run = drive(10, 2, 3);
    await settle();
    // Processing never finishes its first item; every fetch returns at once.
    for (let round = 0; round < 10; round++) {
      for (const step of run.fetches.splice(0)) step.resolve();
      await settle();
    }
    expect(run.log.filter((line) => line.startsWith('process'))).toEqual(['process 0']);
    expect(heldNow(run.log)).toBe(3);
    while (run.steps.length > 0 || run.fetches.length > 0) {
      for (const step of run.fetches.splice(0)) step.resolve();
      run.steps.shift()?.resolve();
      await settle();
      expect(heldNow(run.log)).toBeLessThanOrEqual(3);
    }
    await run.done;
    expect(run.log.filter((line) => line.startsWith('stored'))).toHaveLength(10);
  });

  it('stops starting fetches once processing fails, and rejects with that error', async () => {
    const run = drive(6, 1, 2);
    const outcome = run.done.then(
      () => undefined,
      (error: unknown) => error,
    );
    await settle();
    run.fetches.shift()?.resolve();
    await settle();
    run.steps.shift()?.reject(new Error('disk full'));
    for (let round = 0; round < 6; round++) {
      for (const step of run.fetches.splice(0)) step.resolve();
      await settle();
    }
    expect(await outcome).toEqual(new Error('disk full'));
    // Items already fetched are not processed after the failure, and no new fetch starts.
    expect(run.log.filter((line) => line.startsWith('process'))).toEqual(['process 0']);
    expect(run.log.filter((line) => line.startsWith('fetch')).length).toBeLessThanOrEqual(3);
  });

  it('in runs: processing waits until `size` items are read, while the lanes go on fetching', async () => {
    const run = drive(8, 2, 6, { size: 4, maxWaitMs: 60_000 });
    await settle();
    for (const step of run.fetches.splice(0)) step.resolve();
    await settle();
    expect(processed(run.log)).toEqual([]);
    expect(run.log.filter((line) => line.startsWith('fetch'))).toHaveLength(4);
    for (const step of run.fetches.splice(0)) step.resolve();
    await settle();
    // Four read: the run is handed over, and the lanes have fetched the next two meanwhile.
    expect(processed(run.log)).toEqual(['process 0']);
    expect(run.log.filter((line) => line.startsWith('fetch'))).toHaveLength(6);
    await finish(run);
    expect(processed(run.log)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((item) => `process ${String(item)}`));
  });

  it('in runs: hands a short run over when no fetch is left in flight', async () => {
    const run = drive(3, 2, 6, { size: 4, maxWaitMs: 60_000 });
    await settle();
    for (const step of run.fetches.splice(0)) step.resolve();
    await settle();
    expect(processed(run.log)).toEqual([]);
    run.fetches.shift()?.resolve();
    await settle();
    expect(processed(run.log)).toEqual(['process 0']);
    await finish(run);
    expect(run.log.filter((line) => line.startsWith('stored'))).toHaveLength(3);
  });

  it('in runs: hands a run over once its pages weigh `maxWeight`, however few they are', async () => {
    const run = drive(8, 2, 6, { size: 4, maxWaitMs: 60_000, maxWeight: 12 });
    await settle();
    run.fetches.shift()?.resolve();
    await settle();
    expect(processed(run.log)).toEqual([]);
    run.fetches.shift()?.resolve();
    await settle();
    // Two pages of 6 characters: 12, the bound.
    expect(processed(run.log)).toEqual(['process 0']);
    await finish(run);
    expect(processed(run.log)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((item) => `process ${String(item)}`));
  });

  it('in runs: a page read waits no longer than `maxWaitMs` behind a slow fetch', async () => {
    const run = drive(2, 2, 6, { size: 4, maxWaitMs: 20 });
    await settle();
    run.fetches.find((step) => step.item === 1)?.resolve();
    await settle();
    expect(processed(run.log)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Item 0 is still being fetched; item 1 was handed over when its wait ran out.
    expect(processed(run.log)).toEqual(['process 1']);
    await finish(run);
  });

  it('does every item exactly once for any lanes, bound, run size and order of arrival', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        async (count, lanes, extra, choices, size) => {
          const held = lanes + extra;
          // No run waits on its timer here: the last fetch in flight hands over whatever is read.
          const batch = size === undefined ? undefined : { size, maxWaitMs: 60_000, maxWeight: 6 * (1 + (count % 4)) };
          const run = drive(count, lanes, held, batch);
          let pick = 0;
          for (;;) {
            await settle();
            expect(heldNow(run.log)).toBeLessThanOrEqual(held);
            if (run.fetches.length === 0 && run.steps.length === 0) break;
            const choice = choices[pick++ % choices.length] ?? 0;
            const list =
              run.fetches.length > 0 && (choice % 2 === 0 || run.steps.length === 0) ? run.fetches : run.steps;
            list.splice(choice % list.length, 1)[0]?.resolve();
          }
          await run.done;
          const stored = run.log.filter((line) => line.startsWith('stored')).map((line) => Number(line.slice(7)));
          expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index));
          expect(run.peak()).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
