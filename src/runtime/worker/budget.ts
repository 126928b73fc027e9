/**
 * @module runtime/worker/budget
 * Keeps one Worker invocation within its platform limits (Workers docs, "Limits"): a subrequest budget
 * (Free 50, Paid 10,000 per invocation; each redirect hop and each Cache API call is a subrequest, D1 queries
 * count against a separate 1,000) and `MAX_PAGES_PER_RUN` article pages shared by every feed refreshed in the invocation.
 *
 * Planning is deliberately simple: every fetch is reserved as two subrequests — the request and one
 * redirect hop — so a tick stays within budget even when every link redirects once (http→https is
 * common in feeds). Longer chains use the slack left by fetches that did not redirect; if that runs out,
 * the budget refuses the request before it is made, and the caller puts the article back as pending
 * without counting the attempt (src/runtime/worker/runner.ts), so nothing is lost, only deferred.
 */
import { LedeError } from '../../core/errors.ts';
import { FEED_FORMATS } from '../../core/feed-formats.ts';
import { MAX_CHILD_SITEMAPS, MAX_LISTING_PAGES } from '../../core/pull/discover-entries.ts';
import type { FetchPage } from '../../core/ports.ts';
import { SITE_SIGNAL_FETCHES } from '../../core/refresh/limits.ts';
import type { SourceSpec } from '../../core/types.ts';

/** Subrequests reserved per fetch: the request itself and one redirect hop. */
const SUBREQUESTS_PER_FETCH = 2;

/** Subrequests a publish takes: one Cache API write per format (src/runtime/worker/cache.ts, `refreshCacheOnPublish`). */
const PUBLISH_CACHE_WRITES = FEED_FORMATS.length;

/** Marks the refusal, so it is recognised by identity (never by message text). */
const BUDGET_SPENT = Object.freeze({ reason: 'subrequest budget spent' });

export interface SubrequestBudget {
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** Request URLs refused for lack of budget in this invocation. */
  readonly refused: ReadonlySet<string>;
  /** Count one outgoing request; throws `LedeError('network')` instead of making one past the limit. */
  take(url: string): void;
  /** Wrap a fetcher so that its refused requests are recorded under the URL that was asked for. */
  guard(fetchPage: FetchPage): FetchPage;
}

/**
 * Fetches discovery makes at most: the feed, a sitemap index and its children, or the listing pages.
 * @example countSourceFetches({ type: 'sitemap', url }) // 4: the index and MAX_CHILD_SITEMAPS children
 */
function countSourceFetches(source: SourceSpec): number {
  if (source.type === 'sitemap') return 1 + MAX_CHILD_SITEMAPS;
  if (source.type === 'html') return Math.min(Math.max(1, source.pages), MAX_LISTING_PAGES);
  return 1;
}

/**
 * How many article pages a feed may fetch with what is left of the invocation, or `undefined` when not
 * even its source fits (the feed waits for the next tick). Fetching any page first reads the site's
 * robots.txt and tdmrep.json (`SITE_SIGNAL_FETCHES`, src/core/refresh/limits.ts), and publishing writes one
 * Cache API entry per format (`PUBLISH_CACHE_WRITES`; every Cache API call is a subrequest): reserved too.
 *
 * @example planArticlePages(50, 20, { type: 'feed', url }) // 20: (50 − 2 − 4 − 3) / 2 = 20.5, capped at 20
 */
export function planArticlePages(subrequestsLeft: number, pagesLeft: number, source: SourceSpec): number | undefined {
  const sourceCost = countSourceFetches(source) * SUBREQUESTS_PER_FETCH;
  if (subrequestsLeft < sourceCost) return undefined;
  const forPages = subrequestsLeft - sourceCost - SITE_SIGNAL_FETCHES * SUBREQUESTS_PER_FETCH - PUBLISH_CACHE_WRITES;
  return Math.max(0, Math.min(pagesLeft, Math.floor(forPages / SUBREQUESTS_PER_FETCH)));
}

/**
 * Whether a fetch failed because the budget refused it (not because the network did).
 * @example if (isBudgetRefusal(error)) deferToNextTick(url)
 */
export function isBudgetRefusal(error: unknown): boolean {
  return error instanceof LedeError && error.cause === BUDGET_SPENT;
}

/**
 * @example
 * const budget = createSubrequestBudget(config.subrequestBudget);
 * const fetchPage = budget.guard(createWorkerFetchPage({ onSubrequest: (url) => budget.take(url) }));
 */
export function createSubrequestBudget(limit: number): SubrequestBudget {
  let used = 0;
  const refused = new Set<string>();
  return {
    limit,
    get used() {
      return used;
    },
    get remaining() {
      return Math.max(0, limit - used);
    },
    refused,
    take(url) {
      if (used >= limit) {
        throw new LedeError('network', `Not fetching ${url}: this invocation's ${limit} subrequests are spent`, {
          cause: BUDGET_SPENT,
        });
      }
      used += 1;
    },
    guard: (fetchPage) => async (request) => {
      try {
        return await fetchPage(request);
      } catch (error) {
        if (isBudgetRefusal(error)) refused.add(request.url);
        throw error;
      }
    },
  };
}
