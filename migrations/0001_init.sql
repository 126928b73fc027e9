-- Lede's storage schema, the one source for both backends: each migrations/NNNN_*.sql is applied once, in
-- order, by wrangler on D1 (`wrangler d1 migrations apply`) and by src/store/sqlite-migrations.ts on Node
-- (which records the last in PRAGMA user_version). A change goes into a new file; applied statements never change.
-- JSON columns hold the plain shapes of src/core/store.ts; no column ever holds a full article body.

CREATE TABLE IF NOT EXISTS feed_state (
  feed_id TEXT PRIMARY KEY,
  source_etag TEXT,
  source_last_modified TEXT,
  last_refresh_at TEXT,
  last_success_at TEXT,
  last_report TEXT
);

CREATE TABLE IF NOT EXISTS articles (
  feed_id TEXT NOT NULL,
  source_url TEXT NOT NULL,
  entry_hash TEXT NOT NULL,
  entry TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'ready', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  discovered_at TEXT NOT NULL,
  fetched_at TEXT,
  etag TEXT,
  last_modified TEXT,
  body_hash TEXT,
  excerpt_hash TEXT,
  item TEXT,
  published TEXT,
  error TEXT,
  PRIMARY KEY (feed_id, source_url)
);

-- listPublished: ready articles of a feed, newest published first. `published` is the item's (else the
-- entry's) date normalised to UTC ISO 8601 by src/store/rows.ts, so text order is time order.
CREATE INDEX IF NOT EXISTS articles_by_state ON articles (feed_id, state, published DESC, discovered_at DESC);

-- listPending: a feed's pending articles, oldest discovered first.
CREATE INDEX IF NOT EXISTS articles_pending ON articles (feed_id, discovered_at) WHERE state = 'pending';

CREATE TABLE IF NOT EXISTS renditions (
  feed_id TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('rss', 'atom', 'json')),
  body TEXT NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  PRIMARY KEY (feed_id, format)
);
