/**
 * @module bench/cases/memory
 * Whether Lede's memory grows with use: Lede as `npm start` runs it (the built dist/node/main.js) refreshes one
 * feed 3,000 times through `POST /admin/refresh/{id}` — once a feed whose listing never changes (every
 * refresh is one conditional request answered 304), once a feed that gains one article per refresh (a fetch,
 * an extraction, a publish of three formats each time) — from a loopback site (bench/rolling-site.ts). The heap
 * still reachable after a forced collection (bench/memory-probe.ts) and the resident set are read at cycle
 * 100 and at cycle 1,000: a leak shows as the heap's ratio. Issue 11's target: no growth over 1,000 cycles
 * (here heap ≤ 1.05×; the RSS ratio is shown for context, as V8 keeps or returns freed pages on its own terms).
 *
 * Cycle 100 is still V8's warm-up (it compiles and tiers Lede's functions up, and grows the young generation
 * to its cap as refreshes keep coming), so the case also compares the steady state over 1,000 cycles: the heap
 * after GC at cycle 2,000 with 1,000, and the RSS once idle at 3,000 with 2,000 — after the collection Lede
 * makes when refreshes pause (src/runtime/node/heap-compaction.ts), which back-to-back cycles never leave room
 * for, so that the RSS is what `top` shows between batches rather than the pages V8 keeps while busy.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RefreshReport } from '../../src/core/store.ts';
import { addDetails, addRow, type BenchCase, type CaseContext } from '../case.ts';
import { PUBLIC_URL, rawBenchFeed } from '../lede-parts.ts';
import { build } from 'esbuild';
import { formatMs } from '../measure.ts';
import { ROOT, spawnLede, type Child } from '../processes.ts';
import { startRollingSite, type RollingSite } from '../rolling-site.ts';

const MB = 1e6;
const TOKEN = 'bench-memory';
const GROWTH_LIMIT = 1.05;

interface Measures {
  readonly heapUsed: number;
  readonly rss: number;
  /** Bytes committed to V8's young generation. */
  readonly young: number;
}

interface Sample extends Measures {
  readonly sequence: number;
  /** The heap less V8's code spaces (bench/memory-probe.ts): what a leak of Lede's own data would grow. */
  readonly heapData: number;
  /** The same once idle: after the collection Lede makes when refreshes pause (asked for with `idle`). */
  readonly idle?: Measures;
}

interface Phase {
  readonly name: string;
  readonly listing: string;
  readonly news: boolean;
}

const PHASES: readonly Phase[] = [
  { name: 'no-news refresh', listing: 'quiet', news: false },
  { name: 'refresh with 1 new article', listing: 'rolling', news: true },
];

