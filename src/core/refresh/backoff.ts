/**
 * @module core/refresh/backoff
 * How long a source that keeps failing is left alone: exponential in the failures in a row (5 min, 10, 20,
 * … capped at 6 h), reset by the first success (the run of failures is `consecutiveFailures`, refresh-feed.ts),
 * and on top of the source's own Retry-After and max-age, which may ask for longer. Without it a dead source
 * is hit on every cron tick, and every feed of a site that went down together retries together.
 *
 * The jitter ("equal jitter": half the delay fixed, half spread) is derived from the feed id and the failure
 * count rather than drawn at random: feeds still spread apart, while a refresh stays a function of its inputs
 * (the core's clock is an input too), so tests and reports are reproducible.
 */

import type { FeedState } from '../store.ts';

export const BACKOFF_BASE_SECONDS = 5 * 60;
export const BACKOFF_CAP_SECONDS = 6 * 3600;

/** A fraction in [0, 1) from a string: FNV-1a, 32 bits (spreading, not security). */
function spread(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/**
 * Seconds to leave the source alone after its `failures`-th failure in a row (1 for the first).
 * @example backoffSeconds('tengri', 3) // between 600 and 1200: half of 20 min, plus up to the other half
 */
export function backoffSeconds(feedId: string, failures: number): number {
  if (failures < 1) return 0;
  const delay = Math.min(BACKOFF_BASE_SECONDS * 2 ** Math.min(failures - 1, 30), BACKOFF_CAP_SECONDS);
  return Math.round(delay / 2 + (delay / 2) * spread(`${feedId}#${String(failures)}`));
}

/** The later of two optional ISO instants. */
function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Until when a refresh leaves the source alone: the source's own wait (max-age, Retry-After) binds every
 * refresh, Lede's backoff only scheduled ones. The one rule the refresh follows and /healthz reports.
 * @example sourceWaitUntil(state, { byHand: false }) // the later of state.sourceNotBefore and state.retryNotBefore
 */
export function sourceWaitUntil(
  state: Pick<FeedState, 'sourceNotBefore' | 'retryNotBefore'> | undefined,
  { byHand }: { readonly byHand: boolean },
): string | undefined {
  return later(state?.sourceNotBefore, byHand ? undefined : state?.retryNotBefore);
}
