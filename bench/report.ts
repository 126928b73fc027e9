/**
 * @module bench/report
 * The bench's one output: a table of rows (case, measure, Lede, baseline, ratio, target, result) printed to
 * the terminal and written to a Markdown file with the conditions of the run (machine, Node, load, date,
 * commit). A target is a bound on the ratio; the result is what the ratio says — `pass` or `miss` —
 * never adjusted. Rows without a target are `info`; a case that could not run is `skip` (with why) or
 * `error` (the run then exits non-zero, so CI notices a bench that rotted).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type Verdict = 'pass' | 'miss' | 'info' | 'skip' | 'error';

/** A bound on a ratio: `min` for "at least" (throughput, speed-ups), `max` for "at most" (time, size). */
export interface Target {
  readonly bound: 'min' | 'max';
  readonly value: number;
}

export interface Row {
  readonly case: string;
  readonly measure: string;
  readonly lede: string;
  readonly baseline: string;
  /** How Lede compares, e.g. 0.82 (requests/s as a share of the baseline's) or 3.1 (times the baseline's time). */
  readonly ratio?: number;
  readonly target?: Target;
  /** A target that is not a ratio ("1 conditional request, 0 article fetches"): its text and whether it held. */
  readonly condition?: { readonly text: string; readonly met: boolean };
  /** Set only for `skip` and `error`; otherwise derived from ratio and target. */
  readonly verdict?: 'skip' | 'error';
}

export interface Report {
  readonly rows: Row[];
  /** Markdown paragraphs per case (per-page figures, bytes, counts) written under the table. */
  readonly details: Map<string, string[]>;
}

export const VERDICTS: readonly Verdict[] = ['pass', 'miss', 'info', 'skip', 'error'];
const HEADER = ['Case', 'Measure', 'Lede', 'Baseline', 'Ratio', 'Target', 'Result'] as const;

export function verdictOf(row: Row): Verdict {
  if (row.verdict) return row.verdict;
  if (row.condition) return row.condition.met ? 'pass' : 'miss';
  if (!row.target || row.ratio === undefined) return 'info';
  if (!Number.isFinite(row.ratio)) return 'miss';
  return (row.target.bound === 'min' ? row.ratio >= row.target.value : row.ratio <= row.target.value) ? 'pass' : 'miss';
}

function formatTarget(target: Target | undefined): string {
  return target ? `${target.bound === 'min' ? '≥' : '≤'} ${String(target.value)}×` : '';
}

function cells(row: Row): string[] {
  const ratio = row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}×`;
  const target = row.condition?.text ?? formatTarget(row.target);
  return [row.case, row.measure, row.lede, row.baseline, ratio, target, verdictOf(row)];
}

/** The rows as a padded plain-text table, for the terminal. */
export function formatTable(rows: readonly Row[]): string {
  const all = [[...HEADER], ...rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...all.map((line) => (line[column] ?? '').length)));
  return all.map((line) => line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')).join('\n');
}

function markdownTable(rows: readonly Row[]): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${cells(row).map(escape).join(' | ')} |`);
  return lines.join('\n');
}

function gitCommit(): string {
  try {
    const run = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const dirty = run(['status', '--porcelain', '--untracked-files=no']) === '' ? '' : ' (with uncommitted changes)';
    return `${run(['rev-parse', '--short', 'HEAD'])} on ${run(['rev-parse', '--abbrev-ref', 'HEAD'])}${dirty}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** The conditions of the run, as Markdown list lines. */
export function describeRun(command: string, startLoad: readonly number[]): string[] {
  const cpus = os.cpus();
  const load = (values: readonly number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${gitCommit()}`,
    `- Command: \`${command}\``,
    `- Machine: ${String(cpus.length)} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`,
    `- Node: ${process.version}`,
    `- Load average (1/5/15 min): ${load(startLoad)} at start, ${load(os.loadavg())} at end`,
  ];
}

/** Write the Markdown report to `file` and check it reads back as a well-formed table. */
export async function writeReport(file: string, report: Report, conditions: readonly string[]): Promise<void> {
  const sections = [...report.details].map(([name, lines]) => `### ${name}\n\n${lines.join('\n')}`);
  const text = [
    '# Lede bench results',
    '',
    'Written by `npm run bench` (bench/run.ts); how to read it: README, "Performance" → "How it is measured".',
    'Ratios compare Lede with a baseline measured in the same run, in alternating rounds; absolute figures',
    'depend on the machine and its load and are shown for context only.',
    '',
    ...conditions,
    '',
    markdownTable(report.rows),
    '',
    '## Details',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  checkTable(await readFile(file, 'utf8'), report.rows.length);
}

/** Throws unless `markdown`'s results table has its header, separator and `expectedRows` rows of seven cells with a known result. */
export function checkTable(markdown: string, expectedRows: number): void {
  const all = markdown.split('\n');
  const start = all.indexOf(`| ${HEADER.join(' | ')} |`);
  if (start < 0) throw new Error('results table: header missing');
  const end = all.findIndex((line, index) => index > start && !line.startsWith('|'));
  const lines = all.slice(start + 2, end < 0 ? all.length : end);
  if (lines.length !== expectedRows) {
    throw new Error(`results table: ${String(lines.length)} rows, ${String(expectedRows)} expected`);
  }
  for (const line of lines) {
    const row = line.split(/(?<!\\)\|/).slice(1, -1);
    const verdict = row[6]?.trim() ?? '';
    if (row.length !== 7 || !(VERDICTS as readonly string[]).includes(verdict)) {
      throw new Error(`results table: malformed row ${line}`);
    }
  }
}
