
-- 0003, the licence engine (src/core/license): each stored item's audit trail, and takedowns.
-- What the licence stage recorded when it cut an item's excerpt: the article's and the excerpt's word
-- counts, the share, the effective policy (JSON, with the reasons it is stricter than the licence) and
-- the publisher's signals it was resolved from (JSON). With body_hash, excerpt_hash and fetched_at they
-- let `GET /feeds/{id}/audit` re-verify every item without the body, which is never stored.
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
