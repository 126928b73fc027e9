
-- 0005, what each site says about re-use (robots.txt, tdmrep.json, RSL) as core/signals read it,
-- kept for 24 hours as RFC 9309 §2.4 allows, so a refresh does not spend two requests on them every
-- run (on Workers, two of an invocation's 50 subrequests). An unreachable robots.txt is never kept.
CREATE TABLE IF NOT EXISTS site_signals (
  origin TEXT PRIMARY KEY,
  signals TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
