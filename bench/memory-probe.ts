/**
 * @module bench/memory-probe
 * Preloaded into the Lede the memory case starts (`NODE_OPTIONS=--expose-gc --import …`, as JavaScript that
 * bench/cases/memory.ts compiles from this file), never by Lede itself: on SIGUSR2 it collects garbage and
 * writes the process's memory to `MEMORY_PROBE_OUT`, so the bench reads the heap that is still reachable —
 * what a leak would grow — rather than whatever garbage the last refresh left, which depends on when V8 last
 * collected.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

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

process.on('SIGUSR2', () => {
  if (out === undefined || globalThis.gc === undefined) return;
  // Twice: objects with finalizers or weak references are freed only by a second collection.
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const sample = {
    sequence: ++sequence,
    heapUsed,
    heapData: heapUsed - codeBytes(),
    heapTotal,
    external,
    arrayBuffers,
    rss: residentBytes(),
  };
  writeFileSync(out, JSON.stringify(sample));
});
