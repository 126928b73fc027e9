/**
 * @module runtime/worker
 * The Cloudflare Worker entry (wrangler.toml `main`): `fetch` serves the same routes as `npm start`,
 * `scheduled` runs the due refreshes on each Cron Trigger tick, `queue` consumes article messages when a
 * Queue is bound. The feed definitions were bundled at build time by scripts/bundle-feeds.ts from
 * `FEEDS_DIR` (default `feeds/`) into the module `lede:feeds`; they are validated at the first invocation.
 * Deployment and both refresh modes: docs/workers.md.
 */
import bundledFeeds from 'lede:feeds';
import { createLedeWorker } from './handlers.ts';

export default createLedeWorker(bundledFeeds);
