-- Lede's storage schema, shared by node:sqlite (src/store/sqlite.ts) and D1 (migrations/).
-- JSON columns hold the plain shapes of src/store/store.ts; no column ever holds a full article body.
-- migrations/*.sql, concatenated in order, are byte-for-byte this file (tests/store-sqlite.test.ts checks
-- it): node:sqlite applies this file on every open (hence IF NOT EXISTS), wrangler applies each migration
-- once on D1. A later change goes into a new migrations/000N_*.sql AND at the end of this file.

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

-- listItems: ready articles of a feed, newest published first. `published` is the item's (else the
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

-- Leases (src/store/store.ts `acquireLease`): a named lock with an expiry, so two Worker invocations (a
-- cron tick, a queue consumer, the admin route) never refresh the same feed at once. Instants are UTC
-- ISO 8601 strings from `Date#toISOString`, so text order is time order.
CREATE TABLE IF NOT EXISTS leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- 0003, the licence engine (src/core/license): each stored item's audit trail, and takedowns.
-- What the licence stage recorded when it cut an item's excerpt: the article's and the excerpt's word
-- counts, the share, the effective policy (JSON, with the reasons it is stricter than the licence) and
-- the publisher's signals it was resolved from (JSON). With body_hash, excerpt_hash and fetched_at they
-- let `GET /feeds/{id}/audit` re-verify every item without the body, which is never stored.
-- SQLite has no ADD COLUMN IF NOT EXISTS: src/store/sqlite.ts skips an ALTER whose column exists.
ALTER TABLE articles ADD COLUMN article_words INTEGER;
ALTER TABLE articles ADD COLUMN excerpt_words INTEGER;
ALTER TABLE articles ADD COLUMN share REAL;
ALTER TABLE articles ADD COLUMN policy TEXT;
ALTER TABLE articles ADD COLUMN signals TEXT;

-- The per-source kill switch (`POST /admin/takedown/{id}`, lifted by `DELETE`): while a feed has a row
-- here it answers 410 Gone, its renditions are invisible, and writes of its articles, renditions and
-- state are ignored, so a refresh already in flight cannot bring it back.
CREATE TABLE IF NOT EXISTS takedowns (
  feed_id TEXT PRIMARY KEY,
  taken_down_at TEXT NOT NULL,
  reason TEXT
);

-- 0004, polite pulling: the earliest instant the source may be fetched again — from its own
-- Cache-Control max-age (RFC 9111 §5.2.2.1) or a Retry-After on 429/503 (RFC 9110 §10.2.3).
ALTER TABLE feed_state ADD COLUMN source_not_before TEXT;

-- 0005, what each site says about re-use (robots.txt, tdmrep.json, RSL) as core/signals read it,
-- kept for 24 hours as RFC 9309 §2.4 allows, so a refresh does not spend two requests on them every
-- run (on Workers, two of an invocation's 50 subrequests). An unreachable robots.txt is never kept.
CREATE TABLE IF NOT EXISTS site_signals (
  origin TEXT PRIMARY KEY,
  signals TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);

-- 0006, publishing without re-rendering: a hash of everything a rendition was rendered from (renderer
-- version, feed definition, public URL, the published records). Renderers are deterministic, so an equal
-- key means equal bytes: a refresh that changed nothing skips rendering (CPU is what binds on Workers).
ALTER TABLE renditions ADD COLUMN input_key TEXT;
