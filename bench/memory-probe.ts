/**
 * @module bench/memory-probe
 * Preloaded into the Lede the memory case starts (`NODE_OPTIONS=--expose-gc --import …`, as JavaScript that
 * bench/cases/memory.ts compiles from this file), never by Lede itself: on SIGUSR2 it collects garbage and
 * writes the process's memory to `MEMORY_PROBE_OUT`, so the bench reads the heap that is still reachable —
 * what a leak would grow — rather than whatever garbage the last refresh left, which depends on when V8 last
 * collected.
 *
 * When `${MEMORY_PROBE_OUT}.idle` exists, the sample also holds the process once idle: after the collection
 * Lede itself makes when refreshes pause (src/runtime/node/heap-compaction.ts, the same call), which gives
 * back the young generation and the pages V8 keeps — what `top` shows between batches. The bench's refreshes
 * come back to back, so Lede's own collection never runs during them.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { compactHeap } from '../src/runtime/node/heap-compaction.ts';

const out = process.env['MEMORY_PROBE_OUT'];
let sequence = 0;

function residentBytes(): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage.rss();
}

// V8's spaces for compiled code: bytecode, feedback and machine code grow as V8 tiers functions up, then stop.
const CODE_SPACES = /^(code|trusted)(_large_object)?_space$/;

/** Bytes of the heap that hold compiled code rather than data, after the collection. */
function codeBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => CODE_SPACES.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

/** Bytes V8 has committed to the young generation: it grows to its cap under a steady allocation rate. */
function youngBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0;
}

function measure() {
  const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { heapUsed, heapTotal, external, arrayBuffers, young: youngBytes(), rss: residentBytes() };
}

process.on('SIGUSR2', () => {
  if (out === undefined || globalThis.gc === undefined) return;
  // Twice: objects with finalizers or weak references are freed only by a second collection.
  globalThis.gc();
  globalThis.gc();
  const now = measure();
  const sample = { sequence: ++sequence, ...now, heapData: now.heapUsed - codeBytes() };
  const idle = existsSync(`${out}.idle`) && compactHeap() ? { idle: measure() } : {};
  // Written aside and renamed into place: the bench polls the file, and must never read it half-written.
  writeFileSync(`${out}.tmp`, JSON.stringify({ ...sample, ...idle }));
  renameSync(`${out}.tmp`, out);
});
