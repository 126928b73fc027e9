/**
 * @module tests/runtime/node/heap-compaction
 * The collection after a burst (src/runtime/node/heap-compaction.ts): once per batch of refreshes, after the
 * runner has been idle for the quiet period, never while a refresh is in flight; and `compactHeap` itself in
 * a real Node process, with and without `--expose-gc`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { createJoiningRunner } from '../../../src/core/refresh/refresh-runner.ts';
import type { RefreshReport } from '../../../src/core/store.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { compactAfterRefreshes } from '../../../src/runtime/node/heap-compaction.ts';

const QUIET_MS = 50;
const TIMING = { quietMs: QUIET_MS, minGapMs: 0 };
const feed = (id: string) => ({ id }) as FeedDefinition;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A joining runner whose refreshes finish when the test says so. */
function heldRunner() {
  const finish = new Map<string, () => void>();
  const runner = createJoiningRunner(
    (definition) =>
      new Promise<RefreshReport>((resolve) =>
        finish.set(definition.id, () => resolve({ feedId: definition.id } as RefreshReport)),
      ),
    (definition) => ({ feedId: definition.id }) as RefreshReport,
  );
  return { runner, finish: (id: string) => finish.get(id)?.() };
}

describe('compactAfterRefreshes', () => {
  it('collects once, a quiet period after the last refresh in flight ends', async () => {
    const { runner, finish } = heldRunner();
    let collections = 0;
    const compacting = compactAfterRefreshes(runner, TIMING, () => {
      collections++;
    });
    const first = compacting.refresh(feed('a'));
    const second = compacting.refresh(feed('b'));
    finish('a');
    await first;
    await sleep(QUIET_MS * 3);
    expect(collections).toBe(0); // b is still in flight
    finish('b');
    await second;
    expect(collections).toBe(0); // not before the quiet period
    await sleep(QUIET_MS * 3);
    expect(collections).toBe(1);
  });

  it('gives a batch one collection, and a refresh starting within the quiet period postpones it', async () => {
    const { runner, finish } = heldRunner();
    let collections = 0;
    const compacting = compactAfterRefreshes(runner, TIMING, () => {
      collections++;
    });
    const batch = compacting.refreshMany([feed('a'), feed('b')]);
    finish('a');
    await sleep(5);
    finish('b');
    await batch;
    const next = compacting.refresh(feed('c'));
    await sleep(QUIET_MS * 3);
    expect(collections).toBe(0);
    finish('c');
    await next;
    await sleep(QUIET_MS * 3);
    expect(collections).toBe(1);
  });

  it('keeps collections the minimum gap apart when refreshes end one by one', async () => {
    const { runner, finish } = heldRunner();
    let collections = 0;
    const compacting = compactAfterRefreshes(runner, { quietMs: QUIET_MS, minGapMs: QUIET_MS * 12 }, () => {
      collections++;
    });
    const first = compacting.refresh(feed('a'));
    finish('a');
    await first;
    await sleep(QUIET_MS * 3);
    expect(collections).toBe(1);
    const second = compacting.refresh(feed('b'));
    finish('b');
    await second;
    await sleep(QUIET_MS * 3);
    expect(collections).toBe(1); // quiet, but within the gap after the first collection
    await sleep(QUIET_MS * 12);
    expect(collections).toBe(2); // held back, not dropped
  });

  it('arms timers of one duration however many refreshes end within the gap', async () => {
    // Node keeps a list per distinct duration of unref'd timers until that time has passed, cleared or not:
    // a timer for "the rest of the gap", armed at every refresh's end, left one list behind per refresh.
    const runner = createJoiningRunner(
      (definition) => Promise.resolve({ feedId: definition.id } as RefreshReport),
      (definition) => ({ feedId: definition.id }) as RefreshReport,
    );
    let collections = 0;
    const compacting = compactAfterRefreshes(runner, { quietMs: QUIET_MS, minGapMs: 60_000 }, () => {
      collections++;
    });
    await compacting.refresh(feed('first'));
    await wait(QUIET_MS * 3);
    expect(collections).toBe(1);
    // node:timers/promises does not go through the global setTimeout, so the spy sees Lede's timers only.
    const armed = vi.spyOn(globalThis, 'setTimeout');
    try {
      for (let round = 0; round < 40; round++) {
        await compacting.refresh(feed(`f${String(round)}`));
        await wait(2);
      }
      await wait(QUIET_MS * 3);
      const durations = new Set(armed.mock.calls.map(([, ms]) => Math.trunc(ms ?? 0)));
      expect(armed.mock.calls.length).toBeGreaterThanOrEqual(40);
      expect(durations.size).toBeLessThanOrEqual(2); // the quiet period, then the rest of the gap once
      expect(collections).toBe(1);
    } finally {
      armed.mockRestore();
    }
  });
});

describe('compactHeap in a Node process', () => {
  const module = path.resolve(import.meta.dirname, '../../../src/runtime/node/heap-compaction.ts');
  // A burst of short-lived objects grows the young generation; the collection gives it back.
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { compactHeap } from ${JSON.stringify(module)};
    const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size;
    const kept = [];
    for (let i = 0; i < 2e6; i++) { const item = { text: 'item ' + i }; if (i % 1000 === 0) kept.push(item); }
    const before = young();
    const ran = compactHeap();
    console.log(JSON.stringify({ ran, before, after: young(), kept: kept.length }));
  `;
  const run = (flags: string[]) => {
    const result = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { ran: boolean; before: number; after: number };
  };

  it('shrinks the young generation when Node exposes gc', () => {
    const { ran, before, after } = run(['--max-semi-space-size=16', '--expose-gc']);
    expect(ran).toBe(true);
    expect(before).toBeGreaterThan(after);
  });

  it('does nothing without --expose-gc', () => {
    expect(run(['--max-semi-space-size=16']).ran).toBe(false);
  });
});
