/**
 * `createArticleWriter` (src/core/refresh/article-writer.ts) on its own: a refresh's finished records go to the
 * store a group at a time, in the order they finished, none waiting longer than its delay, all of them by
 * `flush`; a failed write stops the run at the next `put` or at `flush`, and nothing is written after it.
 * Its timer is the test's (vi.useFakeTimers), so no test waits for it.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createArticleWriter } from '../../../src/core/refresh/article-writer.ts';
import type { ArticleRecord } from '../../../src/core/store.ts';

function record(index: number): ArticleRecord {
  return {
    feedId: 'monitor',
    sourceUrl: `https://example.com/news/${String(index)}`,
    entryHash: 'hash',
    entry: { url: `https://example.com/news/${String(index)}`, title: `News ${String(index)}` },
    state: 'ready',
    attempts: 0,
    discoveredAt: '2025-03-12T09:00:00.000Z',
  };
}

/** A store that records each `putArticles` call's URLs, and fails the calls `failing` picks. */
function recordingStore(failing: (call: number) => boolean = () => false) {
  const calls: string[][] = [];
  return {
    calls,
    putArticles: (records: readonly ArticleRecord[]) => {
      const call = calls.length;
      calls.push(records.map((stored) => stored.sourceUrl.slice('https://example.com/news/'.length)));
      return failing(call) ? Promise.reject(new Error(`write ${String(call)} failed`)) : Promise.resolve();
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createArticleWriter', () => {
  it('writes a group once it is full, and the rest at flush, in the order they came', async () => {
    const store = recordingStore();
    const writer = createArticleWriter(store, { batch: 3, maxDelayMs: 1000 });
    for (let index = 0; index < 7; index++) await writer.put(record(index));
    expect(store.calls).toEqual([
      ['0', '1', '2'],
      ['3', '4', '5'],
    ]);
    await writer.flush();
    expect(store.calls.at(-1)).toEqual(['6']);
    await writer.flush();
    expect(store.calls).toHaveLength(3);
  });

  it('never holds a record longer than its delay', async () => {
    const store = recordingStore();
    const writer = createArticleWriter(store, { batch: 10, maxDelayMs: 1000 });
    await writer.put(record(0));
    await vi.advanceTimersByTimeAsync(999);
    expect(store.calls).toEqual([]);
    await writer.put(record(1));
    await vi.advanceTimersByTimeAsync(1);
    // The delay runs from the first record that waits: the second one goes with it.
    expect(store.calls).toEqual([['0', '1']]);
    await writer.put(record(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.calls).toEqual([['0', '1'], ['2']]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer behind once flushed', async () => {
    const writer = createArticleWriter(recordingStore(), { batch: 10, maxDelayMs: 1000 });
    await writer.put(record(0));
    expect(vi.getTimerCount()).toBe(1);
    await writer.flush();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failed write at the next put or flush, and writes nothing after it', async () => {
    const store = recordingStore((call) => call === 0);
    const writer = createArticleWriter(store, { batch: 2, maxDelayMs: 1000 });
    await writer.put(record(0));
    await expect(writer.put(record(1))).rejects.toThrow('write 0 failed');
    await expect(writer.put(record(2))).rejects.toThrow('write 0 failed');
    await expect(writer.flush()).rejects.toThrow('write 0 failed');
    expect(store.calls).toEqual([['0', '1']]);
  });

  it('flushes after the work it waits for, and reports the work’s own error over a write’s', async () => {
    const store = recordingStore(() => true);
    const writer = createArticleWriter(store, { batch: 10, maxDelayMs: 1000 });
    await writer.put(record(0));
    await expect(writer.flushAfter(Promise.reject(new Error('the pipeline stopped')))).rejects.toThrow(
      'the pipeline stopped',
    );
    expect(store.calls).toEqual([['0']]);
    const fine = createArticleWriter(recordingStore(), { batch: 10, maxDelayMs: 1000 });
    await fine.put(record(1));
    await expect(fine.flushAfter(Promise.resolve())).resolves.toBeUndefined();
  });

  it('reports a write its timer made fail', async () => {
    const store = recordingStore(() => true);
    const writer = createArticleWriter(store, { batch: 10, maxDelayMs: 1000 });
    await writer.put(record(0));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(writer.put(record(1))).rejects.toThrow('write 0 failed');
    await expect(writer.flush()).rejects.toThrow('write 0 failed');
    expect(store.calls).toEqual([['0']]);
  });

  it('stores every record exactly once, in order, whatever the group size and the timer do', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        async (batch, ticks) => {
          const store = recordingStore();
          const writer = createArticleWriter(store, { batch, maxDelayMs: 1000 });
          for (const [index, tick] of ticks.entries()) {
            await writer.put(record(index));
            if (tick) await vi.advanceTimersByTimeAsync(1000);
          }
          await writer.flush();
          expect(store.calls.flat()).toEqual(ticks.map((_, index) => String(index)));
          expect(store.calls.every((call) => call.length > 0 && call.length <= batch)).toBe(true);
        },
      ),
    );
  });
});
