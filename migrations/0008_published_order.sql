-- 0007, the published order: listPublished and listPublishedAfter (the paged feed variants, RFC 5005) read a
-- feed's records that have an item, ORDER BY published DESC, discovered_at DESC, source_url. articles_by_state
-- has `state` between feed_id and published, so it cannot give that order across states (a record keeps its
-- item while a re-fetch is pending or failed); this partial index gives it, so a page is an index walk, not a sort.
CREATE INDEX IF NOT EXISTS articles_published ON articles (feed_id, published DESC, discovered_at DESC, source_url)
  WHERE item IS NOT NULL;
