/**
 * @module core/serve/health
 * What `/healthz` answers: an overall status an operator (or a load balancer) can act on, and per feed what
 * its last refresh did and when the next one runs. The status rule lives here and only here (README, "Health"):
 * - `ok`: no enabled feed's last refresh failed and every definition loaded;
 * - `degraded`: some enabled feed's last refresh failed, a definition is invalid, or the store is read-only
 *   (the stored feeds are served, nothing is refreshed: `store: { readOnly: true, reason, refreshes: "off" }`);
 * - `failing`: every enabled feed's last refresh failed, or the store cannot be read (HTTP 503, so a probe
 *   can tell; then `store: { readable: false, error }` says why).
 * A feed never refreshed has not failed: it shows as `not-built` and counts as neither ok nor failed, so a
 * fresh start answers `ok` until a refresh fails. Disabled and taken-down feeds are shown and not counted.
 */
import { toLedeError } from '../errors.ts';
import { sourceWaitUntil } from '../refresh/backoff.ts';
import { parseCron } from '../schedule/cron.ts';
import { nextCronRun } from '../schedule/next-run.ts';
import type { Store } from '../store.ts';
import type { FeedDefinition } from '../types.ts';
import { currentFeeds, type ServeOptions } from './serve-env.ts';

export type HealthStatus = 'ok' | 'degraded' | 'failing';

/** One feed as /healthz shows it: the last refresh's outcome (`ok`/`failed`), `not-built` or `off`. */
type FeedCondition = 'ok' | 'failed' | 'not-built' | 'off';

/** What the status rule reads: each feed's condition, and whether any definition failed to load. */
function decideStatus(conditions: readonly FeedCondition[], hasProblems: boolean): HealthStatus {
  const counted = conditions.filter((condition) => condition !== 'off');
  const failed = counted.filter((condition) => condition === 'failed').length;
  if (failed > 0 && failed === counted.length) return 'failing';
  return failed > 0 || hasProblems ? 'degraded' : 'ok';
}

/**
 * The first scheduled run that will read the source: runs before the source's own Retry-After or max-age,
 * or before Lede's backoff after failures in a row (src/core/refresh/backoff.ts), refresh pending articles only.
 */
function nextSourceFetch(feed: FeedDefinition, now: Date, waitUntil: string | undefined): string | null {
  const notBefore = waitUntil === undefined ? now.getTime() : Math.max(now.getTime(), Date.parse(waitUntil));
  // nextCronRun answers the first fire time strictly after its instant: one millisecond earlier includes it.
  const from = notBefore > now.getTime() ? new Date(notBefore - 1) : now;
  return nextCronRun(parseCron(feed.schedule), from)?.toISOString() ?? null;
}

async function describeFeed(store: Store, feed: FeedDefinition, now: Date) {
  const [state, takedown, items] = await Promise.all([
    store.getFeedState(feed.id),
    store.getTakedown(feed.id),
    store.countPublished(feed.id),
  ]);
  const report = state?.lastReport;
  const enabled = feed.enabled !== false;
  const on = enabled && !takedown;
  const condition: FeedCondition = !on ? 'off' : !report ? 'not-built' : report.ok ? 'ok' : 'failed';
  // The first error is the source's when the refresh failed (it is read before any article).
  const lastError = report?.errors[0];
  return {
    id: feed.id,
    condition,
    enabled,
    takenDown: takedown ? { at: takedown.at, reason: takedown.reason ?? null } : null,
    // The older name of the last attempt, kept for what already reads it.
    lastRefreshAt: state?.lastRefreshAt ?? null,
    lastAttemptAt: state?.lastRefreshAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    ok: report?.ok ?? null,
    lastError: lastError ? { code: lastError.code, message: lastError.message, url: lastError.url } : null,
    // The source answered 410 Gone: the definition needs a new source URL (or `"enabled": false`).
    sourceGone: condition === 'failed' && lastError?.status === 410,
    // The source redirected permanently (301/308) on its last read: the definition should name the new URL.
    sourceMovedTo: report?.sourceMovedTo ?? null,
    items,
    pending: report?.pending ?? null,
    nextRunAt: on ? (nextCronRun(parseCron(feed.schedule), now)?.toISOString() ?? null) : null,
    sourceNotBefore: state?.sourceNotBefore ?? null,
    backoffUntil: state?.retryNotBefore ?? null,
    nextSourceFetchAt: on ? nextSourceFetch(feed, now, sourceWaitUntil(state, { byHand: false })) : null,
    errors: report?.errors ?? [],
  };
}

/**
 * The /healthz body and its HTTP status: 200 for `ok` and `degraded` (the service answers), 503 for `failing`.
 * @example const { body, httpStatus } = await buildHealth(options, store) // body.status === 'ok'
 */
export async function buildHealth(options: ServeOptions, store: Store) {
  const now = options.clock();
  const { feeds: definitions, problems } = currentFeeds(options);
  let feeds: Awaited<ReturnType<typeof describeFeed>>[];
  try {
    feeds = await Promise.all([...definitions.values()].map((feed) => describeFeed(store, feed, now)));
  } catch (error) {
    // A store that cannot be read is the one thing /healthz must still say: failing, and why.
    const { code, message } = toLedeError(error);
    if (code !== 'storage') throw error;
    const unreadable = { readable: false, error: { code, message } };
    const body = { status: 'failing' as HealthStatus, store: unreadable, feeds: [], problems };
    return { body, httpStatus: 503 as const };
  }
  const status = decideStatus(
    feeds.map((feed) => feed.condition),
    problems.length > 0 || options.readOnly !== undefined,
  );
  const readOnly =
    options.readOnly === undefined ? {} : { store: { readOnly: true, reason: options.readOnly, refreshes: 'off' } };
  return {
    body: { status, ...readOnly, feeds, problems },
    httpStatus: status === 'failing' ? (503 as const) : (200 as const),
  };
}
