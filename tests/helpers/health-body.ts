/**
 * @module tests/helpers/health-body
 * The `/healthz` body as the tests read it (README, "Health"): one shape for the core test and the route
 * cases both runtimes run.
 */

export interface FeedHealth {
  id: string;
  condition: string;
  lastRefreshAt: string | null;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  ok: boolean | null;
  lastError: { code: string; message: string; url: string } | null;
  items: number;
  pending: number | null;
  nextRunAt: string | null;
  sourceNotBefore: string | null;
  backoffUntil: string | null;
  nextSourceFetchAt: string | null;
  sourceGone: boolean;
  sourceMovedTo: string | null;
}

export interface HealthBody {
  status: string;
  feeds: FeedHealth[];
}
