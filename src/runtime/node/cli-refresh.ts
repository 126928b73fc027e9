/**
 * @module runtime/node/cli-refresh
 * `npm run refresh -- [id…] [--json]`: the feeds one after another through the same refresh as cron and the
 * admin route, with a live progress line on a terminal (src/runtime/node/refresh-progress.ts) and the
 * reports on stdout — JSON lines with `--json` or when stdout is not a terminal, a human line each otherwise.
 * Ctrl-C stops it as SIGTERM stops the server: fetches aborted, what finished kept; a second Ctrl-C kills it.
 */
import { parseArgs } from 'node:util';
import type { RuntimeConfig } from '../../core/config/runtime-config.ts';
import type { CoreDeps } from '../../core/ports.ts';
import { createRefreshRunner } from '../../core/refresh/refresh-runner.ts';
import type { RefreshReport } from '../../core/store.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { createProgressDisplay, summarizeReport, type ProgressDisplay } from './refresh-progress.ts';

export interface RefreshArgs {
  readonly ids: readonly string[];
  readonly json: boolean;
}

/** What the refresh needs of the opened Node deps (src/runtime/node/server.ts `openNodeDeps`). */
interface Opened {
  readonly deps: CoreDeps;
  readonly stopping: AbortController;
}

/**
 * The refresh arguments, or the parser's complaint (the caller prints usage and exits 2).
 * @example parseRefreshArgs(['monitor', '--json']) // { ids: ['monitor'], json: true }
 */
export function parseRefreshArgs(args: readonly string[]): RefreshArgs | Error {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { json: { type: 'boolean' } },
    });
    return { ids: positionals, json: values.json === true };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * The progress display for this run, on stderr; the summary stays on its line unless stdout shows it.
 * @example const display = createRefreshDisplay(args)
 */
export function createRefreshDisplay(args: RefreshArgs): ProgressDisplay {
  return createProgressDisplay(process.stderr, { keepSummary: args.json || !process.stdout.isTTY });
}

/**
 * Refresh `feeds` in turn, showing progress on `display` and printing each report on stdout.
 * @example const reports = await refreshWithProgress(feeds, opened, config, args, display)
 */
export async function refreshWithProgress(
  feeds: readonly FeedDefinition[],
  opened: Opened,
  config: RuntimeConfig,
  args: RefreshArgs,
  display: ProgressDisplay,
): Promise<RefreshReport[]> {
  const runner = createRefreshRunner(opened.deps, {
    publicUrl: config.publicUrl,
    maxPages: config.maxPagesPerRun,
    signal: opened.stopping.signal,
    onProgress: (progress) => display.update(progress),
  });
  const human = !args.json && process.stdout.isTTY;
  const stop = () => opened.stopping.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  const reports: RefreshReport[] = [];
  try {
    for (const feed of feeds) {
      display.start(feed.id);
      // Asked for by hand: Lede's own failure backoff is not waited out (the source's Retry-After is).
      const report = await runner.refresh(feed, { byHand: true });
      display.finish(report);
      process.stdout.write(`${human ? summarizeReport(report) : JSON.stringify(report)}\n`);
      reports.push(report);
    }
  } finally {
    process.off('SIGINT', stop);
  }
  return reports;
}
