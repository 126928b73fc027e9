-- Lede's own backoff after failures in a row (src/core/refresh/backoff.ts), kept apart from
-- source_not_before (the source's own Cache-Control max-age or Retry-After): scheduled refreshes wait for
-- both, a refresh asked for by hand (POST /admin/refresh, npm run refresh) only for the source's.
ALTER TABLE feed_state ADD COLUMN retry_not_before TEXT;
