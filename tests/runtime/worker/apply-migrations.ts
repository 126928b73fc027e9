/**
 * @module tests/runtime/worker/apply-migrations
 * Setup file for every Workers test file: applies migrations/*.sql to the D1 binding, exactly as
 * `wrangler d1 migrations apply` would (the files are read in Node by vitest.workers.config.ts).
 */
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
