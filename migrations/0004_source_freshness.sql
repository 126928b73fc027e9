
-- 0004, polite pulling: the earliest instant the source may be fetched again — from its own
-- Cache-Control max-age (RFC 9111 §5.2.2.1) or a Retry-After on 429/503 (RFC 9110 §10.2.3).
ALTER TABLE feed_state ADD COLUMN source_not_before TEXT;
