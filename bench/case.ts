/**
 * @module bench/case
 * What every case receives: the mode (`quick`: each measurement briefly, so the harness is exercised in CI
 * without its numbers meaning anything) and the report to add rows and details to.
 */
import type { Report, Row } from './report.ts';

export interface CaseContext {
  readonly quick: boolean;
  readonly report: Report;
}

export type BenchCase = (context: CaseContext) => Promise<void>;

/** Add a row to the report and echo it, so a long run shows progress. */
export function addRow(context: CaseContext, row: Row): void {
  context.report.rows.push(row);
  const ratio = row.ratio === undefined ? '' : ` → ${row.ratio.toFixed(2)}×`;
  process.stdout.write(`  ${row.case}: ${row.measure}: ${row.lede} vs ${row.baseline}${ratio}\n`);
}

/** Add Markdown lines under the case's heading in the report's details. */
export function addDetails(context: CaseContext, name: string, lines: readonly string[]): void {
  const existing = context.report.details.get(name) ?? [];
  context.report.details.set(name, [...existing, ...lines]);
}
