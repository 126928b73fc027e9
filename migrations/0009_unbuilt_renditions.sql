-- A feed is served only once a refresh has read its source (README, "Routes": 503 + Retry-After before).
-- Lede before this rule rendered a feed whose every refresh had failed as an empty feed dated 1970; drop such
-- renditions, so those feeds answer 503 like any feed not built yet, until their source answers.
DELETE FROM renditions
WHERE feed_id NOT IN (SELECT feed_id FROM feed_state WHERE last_success_at IS NOT NULL);
