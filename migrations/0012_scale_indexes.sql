-- 0012, scale without scanning: every query a refresh or a feed request runs is an index search bounded by
-- what it returns, never a walk over a feed's history (tests/store/query-plans.test.ts checks the plans).
-- countPublished (/healthz) counts `(item IS NOT NULL) = 1` in this index and reads no table row. (A partial
-- index WHERE item IS NOT NULL would not do: SQLite reads each row to test that term, covering or not.)
CREATE INDEX IF NOT EXISTS articles_with_item ON articles (feed_id, (item IS NOT NULL));
-- listPending: oldest discovered first, then source_url — all in the index, so no sort of the pending set.
DROP INDEX IF EXISTS articles_pending;
CREATE INDEX IF NOT EXISTS articles_pending ON articles (feed_id, discovered_at, source_url) WHERE state = 'pending';
-- Validators (a 304, and every publish) without the rendered body: SQLite keeps a long body in overflow pages
-- and walks all of them to reach a column stored after it (6x the time of a 45 KB feed's lookup, measured),
-- so the table is rebuilt with etag, Last-Modified and input key before the body. The lookup stays one
-- primary-key row (one row read on D1; a second, covering index would read two).
CREATE TABLE renditions_reordered (
  feed_id TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('rss', 'atom', 'json')),
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  input_key TEXT,
  body TEXT NOT NULL,
  PRIMARY KEY (feed_id, format)
);
INSERT INTO renditions_reordered (feed_id, format, etag, last_modified, input_key, body)
  SELECT feed_id, format, etag, last_modified, input_key, body FROM renditions;
DROP TABLE renditions;
ALTER TABLE renditions_reordered RENAME TO renditions;
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
