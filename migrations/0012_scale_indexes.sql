-- 0012, scale without scanning: every query a refresh or a feed request runs is an index search bounded by
-- what it returns, never a walk over a feed's history (tests/store/query-plans.test.ts checks the plans).
-- countPublished (/healthz) counts `(item IS NOT NULL) = 1` in this index and reads no table row. (A partial
-- index WHERE item IS NOT NULL would not do: SQLite reads each row to test that term, covering or not.)
CREATE INDEX IF NOT EXISTS articles_with_item ON articles (feed_id, (item IS NOT NULL));
-- listPending: oldest discovered first, then source_url — all in the index, so no sort of the pending set.
DROP INDEX IF EXISTS articles_pending;
CREATE INDEX IF NOT EXISTS articles_pending ON articles (feed_id, discovered_at, source_url) WHERE state = 'pending';
-- Validators (a 304, and every publish): etag, Last-Modified and input key from the index alone. In the table
-- they sit after the rendered body, which SQLite keeps in overflow pages it would have to walk to reach them.
-- The primary key matches the same lookup, so the query names this index (INDEXED BY) to be sure of it.
CREATE INDEX IF NOT EXISTS renditions_validators ON renditions (feed_id, format, etag, last_modified, input_key);
-- Retention (src/core/refresh/retention.ts): records that never got an item and were given up on, oldest first.
CREATE INDEX IF NOT EXISTS articles_failed ON articles (feed_id, discovered_at, source_url) WHERE state = 'failed' AND item IS NULL;
-- What retention removed: one row per pruned article, kept for good. It is the article's licence audit trail
-- (the columns 0003 added, with the hashes and fetch time `GET /feeds/{id}/audit` re-verified it by), and the
-- "seen" mark that keeps a source still listing the article from having it fetched and published again as new.
CREATE TABLE IF NOT EXISTS pruned_articles (
  feed_id TEXT NOT NULL,
  source_url TEXT NOT NULL,
  discovered_at TEXT NOT NULL,
  published TEXT,
  fetched_at TEXT,
  body_hash TEXT,
  excerpt_hash TEXT,
  article_words INTEGER,
  excerpt_words INTEGER,
  share REAL,
  policy TEXT,
  signals TEXT,
  pruned_at TEXT NOT NULL,
  PRIMARY KEY (feed_id, source_url)
);
