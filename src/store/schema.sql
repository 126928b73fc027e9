-- Lede's storage schema, shared by node:sqlite (src/store/sqlite.ts) and D1 (migrations/).
-- JSON columns hold the plain shapes of src/store/store.ts; no column ever holds a full article body.

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

CREATE INDEX IF NOT EXISTS articles_by_state ON articles (feed_id, state, published DESC, discovered_at DESC);

CREATE TABLE IF NOT EXISTS renditions (
  feed_id TEXT NOT NULL,
  format TEXT NOT NULL,
  body TEXT NOT NULL,
  etag TEXT NOT NULL,
  last_modified TEXT NOT NULL,
  PRIMARY KEY (feed_id, format)
);
