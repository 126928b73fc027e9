
-- Leases (src/store/store.ts `acquireLease`): a named lock with an expiry, so two Worker invocations (a
-- cron tick, a queue consumer, the admin route) never refresh the same feed at once. Instants are UTC
-- ISO 8601 strings from `Date#toISOString`, so text order is time order.
CREATE TABLE IF NOT EXISTS leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
