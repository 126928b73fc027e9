/**
 * @module bench/run
 * `npm run bench`: issue 11's targets measured from outside, each against a baseline in the same run
 * (README, "Performance" → "How it is measured"). Prints a table and writes bench/RESULTS.md.
 * - serve: Lede (`npm start`) vs bare node:http and bare Hono sending the same bytes, 50 connections;
 * - worker: Lede under `wrangler dev` vs a bare Worker returning the same bytes;
 * - extract: extractArticle vs an htmlparser2 parse and Readability on linkedom, per page;
 * - refresh: a real refresh of 200 new articles vs plain downloads at the same concurrency;
 * - scale: publishing and a no-news refresh with 10,000 items per feed vs 100; bytes per item; RSS;
 * - memory: heap and RSS of `npm start` after 100 and 1,000 refreshes of one feed (no news, one new article each);
 *   the steady state: heap at 2,000 vs 1,000, RSS once idle (after Lede's own collection) at 3,000 vs 2,000;
 * - micro: licence, rendering and schedules against their simplest equivalents.
 *
 * `--quick` runs every case briefly (CI), `--only <case>` one case, `--out <file>` writes elsewhere.
 */
import os from 'node:os';
import { formatTable, describeRun, verdictOf, writeReport, type Report } from './report.ts';
import type { BenchCase, CaseContext } from './case.ts';
import { formatMs } from './measure.ts';
import { benchExtract } from './cases/extract.ts';
import { benchMemory } from './cases/memory.ts';
import { benchMicro } from './cases/micro.ts';
import { benchRefresh } from './cases/refresh.ts';
import { benchScale } from './cases/scale.ts';
import { benchServe } from './cases/serve.ts';
import { benchWorker } from './cases/worker.ts';
import { CASE_NAMES, parseBenchOptions, type CaseName } from './options.ts';

const CASES: Partial<Record<CaseName, BenchCase>> = {
  serve: benchServe,
  worker: benchWorker,
  extract: benchExtract,
  refresh: benchRefresh,
  scale: benchScale,
  memory: benchMemory,
  micro: benchMicro,
};

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  const startLoad = os.loadavg();
  const report: Report = { rows: [], details: new Map() };
  const context: CaseContext = { quick: options.quick, report };
  for (const name of CASE_NAMES) {
    const run = CASES[name];
    if (!options.only.has(name) || !run) continue;
    process.stdout.write(`${name}…\n`);
    const started = performance.now();
    try {
      await run(context);
      process.stdout.write(`${name}: done in ${formatMs(performance.now() - started)}\n`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${name}: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
      report.rows.push({
        case: name,
        measure: `failed: ${message.split('\n')[0] ?? ''}`,
        lede: '',
        baseline: '',
        verdict: 'error',
      });
    }
  }
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  await writeReport(options.out, report, describeRun(command, startLoad));
  process.stdout.write(`\n${formatTable(report.rows)}\n\nwritten: ${options.out}\n`);
  return report.rows.some((row) => verdictOf(row) === 'error') ? 1 : 0;
}

process.exitCode = await main();
