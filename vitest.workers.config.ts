/**
 * Workers tests (tests/worker/**), run inside workerd by @cloudflare/vitest-plugin:
 * `npm run test:worker`. Bindings come from wrangler.toml; test-only additions are under `miniflare`.
 * The Node tests have their own config (vitest.config.ts), which excludes this folder.
 */
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      wrangler: { configPath: './wrangler.toml' },
      // Everything runs locally: never proxy bindings to a Cloudflare account.
      remoteBindings: false,
      miniflare: {
        // Read in Node, applied inside workerd by tests/worker/apply-migrations.ts.
        bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations') },
      },
    })),
  ],
  test: {
    include: ['tests/worker/**/*.test.ts'],
    globalSetup: ['tests/worker/fixture-origin.ts'],
    setupFiles: ['tests/worker/apply-migrations.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
