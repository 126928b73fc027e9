/**
 * @module runtime/node/refresh-progress
 * What `npm run refresh` shows while it works, and what it prints when done.
 *
 * - On a terminal (stderr is a TTY): one line per feed, redrawn in place as articles finish —
 *   `monitor: 4/9 articles · 1 error` — then replaced by the feed's outcome (on stdout when that is the
 *   terminal too, else left on the line). Log lines written
 *   meanwhile clear the line first and redraw it after, so the two never mix.
 * - Otherwise (a pipe, a file, CI): nothing is redrawn; the log's plain lines say what happened.
 *
 * The reports go to stdout: a JSON line each with `--json`, or when stdout is not a terminal (what the
 * command printed before it had progress, which scripts may read); a human line each on a terminal.
 */
import type { Log } from '../../core/ports.ts';
import type { RefreshProgress } from '../../core/refresh/refresh-feed.ts';
import type { RefreshReport } from '../../core/store.ts';

/** The slice of a `tty.WriteStream` used here: a test passes a fake one. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface ProgressDisplay {
  /** A feed's refresh begins (its source is being read). */
  start(feedId: string): void;
  /** Counts from the refresh (`RefreshOptions.onProgress`). */
  update(progress: RefreshProgress): void;
  /** The feed's refresh ended: its line is cleared, or shows the outcome and stays (`keepSummary`). */
  finish(report: RefreshReport): void;
  /** The log, wrapped so its lines never land inside the progress line. */
  wrapLog(log: Log): Log;
}

/** Erase the terminal's current line and return to its start (ECMA-48: CR, then EL with parameter 2). */
const CLEAR_LINE = '\r\x1b[2K';

function plural(count: number, word: string): string {
  return `${String(count)} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * A report in one line for people: `monitor: ok · 6 fetched · 0 unchanged · 0 pending · 0 failed · changed`.
 * @example process.stdout.write(`${summarizeReport(report)}\n`)
 */
export function summarizeReport(report: RefreshReport): string {
  const counts = `${String(report.fetched)} fetched · ${String(report.unchanged)} unchanged · ${String(report.pending)} pending · ${String(report.failed)} failed`;
  const changed = report.changed ? 'changed' : 'unchanged feed';
  const flags = [
    report.notModified ? 'source not modified (304)' : '',
    report.errors.length ? plural(report.errors.length, 'error') : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `${report.feedId}: ${report.ok ? 'ok' : 'FAILED'} · ${String(report.discovered)} discovered · ${counts} · ${changed}${flags ? ` · ${flags}` : ''}`;
}

function progressLine(progress: RefreshProgress): string {
  const errors = progress.errors ? ` · ${plural(progress.errors, 'error')}` : '';
  return `${progress.feedId}: ${String(progress.done)}/${plural(progress.total, 'article')}${errors}`;
}

/** Redraws one line in place on a terminal. */
function createTerminalDisplay(stream: ProgressStream, keepSummary: boolean): ProgressDisplay {
  let line = '';
  const fit = (text: string) =>
    stream.columns && text.length >= stream.columns ? text.slice(0, stream.columns - 1) : text;
  const draw = (text: string) => {
    line = text;
    stream.write(`${CLEAR_LINE}${fit(text)}`);
  };
  return {
    start: (feedId) => draw(`${feedId}: reading the source…`),
    update: (progress) => draw(progressLine(progress)),
    finish(report) {
      if (keepSummary) {
        draw(summarizeReport(report));
        stream.write('\n');
      } else stream.write(CLEAR_LINE);
      line = '';
    },
    wrapLog: (log) => (level, message, fields) => {
      if (line) stream.write(CLEAR_LINE);
      log(level, message, fields);
      if (line) stream.write(fit(line));
    },
  };
}

/**
 * The display for `stream` (stderr): redrawn in place on a terminal, silent otherwise. `keepSummary`: leave
 * each feed's outcome on the line (when stdout does not already show it to the same person).
 * @example const display = createProgressDisplay(process.stderr, { keepSummary: !process.stdout.isTTY })
 */
export function createProgressDisplay(stream: ProgressStream, options: { keepSummary: boolean }): ProgressDisplay {
  if (stream.isTTY) return createTerminalDisplay(stream, options.keepSummary);
  return { start: () => undefined, update: () => undefined, finish: () => undefined, wrapLog: (log) => log };
}