/** Ask the probe for a sample (`idle`: and once idle, after it) and wait until it is written. */
async function sample(lede: Child, file: string, previous: number, idle = false): Promise<Sample> {
  if (idle) await writeFile(`${file}.idle`, '');
  else await rm(`${file}.idle`, { force: true });
  lede.process.kill('SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 20) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text !== '') {
      const parsed = JSON.parse(text) as Sample;
      if (parsed.sequence > previous) return parsed;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the memory probe did not answer');
}

async function refresh(lede: Child, feedId: string): Promise<RefreshReport> {
  const response = await fetch(`${lede.url}/admin/refresh/${feedId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  if (!response.ok) throw new Error(`POST /admin/refresh/${feedId}: ${String(response.status)}`);
  return (await response.json()) as RefreshReport;
}

async function startLede(dir: string, site: RollingSite, phase: Phase): Promise<{ lede: Child; probe: string }> {
  const feedsDir = path.join(dir, 'feeds');
  await mkdir(feedsDir);
  const source = { type: 'feed', url: `${site.origin}/feed/${phase.listing}.xml` };
  const definition = { ...rawBenchFeed(phase.listing, site.origin, 20), source };
  await writeFile(path.join(feedsDir, `${phase.listing}.json`), JSON.stringify(definition));
  const probe = path.join(dir, 'memory.json');
  // Preloaded as JavaScript: a `.ts` preload would load Node's type stripper (≈ 18 MB) into a process that runs none.
  const preload = path.join(dir, 'memory-probe.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'bench/memory-probe.ts')],
    outfile: preload,
    platform: 'node',
    format: 'esm',
    // The probe makes Lede's own idle collection (src/runtime/node/heap-compaction.ts): bundled in.
    bundle: true,
    logLevel: 'silent',
  });
  const env = { FEEDS_DIR: feedsDir, DATA_DIR: path.join(dir, 'data'), PUBLIC_URL, ADMIN_TOKEN: TOKEN };
  const lede = await spawnLede(
    { ...env, MEMORY_PROBE_OUT: probe, NODE_OPTIONS: `--expose-gc --import ${preload}` },
    path.join(dir, 'lede.log'),
  );
  return { lede, probe };
}

/** Where samples are taken: `early`, `target` and `steady` after GC; `steady` and `end` also once idle. */
interface Cycles {
  readonly early: number;
  readonly target: number;
  readonly steady: number;
  readonly end: number;
}

interface PhaseSamples {
  readonly first: Sample;
  readonly last: Sample;
  readonly steady: Sample;
  readonly end: Sample;
}

/** `cycles.end` refreshes of the phase's feed, sampled at each of `cycles`; no collection of Lede's before `steady`. */
async function runPhase(root: string, site: RollingSite, phase: Phase, cycles: Cycles) {
  const dir = await mkdtemp(path.join(root, `${phase.listing}-`));
  const { lede, probe } = await startLede(dir, site, phase);
  const started = performance.now();
  try {
    let fetched = 0;
    let at: Sample = { sequence: 0, heapUsed: 0, heapData: 0, rss: 0, young: 0 };
    const taken = new Map<number, Sample>();
    for (let cycle = 1; cycle <= cycles.end; cycle++) {
      if (phase.news) site.publish();
      const report = await refresh(lede, phase.listing);
      if (!report.ok) throw new Error(`${phase.name}: cycle ${String(cycle)} failed: ${JSON.stringify(report)}`);
      fetched += report.fetched;
      if (cycle !== cycles.early && cycle !== cycles.target && cycle !== cycles.steady && cycle !== cycles.end)
        continue;
      at = await sample(lede, probe, at.sequence, cycle >= cycles.steady);
      taken.set(cycle, at);
    }
    const takenAt = (cycle: number) => taken.get(cycle) ?? at;
    const samples: PhaseSamples = {
      first: takenAt(cycles.early),
      last: takenAt(cycles.target),
      steady: takenAt(cycles.steady),
      end: takenAt(cycles.end),
    };
    return { ...samples, fetched, ms: performance.now() - started };
  } finally {
    await lede.stop();
  }
}

const GROWTH_MEASURES = { heapUsed: 'heap', heapData: 'heap less compiled code', rss: 'RSS' } as const;

function addGrowthRows(context: CaseContext, phase: Phase, samples: { first: Sample; last: Sample }, cycles: string) {
  for (const [key, name] of Object.entries(GROWTH_MEASURES) as [keyof typeof GROWTH_MEASURES, string][]) {
    addRow(context, {
      case: 'memory',
      measure: `${phase.name}: ${name} after GC, ${cycles}`,
      lede: `${(samples.last[key] / MB).toFixed(1)} MB`,
      baseline: `${(samples.first[key] / MB).toFixed(1)} MB`,
      ratio: samples.last[key] / samples.first[key],
      // The target is on the whole heap. Context: the heap less compiled code, which V8 adds to as it tiers
      // functions up; RSS, which also moves with the pages V8 keeps or returns, either way by 10–20 %.
      ...(key === 'heapUsed' ? { target: { bound: 'max', value: GROWTH_LIMIT } } : {}),
    });
  }
}

function idleOf(sample: Sample): Measures {
  if (sample.idle === undefined)
    throw new Error('the memory probe gave no idle measures (was Lede started with --expose-gc?)');
  return sample.idle;
}

/**
 * The steady state, labelled apart from the rows above (which keep their cycle-100 baseline), each over 1,000
 * cycles: the heap after GC, cycle 2,000 against 1,000, with no collection of Lede's between them; and the RSS
 * once idle — after the collection Lede makes when refreshes pause, what `top` shows between batches — cycle
 * 3,000 against 2,000, both read right after that collection. (Once idle, the heap is no measure of growth: the
 * collection flushes bytecode that the next cycles only partly compile again.)
 */
function addSteadyRows(context: CaseContext, phase: Phase, samples: PhaseSamples, cycles: Cycles) {
  const { last, steady, end } = samples;
  const label = (to: number, from: number) => `cycle ${String(to)} vs ${String(from)} (steady state)`;
  const rows: [string, number, number, boolean][] = [
    [`heap after GC, ${label(cycles.steady, cycles.target)}`, last.heapUsed, steady.heapUsed, true],
    [`heap less compiled code after GC, ${label(cycles.steady, cycles.target)}`, last.heapData, steady.heapData, false],
    [`RSS once idle, ${label(cycles.end, cycles.steady)}`, idleOf(steady).rss, idleOf(end).rss, true],
  ];
  for (const [name, before, after, targeted] of rows) {
    addRow(context, {
      case: 'memory',
      measure: `${phase.name}: ${name}`,
      lede: `${(after / MB).toFixed(1)} MB`,
      baseline: `${(before / MB).toFixed(1)} MB`,
      ratio: after / before,
      ...(targeted ? { target: { bound: 'max', value: GROWTH_LIMIT } } : {}),
    });
  }
}

/** What the RSS holds at a cycle, for the details: V8's young generation, before and after the collection. */
function describeIdle(phase: Phase, cycle: number, taken: Sample): string {
  const idle = idleOf(taken);
  const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  return (
    `- ${phase.name}, cycle ${String(cycle)}: RSS ${mb(taken.rss)} after GC, the young generation ${mb(taken.young)} ` +
    `committed; once idle ${mb(idle.rss)}, the young generation ${mb(idle.young)}.`
  );
}

/** @example await benchMemory({ quick: false, report }) */
export const benchMemory: BenchCase = async (context) => {
  const [early, target] = context.quick ? [10, 30] : [100, 1000];
  const cycles: Cycles = { early, target, steady: 2 * target, end: 3 * target };
  const label = `cycle ${String(target)} vs ${String(early)}`;
  const root = await mkdtemp(path.join(tmpdir(), 'lede-bench-memory-'));
  const site = await startRollingSite();
  const details: string[] = [];
  try {
    for (const phase of PHASES) {
      const result = await runPhase(root, site, phase, cycles);
      addGrowthRows(context, phase, result, label);
      addSteadyRows(context, phase, result, cycles);
      details.push(
        `- ${phase.name}: ${String(cycles.end)} cycles in ${formatMs(result.ms)}, ${String(result.fetched)} articles fetched.`,
        describeIdle(phase, cycles.end, result.end),
      );
    }
  } finally {
    await site.close();
    await rm(root, { recursive: true, force: true });
  }
  addDetails(context, 'memory', [
    ...details,
    "- Lede started as `npm start` runs it (dist/node/main.js, built from src/runtime/node/main.ts, with the script's Node flags), refreshed through `POST /admin/refresh/{id}`; heap and RSS read after two forced collections (bench/memory-probe.ts).",
    `- Once idle: at cycles ${String(cycles.steady)} and ${String(cycles.end)}, after that reading, the probe makes the collection Lede makes once refreshes pause (src/runtime/node/heap-compaction.ts) and reads the RSS again; every other row is read before the first of them.`,
  ]);
};
