/**
 * @module store/d1-errors
 * What D1's failures mean for an operator, as sqlite-errors.ts does for node:sqlite: each becomes a `storage`
 * LedeError naming the binding and what to do, instead of a bare `D1_ERROR: …` that `toLedeError` would take
 * for a network failure of the source. The shapes are those of D1's error list
 * (https://developers.cloudflare.com/d1/observability/debug-d1/#error-list): a full database, a transient
 * outage (connection lost, storage reset, overload), or anything else D1 says.
 */
import { LedeError } from '../core/errors.ts';

const FULL = /Exceeded maximum DB size|SQLITE_FULL|database or disk is full/i;
const TRANSIENT = /Network connection lost|caused object to be reset|overloaded|timed? ?out/i;

/**
 * A D1 failure as a `storage` LedeError saying what to do; LedeErrors pass unchanged.
 * @example await statement.run().catch((error: unknown) => { throw describeD1Error(error) })
 */
export function describeD1Error(error: unknown): Error {
  if (error instanceof LedeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const advice = FULL.test(message)
    ? 'the D1 database (binding DB) is full: feeds already built are still served; keep fewer items per feed ' +
      'or move to a plan with larger databases, and the next refresh retries'
    : TRANSIENT.test(message)
      ? 'D1 (binding DB) is unreachable for now: a transient failure, retried by the next run'
      : 'D1 (binding DB) refused the statement';
  return new LedeError('storage', `${advice} (${message})`, { cause: error });
}
