/**
 * @module bench/cases/memory
 * Whether Lede's memory grows with use: Lede as `npm start` runs it (the built dist/node/main.js) refreshes one
 * feed 1,000 times through `POST /admin/refresh/{id}` — once a feed whose listing never changes (every
 * refresh is one conditional request answered 304), once a feed that gains one article per refresh (a fetch,
 * an extraction, a publish of three formats each time) — from a loopback site (bench/rolling-site.ts). The heap
 * still reachable after a forced collection (bench/memory-probe.ts) and the resident set are read at cycle
 * 100 and at the last one: a leak shows as the heap's ratio. Issue 11's target: no growth over 1,000 cycles
 * (here heap ≤ 1.05×; the RSS ratio is shown for context, as V8 keeps or returns freed pages on its own terms).
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

interface Sample {
  readonly sequence: number;
  readonly heapUsed: number;
  /** The heap less V8's code spaces (bench/memory-probe.ts): what a leak of Lede's own data would grow. */
  readonly heapData: number;
  readonly rss: number;
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

/** Ask the probe for a sample and wait until it is written. */
async function sample(lede: Child, file: string, previous: number): Promise<Sample> {
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
    logLevel: 'silent',
  });
  const env = { FEEDS_DIR: feedsDir, DATA_DIR: path.join(dir, 'data'), PUBLIC_URL, ADMIN_TOKEN: TOKEN };
  const lede = await spawnLede(
    { ...env, MEMORY_PROBE_OUT: probe, NODE_OPTIONS: `--expose-gc --import ${preload}` },
    path.join(dir, 'lede.log'),
  );
  return { lede, probe };
}

/** `cycles` refreshes of the phase's feed; samples after `early` cycles and after the last. */
async function runPhase(root: string, site: RollingSite, phase: Phase, early: number, cycles: number) {
  const dir = await mkdtemp(path.join(root, `${phase.listing}-`));
  const { lede, probe } = await startLede(dir, site, phase);
  const started = performance.now();
  try {
    let fetched = 0;
    let at: Sample = { sequence: 0, heapUsed: 0, heapData: 0, rss: 0 };
    let first = at;
    for (let cycle = 1; cycle <= cycles; cycle++) {
      if (phase.news) site.publish();
      const report = await refresh(lede, phase.listing);
      if (!report.ok) throw new Error(`${phase.name}: cycle ${String(cycle)} failed: ${JSON.stringify(report)}`);
      fetched += report.fetched;
      if (cycle === early) first = at = await sample(lede, probe, at.sequence);
    }
    const last = await sample(lede, probe, at.sequence);
    return { first, last, fetched, ms: performance.now() - started };
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

/** @example await benchMemory({ quick: false, report }) */
export const benchMemory: BenchCase = async (context) => {
  const [early, cycles] = context.quick ? [10, 30] : [100, 1000];
  const label = `cycle ${String(cycles)} vs ${String(early)}`;
  const root = await mkdtemp(path.join(tmpdir(), 'lede-bench-memory-'));
  const site = await startRollingSite();
  const details: string[] = [];
  try {
    for (const phase of PHASES) {
      const result = await runPhase(root, site, phase, early, cycles);
      addGrowthRows(context, phase, result, label);
      details.push(
        `- ${phase.name}: ${String(cycles)} cycles in ${formatMs(result.ms)}, ${String(result.fetched)} articles fetched.`,
      );
    }
  } finally {
    await site.close();
    await rm(root, { recursive: true, force: true });
  }
  addDetails(context, 'memory', [
    ...details,
    "- Lede started as `npm start` runs it (dist/node/main.js, built from src/runtime/node/main.ts, with the script's Node flags), refreshed through `POST /admin/refresh/{id}`; heap and RSS read after two forced collections (bench/memory-probe.ts).",
  ]);
};
