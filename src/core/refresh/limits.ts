/**
 * @module core/refresh/limits
 * The refresh stage's numbers that others must agree with: how often an article is tried, how many
 * requests the site's own signals cost, and how long they are kept. Runtimes that plan a request budget
 * (src/runtime/worker/budget.ts) read them here rather than from the stage's internals.
 */

/** Fetch attempts before an article is given up on (until its source entry changes). */
export const MAX_ATTEMPTS = 3;

/**
 * Requests a refresh makes for the site's own signals before its first page: robots.txt and
 * tdmrep.json (a third, the RSL licence, only when robots.txt names one). Runtimes with a request
 * budget reserve them (src/runtime/worker/budget.ts).
 */
export const SITE_SIGNAL_FETCHES = 2;

/** How long a site's signals are reused: RFC 9309 §2.4 lets a crawler cache robots.txt up to 24 hours. */
export const SITE_SIGNALS_TTL_MS = 24 * 3600 * 1000;
