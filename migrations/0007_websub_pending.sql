-- 0007, WebSub: the feed URLs whose change the hub has not yet been told of (a JSON array; NULL when the
-- hub knows everything). A ping that failed is retried on the next refresh, even when nothing changed then.
ALTER TABLE feed_state ADD COLUMN hub_pending TEXT;
