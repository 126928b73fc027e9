-- How many refreshes in a row have failed to read the feed's source, shown on /healthz (README, "Health").
-- NULL (every row before this migration, and a feed never refreshed since) counts as none.
ALTER TABLE feed_state ADD COLUMN consecutive_failures INTEGER;
